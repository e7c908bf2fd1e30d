"""A state machine of a general assembly in session (Hypothesis): members give and withdraw
proxies, are signed in and out, change their representative, vote (also with a former
representative's account), and votes close and open, in any order. After every step:

- per poll, the counted weight is the number of distinct organisations that voted, each counted
  at most once, and only voting members are counted;
- every ballot's weight is at most 1 + the statutes' proxy limit, and no member ever holds more
  proxies than the statutes allow;
- a closed poll's frozen result counts exactly that weight.

Every service refusal is an allowed outcome of a step (that is the services' job); what may
never happen is a broken invariant.
"""

import datetime
import itertools

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from som.accounts.models import Person
from som.core.errors import DomainError
from som.governance import selectors, services
from som.governance.models import AgendaItem, Attendance, Meeting, Proxy
from som.governance.services import votes
from som.governance.tests.conftest import in_days, kind
from som.membership import services as membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person
from som.voting import services as voting
from som.voting.models import Poll, PollResult, Representation, VoteRecord

pytestmark = pytest.mark.django_db

PROXY_LIMIT = 2
MEMBERS = 6
# The steps act on three of the six members: few enough that random sequences hit the same
# organisation again and again (a proxy given, used, withdrawn, then the giver signed in).
ACTING = 3
_days = itertools.count(30)


def test_no_order_of_events_counts_an_organisation_twice(assembly, secretary, members):
    statutes = selectors.statutes()
    statutes.max_proxies_per_holder = PROXY_LIMIT
    statutes.save()
    organisations = [member.organisation for member in members]
    organisation_keys = {f"organisation:{o.pk}" for o in organisations}
    member = st.integers(min_value=0, max_value=ACTING - 1)
    accepted: list = []

    class GeneralAssembly(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            # Each example runs in a savepoint rolled back at its end, so every example starts
            # from the same members and representatives (Hypothesis replays examples).
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()
            self.meeting = services.schedule_meeting(
                body=assembly,
                title="Algemene vergadering",
                starts_at=in_days(next(_days)),
                place="Stadhuis Leuven",
                by=secretary,
            )
            for title, code in [("Jaarrekening", "accounts"), ("Begroting", "budget")]:
                services.add_agenda_item(
                    meeting=self.meeting,
                    title=title,
                    motion=f"De algemene vergadering keurt goed: {title}.",
                    motion_kind=kind(code),
                    by=secretary,
                )
            services.send_convocation(meeting=self.meeting, by=secretary)
            # The acting members but the last are present, and so are the others, for the
            # quorum.
            present = organisations[: ACTING - 1] + organisations[ACTING:]
            for organisation in present:
                services.register_presence(
                    meeting=self.meeting, organisation=organisation, by=secretary
                )
            votes.start_meeting(meeting=self.meeting, by=secretary)
            self.former_representatives: dict[int, list] = {o.pk: [] for o in organisations}
            self.poll: Poll | None = None
            # The model: per poll, the organisations each accepted ballot spoke for, worked out
            # here from attendance and proxies (not from what the services stored).
            self.spoke_for: dict[int, list[int]] = {}
            self.open_next()

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def attempt(self, service, **kwargs) -> object:
            try:
                return service(**kwargs)
            except DomainError:
                return None

        def on(self) -> datetime.date:
            return selectors.meeting_date(self.meeting)

        # --- the steps ----------------------------------------------------------------------

        @initialize(proxy=st.booleans())
        def perhaps_a_proxy_at_the_start(self, proxy: bool) -> None:
            """The absent member often starts with a proxy to the first: the sequences that
            counted an organisation twice start there."""
            if proxy:
                self.attempt(
                    services.give_proxy,
                    meeting=self.meeting,
                    giver=organisations[ACTING - 1],
                    holder=organisations[0],
                    by=self.representative(ACTING - 1),
                )

        # Each step draws among the moves that make sense now (and a few that do not), so
        # that random sequences reach the orders that matter: a proxy given, used, withdrawn,
        # the giver signed in and voting; a member voting, changing representative, voting.

        @precondition(lambda self: bool(self.may_give()))
        @rule(data=st.data())
        def give_proxy(self, data: st.DataObject) -> None:
            giver = data.draw(st.sampled_from(self.may_give()))
            holder = data.draw(member)
            self.attempt(
                services.give_proxy,
                meeting=self.meeting,
                giver=organisations[giver],
                holder=organisations[holder],
                by=self.representative(giver),
            )

        @precondition(lambda self: bool(self.givers()))
        @rule(data=st.data())
        def withdraw_proxy(self, data: st.DataObject) -> None:
            giver = data.draw(st.sampled_from(self.givers()))
            proxy = self.proxy_of(giver)
            self.attempt(services.revoke_proxy, proxy=proxy, by=self.representative(giver))

        @rule(data=st.data())
        def sign_in_or_out(self, data: st.DataObject) -> None:
            moves = [(i, True) for i in self.absent()] + [
                (i, False) for i in range(ACTING) if i not in self.absent()
            ]
            who, present = data.draw(st.sampled_from(moves))
            self.attempt(
                services.register_presence,
                meeting=self.meeting,
                organisation=organisations[who],
                by=secretary,
                present=present,
            )

        # Two events that often come together at a meeting, as one step each, so that random
        # sequences reach them more often: a giver arrives late and takes its vote back; a
        # member sends its new representative, whom the secretary signs in.

        @precondition(lambda self: bool(self.givers()))
        @rule(data=st.data())
        def giver_arrives_late(self, data: st.DataObject) -> None:
            giver = data.draw(st.sampled_from(self.givers()))
            proxy = self.proxy_of(giver)
            self.attempt(services.revoke_proxy, proxy=proxy, by=self.representative(giver))
            self.attempt(
                services.register_presence,
                meeting=self.meeting,
                organisation=organisations[giver],
                by=secretary,
            )

        @rule(who=member)
        def new_representative_signed_in(self, who: int) -> None:
            self.change_representative(who)
            self.attempt(
                services.register_presence,
                meeting=self.meeting,
                organisation=organisations[who],
                by=secretary,
            )

        @rule(who=member)
        def change_representative(self, who: int) -> None:
            organisation = organisations[who]
            newcomer = make_person()
            affiliate(newcomer, organisation, Affiliation.Role.STAFF)
            self.former_representatives[organisation.pk].append(self.representative(who))
            for running in selectors.voting_memberships(self.on()).filter(
                organisation=organisation
            ):
                membership.change_representative(
                    membership=running, representative=newcomer, by=members[who].representative
                )

        @precondition(lambda self: bool(self.fresh_voters()))
        @rule(data=st.data(), choice=st.sampled_from(["yes", "no", "abstain"]))
        def cast(self, data: st.DataObject, choice: str) -> None:
            """Somebody who has not voted in this poll: a present member's representative, or a
            former representative (who must be refused)."""
            assert self.poll is not None
            voter_id = data.draw(st.sampled_from(self.fresh_voters()))
            voter = Person.objects.get(pk=voter_id)
            option = self.poll.options.get(reference=choice)
            own = list(
                Attendance.objects.filter(
                    meeting=self.meeting, person=voter, status=Attendance.Status.PRESENT
                ).values_list("organisation_id", flat=True)
            )
            givers = list(
                Proxy.objects.filter(
                    meeting=self.meeting, holder__in=own, revoked_at__isnull=True
                ).values_list("giver_id", flat=True)
            )
            receipt = self.attempt(
                voting.cast_ballot, poll=self.poll.pk, voter=voter, choices=[option.pk]
            )
            if receipt is not None:
                accepted.append(receipt)
                spoken = self.spoke_for.setdefault(self.poll.pk, [])
                spoken += [o for o in own + givers if o not in spoken]

        def absent(self) -> list[int]:
            present = set(
                Attendance.objects.filter(
                    meeting=self.meeting, status=Attendance.Status.PRESENT
                ).values_list("organisation_id", flat=True)
            )
            return [i for i in range(ACTING) if organisations[i].pk not in present]

        def may_give(self) -> list[int]:
            return [i for i in self.absent() if self.proxy_of(i) is None]

        def fresh_voters(self) -> list[int]:
            if self.poll is None:
                return []
            present = list(
                Attendance.objects.filter(
                    meeting=self.meeting,
                    status=Attendance.Status.PRESENT,
                    organisation__in=organisations[:ACTING],
                ).values_list("person", flat=True)
            )
            formers = [p.pk for ps in self.former_representatives.values() for p in ps]
            voted = set(VoteRecord.objects.filter(poll=self.poll).values_list("voter", flat=True))
            return sorted({pk for pk in present + formers if pk not in voted})

        def givers(self) -> list[int]:
            return [i for i in range(ACTING) if self.proxy_of(i) is not None]

        def proxy_of(self, index: int) -> Proxy | None:
            return services.active_proxy_of(self.meeting, organisations[index])

        @rule()
        def close_and_open_next(self) -> None:
            if self.poll is not None:
                item = AgendaItem.objects.get(poll=self.poll)
                votes.close_vote(item=item, by=secretary)
                self.poll = None
            self.open_next()

        def open_next(self) -> None:
            pending = self.meeting.items.filter(
                poll__isnull=True, outcome=AgendaItem.Outcome.PENDING
            ).first()
            if pending is not None:
                opened = self.attempt(votes.open_vote, item=pending, by=secretary)
                self.poll = opened if isinstance(opened, Poll) else None

        def representative(self, index: int):
            seat = next(
                s
                for s in selectors.general_assembly_seats(self.on())
                if s.organisation == organisations[index]
            )
            return seat.voter

        # --- what must always hold ------------------------------------------------------------

        @invariant()
        def each_organisation_counts_once(self) -> None:
            for poll in Poll.objects.filter(agenda_item__meeting=self.meeting):
                weight = VoteRecord.objects.filter(poll=poll).aggregate(w=Sum("weight"))["w"] or 0
                # The weight counted is the number of distinct organisations that voted.
                assert weight == len(self.spoke_for.get(poll.pk, [])), (
                    weight,
                    self.spoke_for.get(poll.pk),
                )

        @invariant()
        def the_stored_representations_match(self) -> None:
            for poll in Poll.objects.filter(agenda_item__meeting=self.meeting):
                weight = VoteRecord.objects.filter(poll=poll).aggregate(w=Sum("weight"))["w"] or 0
                counted = list(
                    Representation.objects.filter(poll=poll).values_list("constituent", flat=True)
                )
                assert len(counted) == len(set(counted)), counted
                assert weight == len(set(counted)), (weight, counted)
                assert set(counted) <= organisation_keys
                assert weight <= MEMBERS
                result = PollResult.objects.filter(poll=poll).first()
                if result is not None:
                    assert result.data["turnout"]["weight"] == weight
                    tally = sum(o["votes"] for o in result.data["options"])
                    assert tally == weight

        @invariant()
        def the_proxy_limit_holds(self) -> None:
            held = (
                Proxy.objects.filter(meeting=self.meeting, revoked_at__isnull=True)
                .values("holder")
                .annotate(n=Count("pk"))
            )
            assert all(row["n"] <= PROXY_LIMIT for row in held), list(held)
            heaviest = (
                VoteRecord.objects.filter(poll__agenda_item__meeting=self.meeting)
                .order_by("-weight")
                .values_list("weight", flat=True)
                .first()
            )
            assert heaviest is None or heaviest <= 1 + PROXY_LIMIT

        @invariant()
        def a_present_member_has_no_active_proxy(self) -> None:
            present = Attendance.objects.filter(
                meeting=self.meeting, status=Attendance.Status.PRESENT
            ).values("organisation")
            assert not Proxy.objects.filter(
                meeting=self.meeting, revoked_at__isnull=True, giver__in=present
            ).exists()

    run_state_machine_as_test(
        GeneralAssembly,
        settings=settings(
            max_examples=40,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        ),
    )
    assert not Meeting.objects.filter(body=assembly).exists()  # every example rolled back
    assert len(accepted) >= 5, "the machine cast ballots"
