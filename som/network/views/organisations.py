from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core.errors import DomainError
from som.network import permissions, selectors, services
from som.network.forms import OrganisationForm, StaffMemberForm, add_service_errors
from som.network.models import StaffInvitation
from som.network.services import invitations

# Above this many people, the staff page offers a search box.
STAFF_SEARCH_FROM = 10


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    context = {
        "memberships": selectors.my_organisations(person),
        "claims": list(selectors.claims_of(person)[:10]),
        "to_hand_over": list(selectors.claims_to_hand_over(person)),
    }
    return render(request, "network/my_organisations.html", context)


@login_required
def edit_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_contact(person_of(request), slug)
    initial = OrganisationForm.initial_from(services.data_of(organisation))
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation, data=form.to_data(), by=person_of(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The details of %(name)s are saved.") % {"name": organisation.name}
            )
            return redirect("network:edit", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    return render(request, "network/edit_organisation.html", context)


@login_required
def staff(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_contact(person_of(request), slug)
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite_staff_member(
                organisation=organisation, by=person_of(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _invited_message(invitation))
            return redirect("network:staff", slug=organisation.slug)
    query = request.GET.get("q", "").strip()
    members = list(selectors.staff_of(organisation, search=query))
    context = {"organisation": organisation, "form": form, "members": members, "query": query}
    context["invitations"] = list(selectors.open_staff_invitations(organisation))
    context["now"] = timezone.now()
    context["show_search"] = bool(query) or len(members) > STAFF_SEARCH_FROM
    return render(request, "network/staff.html", context)


def _invited_message(invitation: StaffInvitation) -> str:
    if invitation.accepted_at is not None:
        # Only an address on the organisation's own domain is put on the list at once.
        return _("%(email)s is on the staff list now: the address is on your domain.") % {
            "email": invitation.email
        }
    # The same answer whether the address has an account or not.
    return _(
        "We sent an invitation to %(email)s. Your colleague is on the staff list once they "
        "accept it."
    ) % {"email": invitation.email}


@require_POST
@login_required
def end_staff(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = permissions.get_organisation_for_contact(person_of(request), slug)
    affiliation = permissions.get_affiliation_for_contact(person_of(request), organisation, pk)
    try:
        services.end_affiliation(affiliation=affiliation, by=person_of(request))
    except services.StaffError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is no longer on the staff list.") % {"person": affiliation.person},
        )
    if not permissions.can_manage_organisation(person_of(request), organisation):
        return redirect("network:mine")  # they ended their own role as contact person
    return redirect("network:staff", slug=organisation.slug)
