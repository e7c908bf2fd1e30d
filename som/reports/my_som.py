"""Mijn SOM: what matters to one person now, gathered from every app after login.

Each part is one or two queries whatever its number of rows (the page's budget is asserted in its
test); the few parts that ask a rule per object (may this person vote in this poll?) look at a
fixed number of objects at most.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from som.accounts.models import Person
from som.events import selectors as event_selectors
from som.events.models import Registration
from som.finance.models import Invoice
from som.governance import selectors as governance_selectors
from som.governance.models import ConvocationRecipient, Meeting
from som.labs import selectors as lab_selectors
from som.labs.models import Call, CoAuthor, Lab, LabMember, Proposal
from som.membership import entitlements
from som.membership import selectors as membership_selectors
from som.membership.models import Application, Membership
from som.network import selectors as network_selectors
from som.network.models import Affiliation, Claim, Organisation, StaffInvitation
from som.reports import selectors
from som.voting import electorates
from som.voting import permissions as voting_permissions
from som.voting.models import Poll, VoteRecord

# Open polls asked about eligibility, at most: each asks its electorate a query or two.
OPEN_POLLS_CHECKED = 5
# Proposals that no longer need the author: shown on "My labs", not here.
FINISHED_PROPOSALS = (
    Proposal.Status.NOT_ELIGIBLE,
    Proposal.Status.NOT_SELECTED,
    Proposal.Status.CONFIRMED,
)


@dataclass(frozen=True)
class OpenVote:
    title: str
    question: str
    url: str
    closes_at: datetime.datetime | None


@dataclass(frozen=True)
class BoardTodo:
    """What waits for a board member (and, for the secretary or chair, the meetings to convene)."""

    confirmations: list[Call]
    meetings_to_convene: list[Meeting]


@dataclass(frozen=True)
class MySom:
    registrations: list[Registration]
    organisations: list[Organisation]  # those this person is the contact person of
    colleague_registrations: list[Registration]
    memberships: list[Membership]
    applications: list[Application]
    open_invoices: list[Invoice]
    labs: list[Lab]
    lab_invitations: list[LabMember]
    proposals: list[Proposal]
    coauthor_invitations: list[CoAuthor]
    open_calls: int
    open_votes: list[OpenVote]
    meetings: list[ConvocationRecipient]
    claims: list[Claim]  # the person's own requests to act for an organisation, waiting
    claims_to_hand_over: list[Claim]  # others' requests for the organisations they are contact of
    staff_invitations: list[StaffInvitation]  # to the staff list of an organisation, open
    board: BoardTodo | None = None
    team: selectors.TeamTodo | None = None
    is_member_of_governance: bool = False
    today: datetime.date | None = None
    # Why the person takes part for free (or does not), for everybody but the team.
    entitlement: entitlements.Entitlement | None = None

    @property
    def is_contact(self) -> bool:
        return bool(self.organisations)

    @property
    def has_waiting(self) -> bool:
        """Something waits for this person's answer or action."""
        board = self.board
        return bool(
            self.open_votes
            or self.coauthor_invitations
            or self.staff_invitations
            or self.lab_invitations
            or self.claims_to_hand_over
            or self.claims
            or (board and (board.confirmations or board.meetings_to_convene))
        )


def my_som(person: Person, now: datetime.datetime | None = None) -> MySom:
    now = now or timezone.now()
    today = timezone.localdate(now)
    organisations = list(network_selectors.organisations_contacted_by(person).order_by("name"))
    access = governance_selectors.access_of(person)
    return MySom(
        registrations=_registrations(person, now),
        organisations=organisations,
        colleague_registrations=_colleague_registrations(person, organisations, now),
        memberships=_memberships(person, today),
        applications=list(membership_selectors.pending_applications_of_person(person)),
        open_invoices=_open_invoices(person, organisations),
        labs=list(lab_selectors.labs_of(person)),
        lab_invitations=list(lab_selectors.lab_invitations_of(person)),
        proposals=list(lab_selectors.proposals_of(person).exclude(status__in=FINISHED_PROPOSALS)),
        coauthor_invitations=list(lab_selectors.invitations_of(person)),
        open_calls=lab_selectors.open_calls().count(),
        open_votes=_open_votes(person),
        meetings=_meetings(person, today),
        claims=[c for c in network_selectors.claims_of(person) if c.status == Claim.Status.PENDING],
        claims_to_hand_over=list(network_selectors.claims_to_hand_over(person)),
        staff_invitations=list(network_selectors.staff_invitations_for(person)),
        board=_board_todo(person, access) if access.board or access.secretary else None,
        team=selectors.team_todo() if person.is_staff else None,
        is_member_of_governance=access.member,
        today=today,
        entitlement=None if person.is_staff else entitlements.free_network_day(person, today),
    )


# --- Events ---------------------------------------------------------------------------------------


def _registrations(person: Person, now: datetime.datetime) -> list[Registration]:
    """Coming events the person is registered for or waits for."""
    return list(
        event_selectors.registrations_of(person)
        .filter(event__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("event__starts_at", "pk")
    )


def _colleague_registrations(
    person: Person, organisations: list[Organisation], now: datetime.datetime
) -> list[Registration]:
    """For a contact person: who of their organisations' staff comes to which coming event."""
    if not organisations:
        return []
    today = timezone.localdate(now)
    staff = Affiliation.objects.filter(
        Q(until__isnull=True) | Q(until__gt=today), organisation__in=organisations
    ).values("person_id")
    return list(
        Registration.objects.filter(person__in=staff, event__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(person=person)
        .select_related("event", "person")
        .order_by("event__starts_at", "event_id", "person__full_name", "pk")
    )


# --- Membership and invoices ---------------------------------------------------------------------


def _memberships(person: Person, today: datetime.date) -> list[Membership]:
    """This year's and next year's memberships of the person and of their organisations."""
    return list(
        membership_selectors.memberships_of_person(person)
        .filter(year__ends_on__gte=today)
        .order_by("year__year", "pk")
    )


def _open_invoices(person: Person, organisations: list[Organisation]) -> list[Invoice]:
    """Open invoices addressed to the person or to an organisation they are contact of (who may
    see an invoice: som.finance.permissions.can_see_invoice)."""
    return list(
        Invoice.objects.filter(
            Q(person=person) | Q(organisation__in=organisations), status=Invoice.Status.OPEN
        ).order_by("due_on", "pk")
    )


# --- Votes and meetings -------------------------------------------------------------------------


def _open_votes(person: Person) -> list[OpenVote]:
    """Open polls the person may see and has not voted in, each asked whether the person may
    vote (at most OPEN_POLLS_CHECKED), with the page where the vote is cast."""
    polls = (
        voting_permissions.visible_polls(person)
        .filter(state=Poll.State.OPEN)
        .exclude(pk__in=VoteRecord.objects.filter(voter=person).values("poll_id"))
        .select_related("call", "agenda_item")
        .order_by("closes_at", "pk")[:OPEN_POLLS_CHECKED]
    )
    votes = []
    for poll in polls:
        url = _ballot_url(poll)
        if url and isinstance(electorates.check(poll, person), electorates.Eligibility):
            votes.append(OpenVote(poll.title, poll.question, url, poll.closes_at))
    return votes


def _ballot_url(poll: Poll) -> str:
    """Where the vote is cast: a call's ballot or a meeting's vote page ("" for a poll without
    a page of its own)."""
    call = getattr(poll, "call", None)
    if call is not None:
        return reverse("labs:ballot", kwargs={"call_id": call.pk})
    item = getattr(poll, "agenda_item", None)
    if item is not None:
        return reverse("governance:vote", kwargs={"pk": item.meeting_id})
    return ""


def _meetings(person: Person, today: datetime.date) -> list[ConvocationRecipient]:
    """Meetings the person is convened to that are still to come or in session."""
    return list(
        ConvocationRecipient.objects.filter(
            person=person,
            meeting__status__in=[Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS],
            meeting__starts_at__date__gte=today - datetime.timedelta(days=1),
        )
        .select_related("meeting__body", "organisation")
        .order_by("meeting__starts_at")
    )


# --- The board ------------------------------------------------------------------------------------


def _board_todo(person: Person, access: governance_selectors.Access) -> BoardTodo:
    confirmations = (
        list(Call.objects.filter(status=Call.Status.DECIDED).order_by("deadline"))
        if access.board
        else []
    )
    to_convene = (
        list(
            Meeting.objects.filter(status=Meeting.Status.DRAFT)
            .select_related("body")
            .order_by("starts_at")
        )
        if access.secretary
        else []
    )
    return BoardTodo(confirmations=confirmations, meetings_to_convene=to_convene)
