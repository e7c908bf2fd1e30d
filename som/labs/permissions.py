"""The only gate to calls and proposals: return the object or answer 404, for "missing" and
"not yours" alike. A draft is seen by its authors and the team only."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
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


# --- Labs at work: the group (current members), its leads, the team; the public sees what is
# published. Every gate answers 404 for "missing" and "not yours" alike. --------------------------


def _is_team(person: Person) -> bool:
    return bool(person.is_authenticated and person.is_active and person.is_staff)


def get_public_lab(slug: str) -> Lab:
    return get_object_or_404(Lab.objects.prefetch_related("speerpunten"), slug=slug)


def get_lab_for_member(person: Person, slug: str) -> Lab:
    """The group's pages: its current members and the team."""
    if not person.is_authenticated:
        raise Http404
    labs = Lab.objects.select_related("budget")
    if not _is_team(person):
        labs = labs.filter(pk__in=selectors.labs_of(person).values("pk"))
    return get_object_or_404(labs, slug=slug)


def get_lab_for_lead(person: Person, slug: str) -> Lab:
    """What leads manage (and the team, which may act for them)."""
    lab = get_lab_for_member(person, slug)
    if not (_is_team(person) or selectors.is_lead(lab, person)):
        raise Http404
    return lab


def get_lab_for_team(person: Person, slug: str) -> Lab:
    require_team(person)
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
    if not (_is_team(person) or (person.is_authenticated and selectors.is_lead(lab, person))):
        raise Http404
    return expense


def _can_read_private(person: Person, lab: Lab) -> bool:
    return _is_team(person) or (person.is_authenticated and selectors.is_member(lab, person))


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
    if not (_is_team(person) or entry.written_by_id == person.pk or selectors.is_lead(lab, person)):
        raise Http404
    return entry
