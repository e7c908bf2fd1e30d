"""Acting for an organisation: find it (or add it), ask to act for it, and the decisions on that
request by the contact person (hand over) and the team (the queue)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.network import permissions, selectors
from som.network.forms import (
    AddOrganisationForm,
    ClaimForm,
    DeclineClaimForm,
    FindOrganisationForm,
    add_service_errors,
)
from som.network.models import Claim, Organisation
from som.network.services import claims
from som.network.validators import is_public_mail_domain

HANDLED_PER_PAGE = 50


def _next(request: HttpRequest) -> str:
    """Where to go once the person acts for an organisation: a safe `next`, else the membership
    application."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return reverse("membership:apply")


def _after(request: HttpRequest, claim: Claim) -> HttpResponse:
    if claim.status == Claim.Status.GRANTED:
        messages.success(
            request,
            _("You are the contact person of %(organisation)s now.")
            % {"organisation": claim.organisation},
        )
        return redirect(_next(request))
    messages.success(
        request,
        _(
            "Your request to act for %(organisation)s is sent. The SOM team looks at it and "
            "mails you its decision."
        )
        % {"organisation": claim.organisation},
    )
    return redirect("network:mine")


@login_required
def find(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    form = FindOrganisationForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = selectors.search_organisations(query) if query else []
    mine = set(selectors.organisations_contacted_by(person).values_list("pk", flat=True))
    waiting = set(
        selectors.claims_of(person)
        .filter(status=Claim.Status.PENDING)
        .values_list("organisation_id", flat=True)
    )
    context = {
        "form": form,
        "query": query,
        "results": [(o, o.pk in mine, o.pk in waiting) for o in found],
        "limit_reached": len(found) >= selectors.SEARCH_LIMIT,
        "next": _next(request),
    }
    return render(request, "network/find.html", context)


@login_required
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    proof = claims.proof_domain(person, organisation)
    form = ClaimForm(request.POST or None)
    form.fields["reason"].required = proof is None  # the team reads it before deciding
    if request.method == "POST" and form.is_valid():
        try:
            made = claims.claim_organisation(
                person=person, organisation=organisation, **form.cleaned_data
            )
        except claims.ClaimError as error:
            form.add_error(None, error.message)
        else:
            return _after(request, made)
    context = {
        "organisation": organisation,
        "form": form,
        "proof": proof,
        "is_contact": selectors.is_contact(person, organisation),
        "has_contact": selectors.contacts_of(organisation).exists(),
        "next": _next(request),
    }
    return render(request, "network/claim.html", context)


@login_required
def add(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    own = [d for d in selectors.recognised_domains(person) if not is_public_mail_domain(d)]
    initial = {"name": request.GET.get("name", "")[:200], "email_domains": "\n".join(own[:1])}
    form = AddOrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = claims.add_organisation(
                person=person,
                data=form.to_data(),
                reason=form.cleaned_data["reason"],
                job_title=form.cleaned_data["job_title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except claims.ClaimError as error:
            form.add_error(None, error.message)
        else:
            return _after(request, made)
    known = None
    if form.is_bound and "instellingsnummer" in form.errors:
        number = form.data.get("instellingsnummer", "")
        known = selectors.search_organisations(number, limit=1) if number.strip() else None
    context = {"form": form, "next": _next(request), "known": known[0] if known else None}
    return render(request, "network/add_organisation.html", context)


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request as the contact person (who can hand over) and the person who asked see it."""
    person = person_of(request)
    found = permissions.get_claim_for_contact(person, pk)
    context = {
        "claim": found,
        "is_claimant": found.person_id == person.pk,
        "is_contact": selectors.is_contact(person, found.organisation),
    }
    return render(request, "network/claim_detail.html", context)


@require_POST
@login_required
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_claim_for_contact(person, pk)
    if not selectors.is_contact(person, found.organisation) or found.person_id == person.pk:
        raise Http404
    step_down = request.POST.get("step_down") == "1"
    try:
        if found.status == Claim.Status.GRANTED and step_down:
            claims.step_down_as_contact(organisation=found.organisation, by=person)
        else:
            claims.grant_claim(claim=found, by=person, step_down=step_down)
    except claims.ClaimError as error:
        messages.error(request, error.message)
        return redirect("network:claim_detail", pk=found.pk)
    if step_down:
        messages.success(
            request,
            _("%(person)s is the contact person of %(organisation)s now, instead of you.")
            % {"person": found.person, "organisation": found.organisation},
        )
        return redirect("network:mine")
    messages.success(
        request,
        _("%(person)s is a contact person of %(organisation)s now too.")
        % {"person": found.person, "organisation": found.organisation},
    )
    return redirect("network:claim_detail", pk=found.pk)


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_claim_for_claimant(person, pk)
    try:
        claims.withdraw_claim(claim=found, by=person)
    except claims.ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("network:mine")


# --- The team's queue -----------------------------------------------------------------------------


@login_required
def team_claims(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    if not person.is_staff:
        raise Http404
    handled = (
        Claim.objects.exclude(status=Claim.Status.PENDING)
        .select_related("person", "organisation", "decided_by")
        .order_by("-decided_at", "-updated_at", "-pk")
    )
    pending = list(selectors.pending_claims())
    contacts = selectors.contacts_by_organisation([claim.organisation for claim in pending])
    context = {
        "pending": [(claim, contacts.get(claim.organisation_id, [])) for claim in pending],
        "handled": Paginator(handled, HANDLED_PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "network/team_claims.html", context)


@require_POST
@login_required
def team_grant(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_claim_for_team(person, pk)
    try:
        claims.grant_claim(claim=found, by=person)
    except claims.ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is the contact person of %(organisation)s now; they get a mail.")
            % {"person": found.person, "organisation": found.organisation},
        )
    return redirect("network:claims")


@login_required
def team_decline(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_claim_for_team(person, pk)
    form = DeclineClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims.decline_claim(claim=found, by=person, **form.cleaned_data)
        except claims.ClaimError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The request of %(person)s is declined; they get the reason by mail.")
                % {"person": found.person},
            )
            return redirect("network:claims")
    return render(request, "network/decline_claim.html", {"claim": found, "form": form})
