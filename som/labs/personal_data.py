"""What the labs app knows about a person, for the GDPR export: proposals they write, their lab
memberships, session answers and attendance, and what they wrote in a lab."""

from typing import Any

from django.db.models import Q

from som.accounts.models import Person
from som.core import personal_data
from som.finance.models import Expense
from som.labs.models import Attendance, CoAuthor, LabMember, LogbookEntry, Proposal, Result
from som.labs.services.labs import end_memberships_of_erased


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(person: Person) -> dict[str, Any]:
    proposals = Proposal.objects.filter(
        Q(created_by=person) | Q(coauthors__person=person)
    ).distinct()
    return {
        "proposals": [
            {
                "title": p.title,
                "call": p.call.title,
                "status": p.status,
                "started_by_me": p.created_by_id == person.pk,
            }
            for p in proposals.select_related("call").order_by("pk")
        ],
        "co_authorships": [
            {
                "proposal": c.proposal.title,
                "invited_at": _day(c.invited_at),
                "accepted_at": _day(c.accepted_at),
                "is_expert": c.is_expert,
            }
            for c in CoAuthor.objects.filter(person=person).select_related("proposal")
        ],
        "lab_memberships": [
            {
                "lab": m.lab.title,
                "role": m.role,
                "is_expert": m.is_expert,
                "basis": m.takes_part_as,
                "invited_at": _day(m.invited_at),
                "accepted_at": _day(m.accepted_at),
                "ended_on": _day(m.ended_on),
                "end_reason": m.end_reason,
            }
            for m in LabMember.objects.filter(person=person)
            .select_related("lab", "basis_organisation")
            .order_by("pk")
        ],
        "lab_sessions": [
            {
                "lab": a.session.lab.title,
                "session": a.session.title,
                "starts_at": _day(a.session.starts_at),
                "coming": a.coming,
                "came": a.attended,
            }
            for a in Attendance.objects.filter(person=person).select_related("session__lab")
        ],
        "logbook_entries_written": [
            {"lab": e.lab.title, "title": e.title, "date": _day(e.written_on)}
            for e in LogbookEntry.objects.filter(written_by=person).select_related("lab")
        ],
        "lab_expenses_submitted": [
            {
                "budget": e.budget.name,
                "date": _day(e.spent_on),
                "amount": str(e.amount),
                "description": e.description,
                "status": e.status,
            }
            for e in Expense.objects.filter(submitted_by=person).select_related("budget")
        ],
        "lab_results_written": [
            {"lab": r.lab.title, "title": r.title, "published_at": _day(r.published_at)}
            for r in Result.objects.filter(written_by=person).select_related("lab")
        ],
    }


def erase(person: Person) -> None:
    """Their lab memberships end; the rows of the lab's history and the proposals' co-authors
    stay, nameless; an open invitation to one of their addresses goes."""
    end_memberships_of_erased(person=person)
    erased = personal_data.erased_email(person)
    addressed = Q(pk__in=[])
    for address in personal_data.addresses_of(person):
        addressed |= Q(email__iexact=address)
    LabMember.objects.filter(Q(person=person) | addressed).update(email=erased)
    CoAuthor.objects.filter(addressed, person__isnull=True).delete()
    for coauthor in CoAuthor.objects.filter(person=person):
        # One row per proposal and address: a second row for the same person gets its own.
        taken = CoAuthor.objects.filter(proposal=coauthor.proposal_id, email=erased).exists()
        coauthor.email = f"erased-{person.pk}-{coauthor.pk}@erased.invalid" if taken else erased
        coauthor.save(update_fields=["email"])
