"""One vote per member organisation per poll, whatever the order of proxies, sign-ins and changes
of representative (issue 15). Each sequence below gave an organisation a second vote before
`voting.Representation`; the state machine in test_vote_state_machine.py tries every order."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from som.governance import selectors, services
from som.governance.services import votes
from som.governance.tests.conftest import item
from som.membership import services as membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person
from som.voting import electorates
from som.voting import services as voting
from som.voting.models import Representation, VoteRecord

pytestmark = pytest.mark.django_db


def yes_of(poll) -> int:
    return poll.options.get(reference="yes").pk


def counted_weight(poll) -> int:
    return sum(VoteRecord.objects.filter(poll=poll).values_list("weight", flat=True))


def refusal(poll, voter) -> voting.BallotError:
    with translation.override("en"), pytest.raises(voting.BallotError) as error:
        voting.cast_ballot(poll=poll.pk, voter=voter, choices=[yes_of(poll)])
    return error.value


def test_a_withdrawn_proxy_does_not_give_the_giver_a_second_vote(in_session, members, secretary):
    """Sequence A: the holder votes with the proxy (weight 2); the giver withdraws it, is signed
    in, and its representative tries to vote."""
    holder, giver = members[0], members[4]
    meeting = in_session(members[:3])
    proxy = services.give_proxy(
        meeting=meeting,
        giver=giver.organisation,
        holder=holder.organisation,
        by=giver.representative,
    )
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    assert voting.cast_ballot(poll=poll.pk, voter=holder.representative, choices=[yes_of(poll)])
    services.revoke_proxy(proxy=proxy, by=giver.representative)
    services.register_presence(meeting=meeting, organisation=giver.organisation, by=secretary)

    error = refusal(poll, giver.representative)
    assert error.code == "not_in_electorate"
    assert giver.organisation.name in error.message and "already been cast" in error.message
    assert counted_weight(poll) == 2
    assert Representation.objects.filter(poll=poll).count() == 2


def test_a_new_representative_does_not_vote_again_for_the_member(in_session, members, secretary):
    """Sequence B: the representative votes; the contact names another representative; the
    secretary signs the member in again with the new one, who tries to vote."""
    member = members[2]
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    voting.cast_ballot(poll=poll.pk, voter=member.representative, choices=[yes_of(poll)])
    newcomer = make_person(full_name="Nieuwe Vertegenwoordiger")
    affiliate(newcomer, member.organisation, Affiliation.Role.STAFF)
    for running in selectors.voting_memberships(selectors.meeting_date(meeting)).filter(
        organisation=member.organisation
    ):
        membership.change_representative(
            membership=running, representative=newcomer, by=member.representative
        )
    services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    assert meeting.attendances.get(organisation=member.organisation).person == newcomer

    error = refusal(poll, newcomer)
    assert error.code == "not_in_electorate" and member.organisation.name in error.message
    assert counted_weight(poll) == 1


def test_a_proxy_given_after_the_givers_own_vote_adds_nothing(in_session, members, secretary):
    """The giver votes itself, is signed out, gives its proxy: the holder votes for itself
    alone, and is told why."""
    holder, giver = members[0], members[1]
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    voting.cast_ballot(poll=poll.pk, voter=giver.representative, choices=[yes_of(poll)])
    services.register_presence(
        meeting=meeting, organisation=giver.organisation, by=secretary, present=False
    )
    services.give_proxy(
        meeting=meeting,
        giver=giver.organisation,
        holder=holder.organisation,
        by=giver.representative,
    )
    eligibility = electorates.check(poll, holder.representative)
    assert isinstance(eligibility, electorates.Eligibility)
    assert eligibility.weight == 1 and giver.organisation.name in eligibility.reason
    receipt = voting.cast_ballot(poll=poll.pk, voter=holder.representative, choices=[yes_of(poll)])
    assert receipt.weight == 1
    assert counted_weight(poll) == 2


def test_the_database_refuses_a_second_vote_for_an_organisation(in_session, members, secretary):
    """Whatever a future entrance forgets, the constraint holds."""
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    voting.cast_ballot(poll=poll.pk, voter=members[0].representative, choices=[yes_of(poll)])
    [represented] = Representation.objects.filter(poll=poll)
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(
            poll=poll, voter=members[1].representative, constituent=represented.constituent
        )
