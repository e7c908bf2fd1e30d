"""Shared reads about calls and proposals."""

import datetime
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.events.models import Event, ProgrammeItem
from som.events.programme import SlotLine
from som.labs import eligibility
from som.labs.models import Call, CoAuthor, Proposal, ProposalRevision
from som.membership.entitlements import lab_participation
from som.network.models import Affiliation, Organisation

# The fields of a proposal that a revision keeps and the history compares, in form order.
SNAPSHOT_FIELDS = (
    "title",
    "summary",
    "challenge",
    "beyond_one_school",
    "approach",
    "duration_months",
    "expertise_needed",
    "room_needed",
)


def open_calls() -> QuerySet[Call]:
    """Calls that take proposals now, the nearest deadline first."""
    return (
        Call.objects.filter(status=Call.Status.OPEN, deadline__gt=timezone.now())
        .select_related("network_day")
        .order_by("deadline")
    )


def calls_for_team() -> QuerySet[Call]:
    return Call.objects.select_related("network_day").annotate(
        proposal_count=Count("proposals", filter=~Q(proposals__status=Proposal.Status.DRAFT))
    )


def authored_by(person: Person) -> Q:
    """Proposals the person started or co-writes (accepted invitation)."""
    return Q(created_by=person) | Q(coauthors__person=person, coauthors__accepted_at__isnull=False)


def proposals_of(person: Person) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(pk__in=Proposal.objects.filter(authored_by(person)).values("pk"))
        .select_related("call")
        .order_by("-updated_at")
    )


def invitations_of(person: Person) -> QuerySet[CoAuthor]:
    """Invitations waiting for the person's answer."""
    return (
        CoAuthor.objects.filter(person=person, accepted_at__isnull=True)
        .select_related("proposal__call", "invited_by")
        .order_by("-invited_at")
    )


def proposals_for_team(call: Call) -> QuerySet[Proposal]:
    """A call's proposals with what the team's list shows, in a fixed number of queries."""
    return (
        Proposal.objects.filter(call=call)
        .select_related("created_by", "pitch_slot", "screened_by")
        .annotate(
            author_count=Count(
                "coauthors",
                filter=Q(coauthors__accepted_at__isnull=False, coauthors__is_expert=False),
            )
        )
        .order_by("status", "title")
    )


def pitch_slots_for(call: Call) -> QuerySet[ProgrammeItem]:
    """The pitch items of the call's network day (none without a network day)."""
    if call.network_day_id is None:
        return ProgrammeItem.objects.none()
    return ProgrammeItem.objects.filter(
        event_id=call.network_day_id, kind=ProgrammeItem.Kind.PITCH
    ).order_by("starts_at", "pk")


def pitched_proposals_for_event(event: Event) -> QuerySet[Proposal]:
    """The proposals pitched at an event, in programme order (slot start, then order in slot).
    For the event page: each proposal's `pitch_slot_id` says under which programme item it goes."""
    return (
        Proposal.objects.filter(pitch_slot__event=event)
        .exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.NOT_ELIGIBLE])
        .select_related("pitch_slot")
        .order_by("pitch_slot__starts_at", "pitch_slot_id", "pitch_order", "title")
    )


def pitches_by_slot(event: Event) -> dict[int, list[Proposal]]:
    grouped: dict[int, list[Proposal]] = {}
    for proposal in pitched_proposals_for_event(event):
        assert proposal.pitch_slot_id is not None
        grouped.setdefault(proposal.pitch_slot_id, []).append(proposal)
    return grouped


def pitch_lines(event: Event, items: list[ProgrammeItem]) -> dict[int, list[SlotLine]]:
    """For the event page's programme: the proposals pitched in each slot, title and summary."""
    if not any(item.kind == ProgrammeItem.Kind.PITCH for item in items):
        return {}
    return {
        slot_id: [SlotLine(proposal.title, proposal.summary) for proposal in proposals]
        for slot_id, proposals in pitches_by_slot(event).items()
    }


def counting_coauthors(proposal: Proposal) -> QuerySet[CoAuthor]:
    return proposal.coauthors.filter(
        accepted_at__isnull=False, is_expert=False, person__isnull=False
    ).select_related("person")


def organisations_on(person: Person, on: datetime.date) -> QuerySet[Organisation]:
    """The organisations a person works for on a day: an affiliation running that day, or a
    verified address on the organisation's email domain (as `network.selectors.organisations_of`
    does for today)."""
    affiliated = Affiliation.objects.filter(person=person, since__lte=on).filter(
        Q(until__isnull=True) | Q(until__gt=on)
    )
    domains = [
        email.rsplit("@", 1)[-1].lower()
        for email in EmailAddress.objects.filter(user=person, verified=True).values_list(
            "email", flat=True
        )
    ]
    return (
        Organisation.objects.filter(
            Q(pk__in=affiliated.values("organisation_id")) | Q(email_domains__domain__in=domains)
        )
        .distinct()
        .prefetch_related("levels")
    )


def _organisation_facts(organisation: Organisation) -> eligibility.OrganisationFacts:
    levels = list(organisation.levels.all())
    labels: dict[str, Any] = {level.code: str(level) for level in levels}
    labels[organisation.network] = organisation.get_network_display()
    labels[organisation.sector] = organisation.get_sector_display()
    return eligibility.OrganisationFacts(
        pk=organisation.pk,
        name=organisation.name,
        levels=frozenset(level.code for level in levels),
        network=organisation.network,
        sector=organisation.sector,
        labels={code: str(label) for code, label in labels.items()},
    )


def author_facts(person: Person, on: datetime.date) -> eligibility.AuthorFacts:
    entitlement = lab_participation(person, on)
    return eligibility.AuthorFacts(
        name=str(person),
        organisations=tuple(_organisation_facts(org) for org in organisations_on(person, on)),
        entitled=entitlement.granted,
        entitlement_code=entitlement.code,
    )


def eligibility_of(proposal: Proposal, on: datetime.date | None = None) -> list[eligibility.Rule]:
    """Every rule for the proposal on a day (today by default: the day it would be submitted)."""
    day = on or timezone.localdate()
    authors = [author_facts(coauthor.person, day) for coauthor in counting_coauthors(proposal)]  # type: ignore[arg-type]
    return eligibility.check(
        authors=authors,
        duration_months=proposal.duration_months,
        requested_budget=proposal.requested_budget,
        max_budget=proposal.call.max_budget_per_proposal,
        on=day,
    )


def snapshot(proposal: Proposal) -> dict[str, Any]:
    """The content of a proposal as plain JSON: what a revision stores."""
    data: dict[str, Any] = {name: getattr(proposal, name) for name in SNAPSHOT_FIELDS}
    data["speerpunten"] = sorted(s.name for s in proposal.speerpunten.all())
    data["budget_lines"] = [
        {"description": line.description, "amount": str(line.amount)}
        for line in proposal.budget_lines.all()
    ]
    return data


def revisions_of(proposal: Proposal) -> QuerySet[ProposalRevision]:
    return proposal.revisions.select_related("author")


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(
            f"{item['description']}: € {item['amount']}" if isinstance(item, dict) else str(item)
            for item in value
        )
    return "" if value is None else str(value)


def field_diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between a revision and the current text, in form order."""
    labels = {
        f.name: str(f.verbose_name)
        for f in Proposal._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    labels["budget_lines"] = str(_("budget lines"))
    changes = []
    for name in (*SNAPSHOT_FIELDS, "speerpunten", "budget_lines"):
        before, after = _as_text(old.get(name)), _as_text(new.get(name))
        if before != after:
            changes.append(FieldChange(name, labels.get(name, name), before, after))
    return changes
