from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.finance.models import Invoice
from som.finance.payment_codes import formatted
from som.membership import permissions, selectors, services
from som.membership.forms import (
    ApplyForm,
    RepresentativeForm,
    ResignForm,
)
from som.membership.models import Membership

# --- Applying and the member's own page -----------------------------------------------------------


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    form = ApplyForm(request.POST or None, person=person, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(applicant=person, **form.cleaned_data)
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Thank you! Your application is sent; the SOM team will look at it.")
            )
            return redirect("membership:mine")
    return render(request, "membership/apply.html", {"form": form})


@dataclass(frozen=True)
class InvoiceLine:
    invoice: Invoice
    reference: str


@dataclass(frozen=True)
class MembershipCard:
    membership: Membership
    invoices: list[InvoiceLine]

    @property
    def is_running(self) -> bool:
        return self.membership.status in (
            Membership.Status.ACTIVE,
            Membership.Status.AWAITING_PAYMENT,
        )

    @property
    def has_representative(self) -> bool:
        """Only a general member (an organisation with a vote) has a GA representative."""
        return (
            self.membership.organisation is not None and self.membership.membership_type.gives_vote
        )


def _cards(memberships: list[Membership]) -> list[MembershipCard]:
    invoices = selectors.invoices_by_membership(memberships)
    return [
        MembershipCard(
            membership=membership,
            invoices=[
                InvoiceLine(invoice=invoice, reference=formatted(invoice.structured_reference))
                for invoice in invoices[membership.pk]
            ],
        )
        for membership in memberships
    ]


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    cards = _cards(list(selectors.memberships_of_person(person)))
    context = {
        "cards": cards,
        "applications": list(selectors.pending_applications_of_person(person)),
        "register_entries": list(selectors.register_entries_of_contact(person)),
    }
    return render(request, "membership/mine.html", context)


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = permissions.get_application_for_applicant(person_of(request), pk)
    try:
        services.withdraw(application=application, by=person_of(request))
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("membership:mine")


@login_required
def resign(request: HttpRequest, pk: int) -> HttpResponse:
    membership = permissions.get_membership_for_holder(person_of(request), pk)
    form = ResignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resign(membership=membership, by=person_of(request), **form.cleaned_data)
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The membership of %(holder)s has ended.") % {"holder": membership.holder_name},
            )
            return redirect("membership:mine")
    return render(request, "membership/resign.html", {"membership": membership, "form": form})


@login_required
def representative(request: HttpRequest, pk: int) -> HttpResponse:
    membership = permissions.get_membership_for_holder(person_of(request), pk)
    if membership.organisation is None or not membership.membership_type.gives_vote:
        raise Http404
    initial = {"representative": membership.representative_id}
    form = RepresentativeForm(
        request.POST or None, organisation=membership.organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_representative(
                membership=membership, by=person_of(request), **form.cleaned_data
            )
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s represents %(holder)s in the general assembly now.")
                % {"person": form.cleaned_data["representative"], "holder": membership.holder_name},
            )
            return redirect("membership:mine")
    return render(
        request, "membership/representative.html", {"membership": membership, "form": form}
    )
