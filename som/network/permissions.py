"""The only gate to network objects: return the object or answer 404, for "missing" and
"not yours" alike."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.network import selectors
from som.network.models import Affiliation, Claim, Organisation, StaffInvitation


def can_manage_organisation(person: Person, organisation: Organisation) -> bool:
    """The SOM team manages every organisation; a contact person manages their own."""
    if not person.is_authenticated or not person.is_active:
        return False
    if person.is_staff:
        return True
    return selectors.organisations_contacted_by(person).filter(pk=organisation.pk).exists()


def get_organisation_for_contact(person: Person, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(person, organisation):
        raise Http404
    return organisation


def get_affiliation_for_contact(person: Person, organisation: Organisation, pk: int) -> Affiliation:
    """An affiliation of `organisation`, for someone who manages that organisation."""
    if not can_manage_organisation(person, organisation):
        raise Http404
    return get_object_or_404(
        Affiliation.objects.select_related("person", "organisation"),
        pk=pk,
        organisation=organisation,
    )


def get_claim_for_team(person: Person, pk: int) -> Claim:
    if not (person.is_authenticated and person.is_active and person.is_staff):
        raise Http404
    return get_object_or_404(Claim.objects.select_related("person", "organisation"), pk=pk)


def get_claim_for_claimant(person: Person, pk: int) -> Claim:
    if not person.is_authenticated:
        raise Http404
    return get_object_or_404(Claim.objects.select_related("organisation"), pk=pk, person=person)


def get_claim_for_contact(person: Person, pk: int) -> Claim:
    """A request about an organisation, for its contact persons and the team (who decide), and
    for the person who asked (who may withdraw it)."""
    claim = get_object_or_404(Claim.objects.select_related("person", "organisation"), pk=pk)
    if not person.is_authenticated or not person.is_active:
        raise Http404
    if claim.person_id == person.pk or person.is_staff:
        return claim
    if not selectors.is_contact(person, claim.organisation):
        raise Http404
    return claim


def get_staff_invitation_for_invitee(person: Person, pk: int) -> StaffInvitation:
    """An open invitation to one of the person's verified addresses."""
    if not person.is_authenticated:
        raise Http404
    return get_object_or_404(selectors.staff_invitations_for(person), pk=pk)


def get_staff_invitation_for_link(token: str) -> StaffInvitation:
    """The invitation a mailed link points at: holding the link is what lets one see it."""
    invitation = selectors.staff_invitation_for_token(token)
    if invitation is None:
        raise Http404
    return invitation
