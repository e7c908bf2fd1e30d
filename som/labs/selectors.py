"""Shared reads about calls and proposals, and about labs at work."""

import datetime
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.selectors import verified_emails_query
from som.events.models import Event, ProgrammeItem
from som.events.programme import SlotLine
from som.events.team_links import TeamLink
from som.finance.models import Expense
from som.labs import eligibility
from som.labs.models import (
    Attendance,
    Call,
    CoAuthor,
    Lab,
    LabMember,
    LabSession,
    LabStatusChange,
    LogbookEntry,
    Proposal,
    ProposalRevision,
    Result,
    YearEntry,
)
from som.membership.entitlements import lab_participation
from som.network.models import Affiliation, Organisation
from som.voting.models import Poll

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


def selection_calls() -> QuerySet[Call]:
    """Calls with what the selection vote's pages show: the poll and the network day."""
    return Call.objects.select_related("poll", "network_day")


def option_labels(poll: Poll) -> dict[int, str]:
    """The labels of a poll's options by id (the bulletin board of ballots names them)."""
    return dict(poll.options.values_list("pk", "label"))


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


def selection_links(event: Event) -> list[TeamLink]:
    """For the team on a network day's page: the control page of each call voted on there."""
    return [
        TeamLink(
            label=_("Selection vote: %(call)s") % {"call": call.title},
            url=reverse("labs:selection", kwargs={"call_id": call.pk}),
        )
        for call in Call.objects.filter(network_day=event).order_by("deadline", "pk")
    ]


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
    """Invitations to one of the person's verified addresses that wait for their answer."""
    if not person.is_authenticated:
        return CoAuthor.objects.none()
    return (
        CoAuthor.objects.filter(email__in=verified_emails_query(person), accepted_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
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


# --- Labs at work --------------------------------------------------------------------------------

# The entitlement codes that let a person take part in a lab (som.membership.entitlements).
ENTITLED_CODES = frozenset({"member_staff", "lab_member", "invited_expert"})
ENDED_STATUSES = (Lab.Status.FINISHED, Lab.Status.STOPPED)


def current_members(lab: Lab) -> QuerySet[LabMember]:
    """The group today: accepted and not ended, leads first."""
    return (
        LabMember.objects.filter(lab=lab, accepted_at__isnull=False, ended_on__isnull=True)
        .select_related("person", "basis_organisation")
        .order_by("role", "person__full_name", "pk")
    )


def current_members_everywhere() -> QuerySet[LabMember]:
    """Accepted, not ended, in any lab (to prefetch per lab on the team's list)."""
    return (
        LabMember.objects.filter(accepted_at__isnull=False, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )


def current_or_invited(lab: Lab) -> QuerySet[LabMember]:
    return LabMember.objects.filter(lab=lab, ended_on__isnull=True)


def invited_members(lab: Lab) -> QuerySet[LabMember]:
    """Invited, not yet accepted (nor declined)."""
    return (
        current_or_invited(lab)
        .filter(accepted_at__isnull=True)
        .select_related("person", "basis_organisation")
    )


def former_members(lab: Lab) -> QuerySet[LabMember]:
    return lab.members.filter(ended_on__isnull=False).select_related("person")


def recent_sessions(lab: Lab, count: int = 20) -> list[LabSession]:
    """The group page's sessions: the last `count` by start, the latest first."""
    return list(lab.sessions.order_by("-starts_at")[:count])


def status_history(lab: Lab) -> list[LabStatusChange]:
    return list(lab.status_changes.select_related("changed_by"))


def answers_to(session: LabSession) -> QuerySet[Attendance]:
    """Who said they come (or not) to a session."""
    return Attendance.objects.filter(session=session)


# --- The team's lab page ------------------------------------------------------------------------


def labs_with_leads() -> list[Lab]:
    """Every lab by title, with its budget and its current leads (`leads`)."""
    return list(
        Lab.objects.select_related("budget")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=current_members_everywhere().filter(role=LabMember.Role.LEAD),
                to_attr="leads",
            )
        )
        .order_by("title")
    )


def waiting_lab_expenses() -> list[Expense]:
    """Expenses of labs the team has still to decide, the oldest first."""
    return list(
        Expense.objects.filter(status=Expense.Status.SUBMITTED, budget__lab__isnull=False)
        .select_related("budget__lab", "submitted_by")
        .order_by("submitted_at")
    )


def draft_year_entries() -> list[YearEntry]:
    """Yearly report entries the team has still to approve (every school year)."""
    return list(YearEntry.objects.filter(status=YearEntry.Status.DRAFT).select_related("lab"))


def confirmed_without_lab() -> list[Proposal]:
    return list(
        Proposal.objects.filter(status=Proposal.Status.CONFIRMED, lab__isnull=True).select_related(
            "call"
        )
    )


def membership_of(lab: Lab, person: Person) -> LabMember | None:
    if not person.is_authenticated:
        return None
    return current_members(lab).filter(person=person).first()


def is_member(lab: Lab, person: Person) -> bool:
    return membership_of(lab, person) is not None


def is_in_group_of(slug: str, person: Person) -> bool:
    """Whether `person` is in the group of the lab `slug` today, in one query (a lab's page)."""
    return current_members_everywhere().filter(lab__slug=slug, person=person).exists()


def is_lead(lab: Lab, person: Person) -> bool:
    member = membership_of(lab, person)
    return member is not None and member.is_lead


def lead_emails(lab: Lab) -> list[str]:
    return [m.person.email for m in current_members(lab).filter(role=LabMember.Role.LEAD)]


def labs_of(person: Person) -> QuerySet[Lab]:
    """The labs a person is in now (accepted, not ended)."""
    return (
        Lab.objects.filter(
            members__person=person,
            members__accepted_at__isnull=False,
            members__ended_on__isnull=True,
        )
        .distinct()
        .order_by("title")
    )


def lab_invitations_of(person: Person) -> QuerySet[LabMember]:
    return LabMember.objects.filter(
        person=person, accepted_at__isnull=True, ended_on__isnull=True
    ).select_related("lab", "invited_by", "basis_organisation")


def members_to_check() -> QuerySet[LabMember]:
    """Current members whose basis is a membership (not invited experts) in labs still running."""
    return (
        LabMember.objects.filter(accepted_at__isnull=False, ended_on__isnull=True, is_expert=False)
        .exclude(lab__status__in=ENDED_STATUSES)
        .select_related("lab", "person")
    )


def expert_lab_name(person: Person, on: datetime.date, lab: object | None) -> str | None:
    """For som.membership.entitlements: the lab that invited the person as an expert (that lab
    when one is asked about, else any lab still running), or None."""
    experts = LabMember.objects.filter(
        person=person,
        is_expert=True,
        accepted_at__isnull=False,
        ended_on__isnull=True,
    ).exclude(lab__status__in=ENDED_STATUSES)
    if isinstance(lab, Lab):
        experts = experts.filter(lab=lab)
    return experts.values_list("lab__title", flat=True).first()


def public_labs(status: str = "", speerpunt: str = "") -> QuerySet[Lab]:
    labs = Lab.objects.prefetch_related("speerpunten").order_by("title")
    if status:
        labs = labs.filter(status=status)
    if speerpunt:
        labs = labs.filter(speerpunten__slug=speerpunt)
    return labs


def published_results(lab: Lab | None = None) -> QuerySet[Result]:
    results = Result.objects.filter(published_at__isnull=False).select_related(
        "lab", "programme_item__event"
    )
    if lab is not None:
        results = results.filter(lab=lab)
    return results.order_by("-published_at", "-pk")


def public_sessions(lab: Lab) -> QuerySet[LabSession]:
    """Sessions shown in the public timeline: marked public and not cancelled; a session whose
    reflection is public is shown by that entry instead."""
    return (
        lab.sessions.filter(is_public=True, cancelled_at__isnull=True)
        .exclude(reflection__is_public=True)
        .order_by("-starts_at")
    )


@dataclass(frozen=True)
class TimelineItem:
    day: datetime.date
    kind: str  # "session", "entry" or "result"
    title: str
    text: str = ""
    result: Result | None = None
    tried: str = ""
    learnt: str = ""
    next_steps: str = ""
    after_session: bool = False


_TIMELINE_COLUMNS = ("kind", "day", "title", "tried", "learnt", "next_steps", "after_session")


def _sessions_and_entries(lab: Lab) -> list[TimelineItem]:
    """Public sessions and public logbook entries in one query (a UNION): the public lab page
    keeps within its query budget however much the lab shares."""
    sessions = public_sessions(lab).annotate(
        kind=Value("session"),
        day=TruncDate("starts_at"),
        tried=Value(""),
        learnt=Value(""),
        next_steps=Value(""),
        after_session=Value(False),
    )
    entries = lab.logbook.filter(is_public=True).annotate(
        kind=Value("entry"),
        day=F("written_on"),
        after_session=ExpressionWrapper(Q(session__isnull=False), output_field=BooleanField()),
    )
    rows = (
        sessions.order_by()
        .values_list(*_TIMELINE_COLUMNS)
        .union(entries.order_by().values_list(*_TIMELINE_COLUMNS), all=True)
    )
    return [TimelineItem(**dict(zip(_TIMELINE_COLUMNS, row, strict=True))) for row in rows]


def public_timeline(lab: Lab) -> list[TimelineItem]:
    """Public sessions, public logbook entries and published results, newest first (two
    queries)."""
    items = _sessions_and_entries(lab)
    items += [
        TimelineItem(timezone.localtime(r.published_at).date(), "result", r.title, r.summary, r)  # type: ignore[arg-type]
        for r in published_results(lab)
    ]
    return sorted(items, key=lambda item: item.day, reverse=True)


def logbook_for(lab: Lab) -> QuerySet[LogbookEntry]:
    return (
        lab.logbook.select_related("written_by", "session")
        .prefetch_related("attachments")
        .order_by("-written_on", "-pk")
    )


def school_year_of(day: datetime.date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


@dataclass(frozen=True)
class YearPrefill:
    situation: str
    partners: str
    achievements: str
    challenges: str


def year_prefill(lab: Lab, school_year: str) -> YearPrefill:
    """A first draft of the year's entry from the lab's challenge and partners and that school
    year's recorded sessions, reflections and published results."""
    first = int(school_year[:4])
    start, end = datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31)
    sessions = list(
        lab.sessions.filter(
            starts_at__date__gte=start, starts_at__date__lte=end, recorded_at__isnull=False
        ).order_by("starts_at")
    )
    results = list(
        published_results(lab).filter(published_at__date__gte=start, published_at__date__lte=end)
    )
    next_steps = [
        entry.next_steps
        for entry in lab.logbook.filter(written_on__gte=start, written_on__lte=end).order_by(
            "-written_on"
        )
        if entry.next_steps
    ]
    lines = []
    if sessions:
        lines.append(
            _("%(count)d lab sessions: %(titles)s.")
            % {"count": len(sessions), "titles": "; ".join(s.title for s in sessions)}
        )
    lines += [f"{result.title}: {result.summary}" for result in reversed(results)]
    return YearPrefill(
        situation=lab.challenge,
        partners=", ".join(lab.partner_list),
        achievements="\n".join(lines),
        challenges=next_steps[0] if next_steps else "",
    )


def approved_year_entries(school_year: str) -> QuerySet[YearEntry]:
    """The annual report's labs: the longest running first, as the report tells them."""
    return (
        YearEntry.objects.filter(school_year=school_year, status=YearEntry.Status.APPROVED)
        .select_related("lab")
        .order_by("lab__starts_on", "lab__title")
    )


def waiting_year_entries(school_year: str) -> QuerySet[YearEntry]:
    return YearEntry.objects.filter(school_year=school_year, status=YearEntry.Status.DRAFT)


def school_years_with_entries() -> list[str]:
    """Every school year with an entry, approved or not: the report of a year whose entries
    still wait says so rather than hide the year."""
    return list(
        YearEntry.objects.values_list("school_year", flat=True).distinct().order_by("-school_year")
    )
