"""The only gate to calls and proposals: return the object or answer 404, for "missing" and
"not yours" alike. A draft is seen by its authors and the team only."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.labs import selectors
from som.labs.models import Call, CoAuthor, Proposal


def require_team(person: Person) -> None:
    if not (person.is_authenticated and person.is_active and person.is_staff):
        raise Http404


def get_open_call(pk: int) -> Call:
    return get_object_or_404(selectors.open_calls(), pk=pk)


def get_proposal_for_author(person: Person, pk: int) -> Proposal:
    """A proposal the person started or co-writes (accepted), or any proposal for the team."""
    if not person.is_authenticated:
        raise Http404
    proposals = Proposal.objects.select_related("call", "created_by")
    if not person.is_staff:
        proposals = proposals.filter(
            pk__in=Proposal.objects.filter(selectors.authored_by(person)).values("pk")
        )
    return get_object_or_404(proposals, pk=pk)


def get_invitation_for_invitee(person: Person, pk: int) -> CoAuthor:
    if not person.is_authenticated:
        raise Http404
    return get_object_or_404(selectors.invitations_of(person), pk=pk)


def get_call_for_team(person: Person, pk: int) -> Call:
    require_team(person)
    return get_object_or_404(Call.objects.select_related("network_day"), pk=pk)


def get_proposal_for_team(person: Person, pk: int) -> Proposal:
    require_team(person)
    return get_object_or_404(
        Proposal.objects.select_related("call__network_day", "created_by", "pitch_slot"), pk=pk
    )
