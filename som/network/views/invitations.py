"""Staff invitations: the contact sends one again or withdraws it; the invitee answers from the
link in the mail or from Mijn SOM."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.accounts.selectors import verified_emails
from som.core.errors import DomainError
from som.network import permissions
from som.network.models import StaffInvitation
from som.network.services import StaffError, invitations


@require_POST
@login_required
def resend(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_contact(person_of(request), slug)
    email = request.POST.get("email", "")
    try:
        invitations.resend_staff_invitation(
            organisation=organisation, email=email, by=person_of(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("We sent the invitation to %(email)s again.") % {"email": email}
        )
    return redirect("network:staff", slug=organisation.slug)


@require_POST
@login_required
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_contact(person_of(request), slug)
    email = request.POST.get("email", "")
    try:
        invitations.withdraw_staff_invitation(
            organisation=organisation, email=email, by=person_of(request)
        )
    except StaffError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": email})
    return redirect("network:staff", slug=organisation.slug)


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page the mailed link opens: who invites, and the way to accept or decline."""
    found = permissions.get_staff_invitation_for_link(token)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or to decline the invitation."))
            return redirect(request.path)
        if answer == "accept" and not request.user.is_authenticated:
            return redirect_to_login(request.path)
        return _answer(request, found, accept=answer == "accept")
    is_invitee = request.user.is_authenticated and found.email in verified_emails(
        person_of(request)
    )
    context = {
        "invitation": found,
        "expired": found.is_open and found.expires_at <= timezone.now(),
        "is_invitee": is_invitee,
    }
    return render(request, "network/invitation.html", context)


def _answer(request: HttpRequest, found: StaffInvitation, *, accept: bool) -> HttpResponse:
    who = person_of(request) if request.user.is_authenticated else None
    try:
        if accept and who is not None:
            invitations.accept_staff_invitation(invitation=found, person=who)
        else:
            invitations.decline_staff_invitation(invitation=found, person=who)
    except StaffError as error:
        messages.error(request, error.message)
        return redirect(request.path)
    organisation = found.organisation
    if accept:
        messages.success(
            request,
            _("You are on the staff list of %(organisation)s now.")
            % {"organisation": organisation},
        )
        return redirect("network:mine")
    messages.success(
        request,
        _("You declined the invitation of %(organisation)s.") % {"organisation": organisation},
    )
    return redirect("my_som:home") if who else redirect(request.path)


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """From Mijn SOM: an open invitation to one of the person's verified addresses."""
    person = person_of(request)
    found = permissions.get_staff_invitation_for_invitee(person, pk)
    try:
        invitations.accept_staff_invitation(invitation=found, person=person)
    except StaffError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You are on the staff list of %(organisation)s now.")
            % {"organisation": found.organisation},
        )
    return redirect("my_som:home")


@require_POST
@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_staff_invitation_for_invitee(person, pk)
    try:
        invitations.decline_staff_invitation(invitation=found, person=person)
    except StaffError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You declined the invitation of %(organisation)s.")
            % {"organisation": found.organisation},
        )
    return redirect("my_som:home")
