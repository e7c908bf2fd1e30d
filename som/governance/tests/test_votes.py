"""Attendance, proxies (the statutes' limit, also under a race), the live quorum, votes through
the voting engine with one weighted vote per member, a missed quorum and the second meeting, an
exclusion, a secret board election, conflicts of interest, a show of hands, the minutes."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from som.core.testing import in_threads, needs_postgres
from som.governance import selectors, services
from som.governance.models import AgendaItem, Mandate, Minutes, Proxy
from som.governance.services import GovernanceError, minutes, votes
from som.governance.tests.conftest import in_days, item, kind
from som.membership.models import Membership, RegisterEntry
from som.network.tests.factories import make_person
from som.voting import services as voting
from som.voting.models import Poll
from som.voting.services import BallotError

pytestmark = pytest.mark.django_db


def refused(code: str, service, **kwargs) -> GovernanceError:
    with translation.override("en"), pytest.raises(GovernanceError) as error:
        service(**kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def option(poll: Poll, reference: str) -> int:
    return poll.options.get(reference=reference).pk


def vote(poll: Poll, member, choice: str):
    return voting.cast_ballot(
        poll=poll, voter=member.representative, choices=[option(poll, choice)]
    )


# --- Attendance and proxies -----------------------------------------------------------------------


def test_a_representative_confirms_attendance_for_their_member_only(convened, members):
    attendance = services.confirm_attendance(
        meeting=convened, organisation=members[0].organisation, by=members[0].representative
    )
    assert attendance.status == "confirmed"
    refused(
        "not_representative",
        services.confirm_attendance,
        meeting=convened,
        organisation=members[1].organisation,
        by=members[0].representative,
    )


def test_a_proxy_holder_at_the_limit_is_refused_with_a_clear_message(convened, members):
    a, b, c = members[:3]
    services.give_proxy(
        meeting=convened, giver=a.organisation, holder=c.organisation, by=a.representative
    )
    error = refused(
        "proxy_limit",
        services.give_proxy,
        meeting=convened,
        giver=b.organisation,
        holder=c.organisation,
        by=b.representative,
    )
    assert c.organisation.name in error.message and "1 proxy" in error.message


def test_the_proxy_limit_is_a_statutes_setting(convened, members):
    statutes = selectors.statutes()
    statutes.max_proxies_per_holder = 2
    statutes.save()
    a, b, c, d = members[:4]
    for giver in (a, b):
        services.give_proxy(
            meeting=convened,
            giver=giver.organisation,
            holder=d.organisation,
            by=giver.representative,
        )
    refused(
        "proxy_limit",
        services.give_proxy,
        meeting=convened,
        giver=c.organisation,
        holder=d.organisation,
        by=c.representative,
    )


def test_a_proxy_is_refused_twice_to_oneself_and_through_a_chain(convened, members):
    a, b, c = members[:3]
    refused(
        "invalid_item",
        services.give_proxy,
        meeting=convened,
        giver=a.organisation,
        holder=a.organisation,
        by=a.representative,
    )
    services.give_proxy(
        meeting=convened, giver=a.organisation, holder=b.organisation, by=a.representative
    )
    refused(
        "already_gave_proxy",
        services.give_proxy,
        meeting=convened,
        giver=a.organisation,
        holder=c.organisation,
        by=a.representative,
    )
    refused(
        "holder_gave_proxy",
        services.give_proxy,
        meeting=convened,
        giver=c.organisation,
        holder=a.organisation,
        by=c.representative,
    )


def test_a_member_that_gave_a_proxy_is_not_signed_in_until_it_is_withdrawn(
    convened, members, secretary
):
    a, b = members[:2]
    proxy = services.give_proxy(
        meeting=convened, giver=a.organisation, holder=b.organisation, by=a.representative
    )
    refused(
        "gave_proxy",
        services.register_presence,
        meeting=convened,
        organisation=a.organisation,
        by=secretary,
    )
    services.revoke_proxy(proxy=proxy, by=a.representative)
    assert (
        services.register_presence(
            meeting=convened, organisation=a.organisation, by=secretary
        ).status
        == "present"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_giving_a_proxy_to_the_same_holder_at_once_never_exceed_the_limit(
    convened, members
):
    needs_postgres()
    a, b, holder = members[:3]
    givers = [a, b]
    errors = in_threads(
        2,
        lambda i: services.give_proxy(
            meeting=convened,
            giver=givers[i].organisation,
            holder=holder.organisation,
            by=givers[i].representative,
        ),
    )
    assert Proxy.objects.filter(meeting=convened, holder=holder.organisation).count() == 1
    assert [error.code for error in errors] == ["proxy_limit"]  # type: ignore[attr-defined]


# --- The quorum and the votes ---------------------------------------------------------------------


def test_proxies_count_for_the_quorum_and_the_weight(in_session, members, secretary):
    # The meeting is convened in the fixture; the proxies come before the session opens.
    meeting = in_session([])
    a, b, c, d = members[:4]
    services.give_proxy(
        meeting=meeting, giver=a.organisation, holder=c.organisation, by=a.representative
    )
    services.give_proxy(
        meeting=meeting, giver=b.organisation, holder=d.organisation, by=b.representative
    )
    for member in (c, d):
        services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    roll = selectors.roll(meeting)
    assert roll.members == 6 and roll.present_or_represented == 4
    statutes_item = item(meeting, "statutes")
    quorum = selectors.quorum_of(statutes_item, roll)
    assert quorum is not None and quorum.met  # 4 of 6 is exactly 2/3

    poll = votes.open_vote(item=statutes_item, by=secretary)
    receipt = vote(poll, c, "yes")
    assert receipt.weight == 2
    vote(poll, d, "no")
    decided = votes.close_vote(item=statutes_item, by=secretary)
    # 2 yes of 4 counted: half, less than 2/3
    assert decided.outcome == AgendaItem.Outcome.REJECTED
    assert decided.decision["yes"] == 2 and decided.decision["no"] == 2


def test_an_absent_member_or_a_person_without_a_seat_cannot_vote(
    in_session, members, secretary, outsider
):
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    for person in (members[5].representative, outsider):
        with pytest.raises(BallotError) as error:
            voting.cast_ballot(poll=poll, voter=person, choices=[option(poll, "yes")])
        assert error.value.code == "not_in_electorate"


def test_the_accounts_are_approved_by_a_simple_majority_and_a_tie_is_rejected(
    in_session, members, secretary
):
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    for member, choice in zip(members[:4], ["yes", "yes", "no", "abstain"], strict=True):
        vote(poll, member, choice)
    assert votes.close_vote(item=item(meeting, "accounts"), by=secretary).outcome == "adopted"
    poll = votes.open_vote(item=item(meeting, "budget"), by=secretary)
    for member, choice in zip(members[:4], ["yes", "yes", "no", "no"], strict=True):
        vote(poll, member, choice)
    decided = votes.close_vote(item=item(meeting, "budget"), by=secretary)
    assert decided.outcome == "rejected" and decided.decision["share"] == "1/2"


def test_one_vote_at_a_time(in_session, members, secretary):
    meeting = in_session(members[:4])
    votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    refused("vote_open", votes.open_vote, item=item(meeting, "budget"), by=secretary)


def test_a_missed_quorum_for_a_statute_amendment_leads_to_a_second_meeting_without_quorum(
    in_session, members, secretary
):
    meeting = in_session(members[:3])  # 3 of 6 < 2/3
    amendment = item(meeting, "statutes")
    error = refused("no_quorum", votes.open_vote, item=amendment, by=secretary)
    assert "3 of 6" in error.message and "4 needed" in error.message
    refused("quorum_met", votes.record_no_quorum, item=item(meeting, "accounts"), by=secretary)
    votes.record_no_quorum(item=amendment, by=secretary)
    votes.close_meeting(meeting=meeting, by=secretary)

    too_early = in_days(20 + 14)
    error = refused(
        "too_early",
        votes.convene_second_meeting,
        meeting=meeting,
        starts_at=too_early,
        by=secretary,
    )
    assert "15 days" in error.message
    second = votes.convene_second_meeting(meeting=meeting, starts_at=in_days(20 + 15), by=secretary)
    carried = second.items.get()
    assert carried.carried_over_from == amendment and carried.motion_kind == kind("statutes")
    refused(
        "no_missed_quorum",
        votes.convene_second_meeting,
        meeting=meeting,
        starts_at=in_days(40),
        by=secretary,
    )

    services.send_convocation(meeting=second, by=secretary)
    services.register_presence(meeting=second, organisation=members[0].organisation, by=secretary)
    votes.start_meeting(meeting=second, by=secretary)
    quorum = selectors.quorum_of(carried, selectors.roll(second))
    assert quorum is not None and quorum.met and quorum.waived
    poll = votes.open_vote(item=carried, by=secretary)
    vote(poll, members[0], "yes")
    decided = votes.close_vote(item=carried, by=secretary)
    assert decided.outcome == "adopted" and decided.decision["quorum"]["waived"]


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_an_adopted_exclusion_excludes_the_member_heard_before_the_vote(
    assembly, members, secretary
):
    meeting = services.schedule_meeting(
        body=assembly, title="Buitengewone AV", starts_at=in_days(20), place="Leuven", by=secretary
    )
    named = members[5].organisation
    exclusion = services.add_agenda_item(
        meeting=meeting,
        title="Uitsluiting",
        motion="Uitsluiting wegens ernstige inbreuk op de statuten.",
        motion_kind=kind("exclusion"),
        subject_organisation=named,
        by=secretary,
    )
    services.send_convocation(meeting=meeting, by=secretary)
    for member in members[:4]:
        services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    refused("not_heard", votes.open_vote, item=exclusion, by=secretary)
    votes.record_hearing(item=exclusion, note="De directeur lichtte toe.", by=secretary)
    poll = votes.open_vote(item=exclusion, by=secretary)
    assert poll.is_secret
    for member, choice in zip(members[:4], ["yes", "yes", "yes", "no"], strict=True):
        vote(poll, member, choice)
    assert votes.close_vote(item=exclusion, by=secretary).outcome == "adopted"
    membership = Membership.objects.get(organisation=named, year__year=timezone.localdate().year)
    assert membership.status == Membership.Status.EXCLUDED
    assert RegisterEntry.objects.filter(organisation=named, kind="exclusion").exists()


def test_a_secret_board_election_gives_the_elected_their_mandate(assembly, members, secretary):
    meeting = services.schedule_meeting(
        body=assembly, title="AV", starts_at=in_days(20), place="Leuven", by=secretary
    )
    candidates = [make_person(full_name=f"Kandidaat {n}") for n in range(3)]
    election = services.add_agenda_item(
        meeting=meeting,
        title="Verkiezing van twee bestuurders",
        motion_kind=kind("board_election"),
        seats=2,
        candidates=candidates,
        by=secretary,
    )
    services.send_convocation(meeting=meeting, by=secretary)
    for member in members[:5]:
        services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    poll = votes.open_vote(item=election, by=secretary)
    assert poll.is_secret and poll.method == "election" and poll.max_choices == 2
    ids = {o.reference: o.pk for o in poll.options.all()}
    ballots = [[0, 1], [0, 1], [0, 2], [1], [2]]
    for member, chosen in zip(members[:5], ballots, strict=True):
        voting.cast_ballot(
            poll=poll,
            voter=member.representative,
            choices=[ids[f"person:{candidates[n].pk}"] for n in chosen],
        )
    decided = votes.close_vote(item=election, by=secretary)
    assert decided.outcome == "adopted"
    assert sorted(decided.decision["elected"]) == ["Kandidaat 0", "Kandidaat 1"]
    elected = Mandate.objects.filter(elected_by=election)
    assert {m.person for m in elected} == set(candidates[:2])
    assert all(selectors.is_board_member(p, on=in_days(20).date()) for p in candidates[:2])


def test_a_declared_conflict_of_interest_excludes_the_person_from_that_vote(
    in_session, members, secretary
):
    meeting = in_session(members[:4])
    accounts = item(meeting, "accounts")
    conflicted = members[0]
    votes.declare_conflict(
        item=accounts,
        person=conflicted.representative,
        declaration="Zetelt in het bestuur dat de rekening opmaakte.",
        by=secretary,
    )
    poll = votes.open_vote(item=accounts, by=secretary)
    with pytest.raises(BallotError) as error:
        vote(poll, conflicted, "yes")
    assert error.value.code == "not_in_electorate"
    assert "Zetelt in het bestuur" in error.value.message
    refused(
        "wrong_state",
        votes.declare_conflict,
        item=accounts,
        person=members[1].representative,
        declaration="te laat",
        by=secretary,
    )


def test_the_secretary_records_a_show_of_hands_for_who_did_not_vote_on_a_phone(
    in_session, members, secretary
):
    meeting = in_session(members[:4])
    accounts = item(meeting, "accounts")
    poll = votes.open_vote(item=accounts, by=secretary)
    vote(poll, members[0], "no")
    hands = {m.organisation.pk: "yes" for m in members[:4]}
    assert votes.record_show_of_hands(item=accounts, hands=hands, by=secretary) == 3
    decided = votes.close_vote(item=accounts, by=secretary)
    assert (decided.decision["yes"], decided.decision["no"]) == (3, 1)


def test_a_show_of_hands_is_refused_for_an_absent_member(in_session, members, secretary):
    meeting = in_session(members[:4])
    accounts = item(meeting, "accounts")
    votes.open_vote(item=accounts, by=secretary)
    refused(
        "not_member",
        votes.record_show_of_hands,
        item=accounts,
        hands={members[5].organisation.pk: "yes"},
        by=secretary,
    )


# --- Minutes --------------------------------------------------------------------------------------


def test_minutes_are_drafted_from_the_meeting_completed_approved_and_published(
    in_session, members, secretary, django_capture_on_commit_callbacks
):
    meeting = in_session(members[:4])
    services.give_proxy(
        meeting=meeting,
        giver=members[4].organisation,
        holder=members[0].organisation,
        by=members[4].representative,
    )
    accounts = item(meeting, "accounts")
    poll = votes.open_vote(item=accounts, by=secretary)
    for member in members[:4]:
        vote(poll, member, "yes")
    votes.close_vote(item=accounts, by=secretary)
    refused("wrong_state", minutes.generate_minutes, meeting=meeting, by=secretary)
    votes.close_meeting(meeting=meeting, by=secretary)
    draft = minutes.generate_minutes(meeting=meeting, by=secretary)
    assert members[0].organisation.name in draft.text
    assert members[4].organisation.name in draft.text  # the proxy
    assert "Jaarrekening 2026" in draft.text
    assert "5 ja" in draft.text or "5 yes" in draft.text  # weight 2 for the proxy holder
    minutes.update_minutes(
        minutes=draft, text=draft.text + "\nDe voorzitter dankt iedereen.", by=secretary
    )
    refused("not_approved", minutes.publish_minutes, minutes=draft, by=secretary)
    minutes.approve_minutes(minutes=draft, by=secretary)
    refused("approved", minutes.update_minutes, minutes=draft, text="anders", by=secretary)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = minutes.publish_minutes(minutes=draft, by=secretary)
    assert len(mail.outbox) == meeting.recipients.count()
    assert ".pdf" in mail.outbox[0].body
    assert published.status == Minutes.Status.PUBLISHED
    assert list(selectors.decisions(search="jaarrekening")) == [accounts]
    assert list(selectors.decisions(search="onbestaand")) == []
    pdf = minutes.minutes_pdf(published)
    assert pdf.startswith(b"%PDF")


def test_is_board_member_follows_the_mandate_dates(secretary):
    today = timezone.localdate()
    assert selectors.is_board_member(secretary)
    assert not selectors.is_board_member(secretary, on=today - datetime.timedelta(days=31))


# --- A board meeting ------------------------------------------------------------------------------


def test_a_board_meeting_needs_no_notice_and_a_conflicted_director_does_not_vote(secretary):
    board = selectors.board()
    assert board is not None
    directors = [make_person(full_name=f"Bestuurder {n}") for n in range(2)]
    for director in directors:
        services.appoint(
            body=board,
            person=director,
            role="member",
            starts_on=secretary.date_joined.date(),
            by=None,
        )
    meeting = services.schedule_meeting(
        body=board,
        title="Bestuursvergadering",
        starts_at=in_days(2),
        place="SOM-lokaal",
        by=secretary,
    )
    decision = services.add_agenda_item(
        meeting=meeting,
        title="Opdracht aan het bureau van bestuurder 0",
        motion_kind=kind("ordinary"),
        by=secretary,
    )
    recipients = services.send_convocation(meeting=meeting, by=secretary)
    assert {r.person for r in recipients} == {secretary, *directors}
    for person in (secretary, *directors):
        services.register_presence(meeting=meeting, person=person, by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    votes.declare_conflict(
        item=decision, person=directors[0], declaration="Eigen bureau.", by=directors[0]
    )
    poll = votes.open_vote(item=decision, by=secretary)
    with pytest.raises(BallotError) as error:
        voting.cast_ballot(poll=poll, voter=directors[0], choices=[option(poll, "yes")])
    assert "Eigen bureau." in error.value.message
    for person in (secretary, directors[1]):
        assert (
            voting.cast_ballot(poll=poll, voter=person, choices=[option(poll, "yes")]).weight == 1
        )
    assert votes.close_vote(item=decision, by=secretary).outcome == "adopted"
