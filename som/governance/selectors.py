"""Shared reads: the statutes' numbers, who sits where on a day, who votes for which member,
attendance and proxies, the live quorum, the meetings a person sees and the register of
decisions (with the board's decisions taken elsewhere, som.core.decisions)."""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from som.accounts.models import Person
from som.core.decisions import Decision, other_decisions
from som.core.roles import is_team
from som.governance import rules
from som.governance.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    Body,
    ConvocationRecipient,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingRequest,
    Minutes,
    MotionKind,
    Proxy,
    Statutes,
)
from som.membership.models import Membership, MembershipYear
from som.membership.selectors import counting_on
from som.network.models import Affiliation, Organisation
from som.network.selectors import organisations_of
from som.voting.models import Poll, PollOption

# Roles that may convene and run meetings, besides the team.
SECRETARY_ROLES = (Mandate.Role.SECRETARY, Mandate.Role.CHAIR)
DECIDED = (
    AgendaItem.Outcome.ADOPTED,
    AgendaItem.Outcome.REJECTED,
    AgendaItem.Outcome.NO_QUORUM,
    AgendaItem.Outcome.TIED,
)


def statutes() -> Statutes:
    settings, _created = Statutes.objects.get_or_create(pk=1)
    return settings


def general_assembly() -> Body | None:
    return Body.objects.filter(kind=Body.Kind.GENERAL_ASSEMBLY).first()


def board() -> Body | None:
    return Body.objects.filter(kind=Body.Kind.BOARD).first()


# --- Mandates ---------------------------------------------------------------------------------


def mandates_on(on: datetime.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gt=on))


def board_mandates(on: datetime.date) -> QuerySet[Mandate]:
    return Mandate.objects.filter(mandates_on(on), body__kind=Body.Kind.BOARD).select_related(
        "person", "body"
    )


def is_board_member(person: Person | None, on: datetime.date | None = None) -> bool:
    """Holds a board mandate on the day (today by default). For som.labs' board confirmation."""
    if person is None or not person.is_authenticated:
        return False
    return board_mandates(on or timezone.localdate()).filter(person=person).exists()


def is_secretary(person: Person | None, on: datetime.date | None = None) -> bool:
    """The team, or a board member who is its secretary or chair: may convene and run meetings."""
    if person is None or not person.is_authenticated:
        return False
    if is_team(person):
        return True
    return (
        board_mandates(on or timezone.localdate())
        .filter(person=person, role__in=SECRETARY_ROLES)
        .exists()
    )


# --- The general assembly's members -----------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """A voting member institution and the person who votes for it."""

    organisation: Organisation
    voter: Person | None
    is_representative: bool  # named representative (else: the contact person, or nobody)


def voting_memberships(on: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.filter(
        counting_on(on), membership_type__gives_vote=True, organisation__isnull=False
    )


def general_assembly_seats(on: datetime.date) -> list[Seat]:
    """The voting members on a day, each with its representative or (none named) its contact
    person: two queries, derived from the memberships, never copied."""
    memberships = list(
        voting_memberships(on).select_related("organisation", "representative").order_by("pk")
    )
    without = [m.organisation_id for m in memberships if m.representative_id is None]
    contacts: dict[int, Person] = {}
    if without:
        for affiliation in (
            Affiliation.objects.filter(
                Q(until__isnull=True) | Q(until__gt=on),
                organisation_id__in=without,
                role=Affiliation.Role.CONTACT,
                since__lte=on,
            )
            .select_related("person")
            .order_by("since", "pk")
        ):
            contacts.setdefault(affiliation.organisation_id, affiliation.person)
    seats = []
    for membership in memberships:
        assert membership.organisation is not None
        if membership.representative is not None:
            seats.append(Seat(membership.organisation, membership.representative, True))
        else:
            voter = contacts.get(membership.organisation.pk)
            seats.append(Seat(membership.organisation, voter, False))
    return sorted(seats, key=lambda seat: seat.organisation.name.lower())


def member_count(on: datetime.date) -> int:
    return voting_memberships(on).count()


@dataclass(frozen=True)
class ElectorateCheck:
    """The general assembly's electorate on a meeting's day against last year's members."""

    on: datetime.date
    members: int  # voting members on the day
    last_year: int | None  # the membership year before the day's, if there is one
    last_year_members: int  # voting members on that year's last day
    not_renewed: int  # of those, how many have no membership for the day's year


def electorate_check(on: datetime.date) -> ElectorateCheck:
    """Three queries: the members on the day, last year's last day, and how many of last
    year's members have no membership that covers the day (its renewal not sent yet)."""
    members = member_count(on)
    last_year = (
        MembershipYear.objects.filter(ends_on__lt=on).order_by("-ends_on").only("year", "ends_on")
    ).first()
    if last_year is None:
        return ElectorateCheck(on, members, None, 0, 0)
    last_members = voting_memberships(last_year.ends_on).values("organisation_id")
    covered = Membership.objects.filter(
        year__starts_on__lte=on, year__ends_on__gte=on, organisation__isnull=False
    ).values("organisation_id")
    counts = Organisation.objects.filter(pk__in=last_members).aggregate(
        total=Count("pk"), not_renewed=Count("pk", filter=~Q(pk__in=covered))
    )
    return ElectorateCheck(on, members, last_year.year, counts["total"], counts["not_renewed"])


def represented_organisations(person: Person, on: datetime.date) -> list[Organisation]:
    """The member institutions this person votes for on the day."""
    if not person.is_authenticated:
        return []
    contact_of = Affiliation.objects.filter(
        Q(until__isnull=True) | Q(until__gt=on),
        person=person,
        role=Affiliation.Role.CONTACT,
        since__lte=on,
    ).values("organisation_id")
    memberships = voting_memberships(on).filter(
        Q(representative=person) | Q(representative__isnull=True, organisation__in=contact_of)
    )
    return list(
        Organisation.objects.filter(pk__in=memberships.values("organisation_id")).order_by("name")
    )


def is_voting_member(organisation: Organisation, on: datetime.date) -> bool:
    return voting_memberships(on).filter(organisation=organisation).exists()


@dataclass(frozen=True)
class Access:
    member: bool  # sees the members' pages
    board: bool
    secretary: bool  # convenes and runs meetings


def access_of(person: Person | None) -> Access:
    """What a person may do in governance today: one query for the board roles, and one or two
    more only for people outside the team and the board."""
    if person is None or not person.is_authenticated or not person.is_active:
        return Access(False, False, False)
    roles = set(
        board_mandates(timezone.localdate()).filter(person=person).values_list("role", flat=True)
    )
    team = is_team(person)
    secretary = team or bool(roles & set(SECRETARY_ROLES))
    member = team or bool(roles) or works_for_voting_member(person)
    return Access(member, bool(roles), secretary)


def is_member_person(person: Person | None, on: datetime.date | None = None) -> bool:
    """May see the members' pages: the team, the board, and the people who work for a voting
    member institution (its representative, contact person and staff)."""
    if person is None or not person.is_authenticated:
        return False
    if is_team(person):
        return True
    on = on or timezone.localdate()
    return is_board_member(person, on) or works_for_voting_member(person, on)


def works_for_voting_member(person: Person, on: datetime.date | None = None) -> bool:
    on = on or timezone.localdate()
    return voting_memberships(on).filter(organisation__in=organisations_of(person)).exists()


# --- Bodies: who sits where -------------------------------------------------------------------


def bodies_on(on: datetime.date) -> list[Body]:
    """The bodies that existed on the day, each with `seated`: its mandates on that day."""
    return list(
        Body.objects.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=on),
            Q(active_until__isnull=True) | Q(active_until__gt=on),
        ).prefetch_related(
            Prefetch(
                "mandates",
                queryset=Mandate.objects.filter(mandates_on(on))
                .select_related("person", "organisation")
                .order_by("role", "person__full_name"),
                to_attr="seated",
            )
        )
    )


# --- Attendance, proxies and the quorum -------------------------------------------------------


def meeting_date(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


@dataclass(frozen=True)
class Roll:
    """Who is at a meeting: present members, proxies held, and the count present or represented."""

    members: int
    present: list[Attendance]
    proxies: list[Proxy]

    @property
    def represented(self) -> int:
        present = {attendance.organisation_id for attendance in self.present}
        return sum(1 for proxy in self.proxies if proxy.holder_id in present)

    @property
    def present_or_represented(self) -> int:
        return len(self.present) + self.represented

    def weight_of(self, organisation_id: int | None) -> int:
        return 1 + sum(1 for proxy in self.proxies if proxy.holder_id == organisation_id)


def active_proxies(meeting: Meeting) -> QuerySet[Proxy]:
    return meeting.proxies.filter(revoked_at__isnull=True).select_related("giver", "holder")


def roll(meeting: Meeting) -> Roll:
    """Three queries: the member count, the present members, the proxies."""
    if meeting.body.is_general_assembly:
        members = member_count(meeting_date(meeting))
    else:
        members = board_mandates(meeting_date(meeting)).count()
    present = list(
        meeting.attendances.filter(status=Attendance.Status.PRESENT)
        .select_related("organisation", "person")
        .order_by("organisation__name", "person__full_name")
    )
    return Roll(members, present, list(active_proxies(meeting).order_by("holder__name")))


def quorum_of(item: AgendaItem, the_roll: Roll) -> rules.QuorumState | None:
    if item.motion_kind is None:
        return None
    return rules.quorum_state(
        rules.Rule.of(item.motion_kind),
        members=the_roll.members,
        present=the_roll.present_or_represented,
        waived=is_quorum_waived(item),
    )


def is_quorum_waived(item: AgendaItem) -> bool:
    """A second meeting decides what the first could not, whatever the attendance."""
    return (
        item.carried_over_from_id is not None
        and item.motion_kind is not None
        and item.motion_kind.second_meeting_without_quorum
    )


@dataclass(frozen=True)
class KindQuorum:
    kind: MotionKind
    state: rules.QuorumState


def quorum_per_kind(
    meeting: Meeting, the_roll: Roll, items: Iterable[AgendaItem]
) -> list[KindQuorum]:
    """The live quorum for each kind of motion on the agenda."""
    seen: dict[int, KindQuorum] = {}
    for item in items:
        kind = item.motion_kind
        if kind is None or kind.pk in seen:
            continue
        state = rules.quorum_state(
            rules.Rule.of(kind),
            members=the_roll.members,
            present=the_roll.present_or_represented,
            waived=is_quorum_waived(item),
        )
        seen[kind.pk] = KindQuorum(kind, state)
    return list(seen.values())


def signatures_needed(share: Fraction, members: int) -> int:
    """At least `share` of the members, and at least one."""
    return max(1, math.ceil(share * members))


# --- Meetings and decisions -------------------------------------------------------------------


def meetings_for(person: Person, access: Access) -> QuerySet[Meeting]:
    """The meetings a person sees: all of them for members, the board and the team (drafts for
    the secretary only); for an observer only those they were convened to."""
    meetings = Meeting.objects.select_related("body").annotate(item_count=Count("items"))
    if access.member:
        if not access.secretary:
            meetings = meetings.exclude(status=Meeting.Status.DRAFT)
        return meetings.order_by("-starts_at")
    return meetings.filter(recipients__person=person).order_by("-starts_at")


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.items.select_related("motion_kind", "subject_organisation", "poll")
        .prefetch_related("candidates__person", "conflicts_of_interest__person")
        .order_by("position")
    )


def decisions(*, search: str = "", published_only: bool = True) -> QuerySet[AgendaItem]:
    """The register of decisions: every voted item of the closed meetings, newest first."""
    items = AgendaItem.objects.filter(
        outcome__in=DECIDED, meeting__status=Meeting.Status.CLOSED
    ).select_related("meeting__body", "motion_kind", "subject_organisation")
    if published_only:
        items = items.filter(meeting__minutes__status="published")
    term = search.strip()
    if term:
        items = items.filter(
            Q(title__icontains=term)
            | Q(motion__icontains=term)
            | Q(meeting__title__icontains=term)
            | Q(description__icontains=term)
        )
    return items.order_by("-meeting__starts_at", "position")


@dataclass(frozen=True)
class Entry:
    """A line of the register: a voted agenda item, or a decision the board took outside a
    meeting (the confirmation of a lab selection, from som.core.decisions)."""

    at: datetime.datetime
    item: AgendaItem | None = None
    other: Decision | None = None


def register_of_decisions(*, search: str = "", published_only: bool = True) -> list[Entry]:
    """The voted items of the closed meetings and the board's other decisions, newest first: a
    query for the items and one or two per other source, whatever the number of decisions."""
    entries = [
        Entry(item.meeting.starts_at, item=item)
        for item in decisions(search=search, published_only=published_only)
    ]
    entries += [Entry(other.decided_at, other=other) for other in other_decisions(search)]
    # Stable: the items of one meeting keep their agenda order.
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# --- A meeting's pages ------------------------------------------------------------------------


def organisations(pks: Iterable[int]) -> QuerySet[Organisation]:
    """The given member institutions, as a queryset for a form's choices."""
    return Organisation.objects.filter(pk__in=list(pks))


def all_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def voting_member_organisations(
    on: datetime.date, *, besides: Iterable[int] = ()
) -> QuerySet[Organisation]:
    """The voting member institutions on the day, by name (a form's choices), without those in
    `besides` (a member's own, for the proxy's holder)."""
    found = Organisation.objects.filter(pk__in=voting_memberships(on).values("organisation_id"))
    left_out = list(besides)
    if left_out:
        found = found.exclude(pk__in=left_out)
    return found.order_by("name")


def attendances_of(meeting: Meeting, organisation_ids: Iterable[int]) -> dict[int, Attendance]:
    """The answers of these member institutions to the meeting, by institution."""
    found = meeting.attendances.filter(organisation_id__in=list(organisation_ids))
    return {a.organisation_id: a for a in found if a.organisation_id is not None}


def documents(meeting: Meeting) -> list[MeetingDocument]:
    return list(meeting.documents.all())


def recipients(meeting: Meeting) -> list[ConvocationRecipient]:
    return list(meeting.recipients.select_related("person", "organisation"))


def recipient_count(meeting: Meeting) -> int:
    return meeting.recipients.count()


def open_proposals(meeting: Meeting) -> list[AgendaProposal]:
    """The members' proposals not yet on the agenda, with their signatures."""
    return list(meeting.proposals.filter(item__isnull=True).prefetch_related("signatures"))


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


def has_items_for_a_second_meeting(meeting: Meeting) -> bool:
    """An item without quorum that a second meeting may decide, not carried over yet."""
    return meeting.items.filter(
        outcome=AgendaItem.Outcome.NO_QUORUM,
        motion_kind__second_meeting_without_quorum=True,
        carried_over_to__isnull=True,
    ).exists()


def open_item(meeting: Meeting) -> AgendaItem | None:
    """The item whose vote is open (at most one at a time)."""
    return (
        meeting.items.filter(poll__state=Poll.State.OPEN)
        .select_related("poll", "motion_kind")
        .first()
    )


def last_decided(meeting: Meeting) -> AgendaItem | None:
    """The item decided last (not an item for information)."""
    return (
        meeting.items.exclude(outcome=AgendaItem.Outcome.PENDING)
        .exclude(outcome=AgendaItem.Outcome.INFORMATION)
        .select_related("poll", "motion_kind")
        .order_by("-decided_at", "-position")
        .first()
    )


def ballot_options(poll: Poll) -> list[PollOption]:
    return list(poll.options.all())


def public_voters(poll: Poll) -> set[int]:
    """Who has voted in an open vote (never for a secret vote: then nobody is named)."""
    if poll.is_secret:
        return set()
    return set(poll.vote_records.values_list("voter_id", flat=True))


@dataclass(frozen=True)
class ChairSeat:
    """A line of the chair's attendance list: a voting member institution (general assembly)
    or a board member (board)."""

    key: int  # the organisation's or the person's id, as the form sends it back
    name: str
    voter: Person | None
    present: bool
    proxy: Proxy | None
    weight: int


def chair_seats(meeting: Meeting, the_roll: Roll) -> list[ChairSeat]:
    present_ids = {a.organisation_id or a.person_id for a in the_roll.present}
    on = meeting_date(meeting)
    if meeting.body.is_general_assembly:
        gave = {p.giver_id: p for p in the_roll.proxies}
        return [
            ChairSeat(
                key=seat.organisation.pk,
                name=seat.organisation.name,
                voter=seat.voter,
                present=seat.organisation.pk in present_ids,
                proxy=gave.get(seat.organisation.pk),
                weight=the_roll.weight_of(seat.organisation.pk),
            )
            for seat in general_assembly_seats(on)
        ]
    return [
        ChairSeat(
            key=m.person.pk,
            name=str(m.person),
            voter=m.person,
            present=m.person.pk in present_ids,
            proxy=None,
            weight=1,
        )
        for m in board_mandates(on)
    ]


# --- Members' requests for a general assembly -------------------------------------------------


@dataclass(frozen=True)
class ListedRequest:
    request: MeetingRequest
    signed: int  # member institutions that signed
    meeting: Meeting | None  # the meeting convened for it, if any


def recent_requests(limit: int = 50) -> list[ListedRequest]:
    """The newest requests with their signature count and meeting: two queries."""
    listed = (
        MeetingRequest.objects.annotate(signed=Count("signatures", distinct=True))
        .prefetch_related("meetings")
        .order_by("-created_at")[:limit]
    )
    return [ListedRequest(r, r.signed, next(iter(r.meetings.all()), None)) for r in listed]
