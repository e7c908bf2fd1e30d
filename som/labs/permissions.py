"""The only gate to calls, proposals, labs and the selection vote: return the object or answer
404, for "missing" and "not yours" alike. A draft is seen by its authors and the team only."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from som.accounts import roles
from som.accounts.models import Person
from som.core.roles import is_team, require_team_page
from som.finance.models import Expense
from som.labs import selectors
from som.labs.models import (
    Attachment,
    Call,
    CoAuthor,
    Lab,
    LabMember,
    LabSession,
    LogbookEntry,
    Proposal,
    Result,
    ResultFile,
    YearEntry,
)
from som.voting import permissions as voting_permissions


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
    require_team_page(person)
    return get_object_or_404(Call.objects.select_related("network_day"), pk=pk)


def get_proposal_for_team(person: Person, pk: int) -> Proposal:
    require_team_page(person)
    return get_object_or_404(
        Proposal.objects.select_related("call__network_day", "created_by", "pitch_slot"), pk=pk
    )


# --- Labs at work: the group (current members), its leads, the team; the public sees what is
# published. Every gate answers 404 for "missing" and "not yours" alike. --------------------------


def get_public_lab(slug: str) -> Lab:
    return get_object_or_404(Lab.objects.prefetch_related("speerpunten"), slug=slug)


def get_lab_for_member(person: Person, slug: str) -> Lab:
    """The group's pages: its current members and the team."""
    if not person.is_authenticated:
        raise Http404
    labs = Lab.objects.select_related("budget")
    if not is_team(person):
        labs = labs.filter(pk__in=selectors.labs_of(person).values("pk"))
    return get_object_or_404(labs, slug=slug)


def get_lab_for_lead(person: Person, slug: str) -> Lab:
    """What leads manage (and the team, which may act for them)."""
    lab = get_lab_for_member(person, slug)
    if not (is_team(person) or selectors.is_lead(lab, person)):
        raise Http404
    return lab


def get_lab_for_team(person: Person, slug: str) -> Lab:
    require_team_page(person)
    return get_object_or_404(Lab.objects.select_related("budget", "proposal"), slug=slug)


def get_session_for_member(person: Person, slug: str, pk: int) -> LabSession:
    lab = get_lab_for_member(person, slug)
    return get_object_or_404(LabSession.objects.select_related("lab"), lab=lab, pk=pk)


def get_member_for_lead(person: Person, slug: str, pk: int) -> LabMember:
    lab = get_lab_for_lead(person, slug)
    return get_object_or_404(LabMember.objects.select_related("lab", "person"), lab=lab, pk=pk)


def get_lab_invitation_for_invitee(person: Person, pk: int) -> LabMember:
    if not person.is_authenticated:
        raise Http404
    return get_object_or_404(selectors.lab_invitations_of(person), pk=pk)


def get_result_for_lead(person: Person, slug: str, pk: int) -> Result:
    lab = get_lab_for_lead(person, slug)
    return get_object_or_404(Result.objects.select_related("lab"), lab=lab, pk=pk)


def get_expense_for_team(person: Person, slug: str, pk: int) -> tuple[Lab, Expense]:
    lab = get_lab_for_team(person, slug)
    return lab, get_object_or_404(Expense, budget_id=lab.budget_id, pk=pk)


def get_receipt_for_reader(person: Person, pk: int) -> Expense:
    """Receipts: the lab's leads and the team."""
    expense = get_object_or_404(Expense.objects.select_related("budget__lab"), pk=pk)
    if not expense.receipt:
        raise Http404
    lab = expense.budget.lab
    if not (is_team(person) or (person.is_authenticated and selectors.is_lead(lab, person))):
        raise Http404
    return expense


def _can_read_private(person: Person, lab: Lab) -> bool:
    return is_team(person) or (person.is_authenticated and selectors.is_member(lab, person))


def get_attachment_for_reader(person: Person, pk: int) -> Attachment:
    """A public entry's attachment for everybody; a private one for the group and the team."""
    attachment = get_object_or_404(Attachment.objects.select_related("entry__lab"), pk=pk)
    if not (attachment.entry.is_public or _can_read_private(person, attachment.entry.lab)):
        raise Http404
    return attachment


def get_result_file_for_reader(person: Person, pk: int) -> ResultFile:
    """A published result's file for everybody; a draft's for the group and the team. A photo
    whose people no longer consent (revoked or expired in the register) only for the group and
    the team, who must see what they may no longer show."""
    result_file = get_object_or_404(
        ResultFile.objects.select_related("result__lab", "consent"), pk=pk
    )
    result = result_file.result
    if _can_read_private(person, result.lab):
        return result_file
    if result.published_at is None or not result_file.may_be_shown:
        raise Http404
    return result_file


def get_published_result(slug: str, pk: int) -> Result:
    return get_object_or_404(
        selectors.published_results().prefetch_related("files__consent"),
        lab__slug=slug,
        pk=pk,
    )


def get_year_entry_for_lead(person: Person, slug: str, pk: int) -> YearEntry:
    lab = get_lab_for_lead(person, slug)
    return get_object_or_404(YearEntry.objects.select_related("lab"), lab=lab, pk=pk)


def get_entry_for_editor(person: Person, slug: str, pk: int) -> LogbookEntry:
    """A logbook entry its author (still in the group), a lead or the team may change."""
    lab = get_lab_for_member(person, slug)
    entry = get_object_or_404(
        LogbookEntry.objects.select_related("lab", "session", "written_by"), lab=lab, pk=pk
    )
    if not (is_team(person) or entry.written_by_id == person.pk or selectors.is_lead(lab, person)):
        raise Http404
    return entry


# --- The selection vote of a call (som/labs/views/selection.py) ------------------------------------


def is_board(person: Person | None) -> bool:
    """Holds a board mandate today. The team as such is not the board."""
    return bool(
        person
        and person.is_authenticated
        and person.is_active
        and roles.is_board_member(person, timezone.localdate())
    )


def get_call_for_vote(pk: int) -> Call:
    """The ballot's call: any signed-in person (the poll's electorate is asked on the page)."""
    return get_object_or_404(selectors.selection_calls(), pk=pk)


def get_call_for_screen(person: Person, pk: int) -> Call:
    """The big screen: the team."""
    if not is_team(person):
        raise Http404
    return get_object_or_404(selectors.selection_calls(), pk=pk)


def get_call_for_control(person: Person, pk: int) -> Call:
    """The control page: the team runs the vote, a board member confirms it."""
    if not (is_team(person) or is_board(person)):
        raise Http404
    return get_object_or_404(selectors.selection_calls(), pk=pk)


def get_call_for_result(person: Person | None, pk: int) -> Call:
    """The selection's outcome is public once published (the network day hears it, and the labs
    it funds are public), the team's once closed: the result rule of som.voting.permissions,
    without its electorate. The poll itself and its turnout stay with its electorate."""
    call = get_object_or_404(selectors.selection_calls(), pk=pk)
    if call.poll is None or not voting_permissions.may_read_result(person, call.poll):
        raise Http404
    return call
