"""The selection vote of a call: start, ballots by checked-in attendees, close with the call's
rule, publish, the board's confirmation; and the pabulib export."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from som.accounts.models import Person
from som.events import services as events
from som.events.models import Event, Registration
from som.events.tests.factories import make_event
from som.labs.models import BudgetLine, Call, Proposal, SelectionDecision
from som.labs.services import confirmation, selection
from som.network.tests.factories import make_person
from som.voting import pabulib, rules
from som.voting import services as voting
from som.voting.models import Poll, PollResult

# --- Helpers (also used by the view and browser tests) ---------------------------------------------


def make_call(
    network_day: Event,
    author: Person,
    proposals: list[tuple[str, int]],
    *,
    rule: str = Call.Rule.GREEDY,
    total_budget: int = 100_000,
    max_labs: int = 3,
) -> Call:
    """A call past its deadline with its proposals screened eligible (made through the models:
    the proposal services belong to the screening issue)."""
    call = Call.objects.create(
        title="Labo's 2027",
        network_day=network_day,
        deadline=timezone.now() - datetime.timedelta(days=7),
        total_budget=Decimal(total_budget),
        max_budget_per_proposal=Decimal(total_budget),
        min_labs=min(3, max_labs),
        max_labs=max_labs,
        rule=rule,
        status=Call.Status.SCREENING,
    )
    for position, (title, budget) in enumerate(proposals):
        proposal = Proposal.objects.create(
            call=call,
            title=title,
            summary=f"Een labo over {title.lower()}.",
            status=Proposal.Status.ELIGIBLE,
            created_by=author,
            pitch_order=position,
        )
        BudgetLine.objects.create(proposal=proposal, description="Werking", amount=budget)
    return call


def attend(event: Event, people: list[Person], *, checked_in: bool = True) -> None:
    Registration.objects.bulk_create(
        Registration(
            event=event,
            person=person,
            status=Registration.Status.REGISTERED,
            basis=Registration.Basis.FREE_EVENT,
            ticket_code=events.new_ticket_code(),
            checked_in_at=timezone.now() if checked_in else None,
        )
        for person in people
    )


def option_ids(call: Call) -> dict[str, int]:
    assert call.poll is not None
    return {o.label: o.pk for o in call.poll.options.all()}


def vote(call: Call, voter: Person, titles: list[str]) -> voting.Receipt:
    ids = option_ids(call)
    assert call.poll_id is not None
    return voting.cast_ballot(poll=call.poll_id, voter=voter, choices=[ids[t] for t in titles])


PROPOSALS = [("Taalrijke klas", 40_000), ("Overstap naar het secundair", 35_000),
             ("Ouders als partners", 30_000), ("Welbevinden van leraren", 20_000)]  # fmt: skip


@pytest.fixture
def network_day(db) -> Event:
    return make_event(title="SOM-netwerkdag voorjaar")


@pytest.fixture
def voters(network_day) -> list[Person]:
    people = [make_person(full_name=f"Kiezer {i}") for i in range(6)]
    attend(network_day, people)
    return people


@pytest.fixture
def call(network_day, lab_lead) -> Call:
    return make_call(network_day, lab_lead, PROPOSALS)


def _run_greedy_vote(call: Call, voters: list[Person], team: Person) -> dict:
    selection.start_selection_vote(call=call, by=team)
    call.refresh_from_db()
    for voter in voters[:4]:
        vote(call, voter, ["Taalrijke klas", "Overstap naar het secundair"])
    vote(call, voters[4], ["Ouders als partners", "Welbevinden van leraren"])
    vote(call, voters[5], ["Welbevinden van leraren"])
    return selection.close_selection_vote(call=call, by=team)


# --- Starting ---------------------------------------------------------------------------------------


def test_start_makes_a_secret_open_approval_poll_over_the_eligible_proposals(call, team_member):
    Proposal.objects.create(
        call=call, title="Niet ontvankelijk", status=Proposal.Status.NOT_ELIGIBLE,
        created_by=team_member,
    )  # fmt: skip
    poll = selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    assert call.poll == poll and call.status == Call.Status.VOTING
    assert poll.state == Poll.State.OPEN and poll.is_secret
    assert poll.method == Poll.Method.APPROVAL and poll.max_choices == 3
    assert poll.electorate_kind == "network_day_attendees"
    assert poll.electorate_reference == str(call.network_day_id)
    options = list(poll.options.all())
    assert [o.label for o in options] == [title for title, _ in PROPOSALS]
    first = call.proposals.get(title="Taalrijke klas")
    assert options[0].reference == f"proposal:{first.pk}"
    assert options[0].description == first.summary


def test_only_the_team_starts_a_vote(call, board_member):
    with pytest.raises(selection.SelectionError) as error:
        selection.start_selection_vote(call=call, by=board_member)
    assert error.value.code == "not_team"


def test_a_vote_starts_once(call, team_member):
    selection.start_selection_vote(call=call, by=team_member)
    with pytest.raises(selection.SelectionError) as error:
        selection.start_selection_vote(call=call, by=team_member)
    assert error.value.code == "wrong_state"


def test_a_call_still_open_for_proposals_cannot_vote(call, team_member):
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(selection.SelectionError) as error:
        selection.start_selection_vote(call=call, by=team_member)
    assert error.value.code == "wrong_state"


# --- Who may vote ----------------------------------------------------------------------------------


def test_a_registered_person_not_checked_in_is_refused_with_the_reason(call, team_member):
    late = make_person(full_name="Laatkomer")
    attend(call.network_day, [late], checked_in=False)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    with pytest.raises(voting.BallotError) as error, translation.override("en"):
        vote(call, late, ["Taalrijke klas"])
    assert error.value.code == "not_in_electorate"
    assert "checked in" in error.value.message


def test_a_person_not_registered_is_refused(call, team_member, outsider):
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    with pytest.raises(voting.BallotError) as error, translation.override("en"):
        vote(call, outsider, ["Taalrijke klas"])
    assert error.value.code == "not_in_electorate"
    assert "not registered" in error.value.message


def test_a_checked_in_attendee_votes_once(call, voters, team_member):
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    receipt = vote(call, voters[0], ["Taalrijke klas"])
    assert receipt.receipt
    with pytest.raises(voting.AlreadyVoted):
        vote(call, voters[0], ["Ouders als partners"])


def test_at_most_max_labs_approvals(call, voters, team_member):
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    with pytest.raises(voting.BallotError) as error:
        vote(call, voters[0], [title for title, _ in PROPOSALS])
    assert error.value.code == "invalid_choices"


def test_the_turnout_counts_the_checked_in_attendees(call, voters, team_member):
    from som.voting import selectors

    attend(call.network_day, [make_person()], checked_in=False)
    poll = selection.start_selection_vote(call=call, by=team_member)
    turnout = selectors.live_turnout(poll)
    assert turnout.electorate is not None and turnout.electorate.people == len(voters)


# --- Closing and the rule ---------------------------------------------------------------------------


def test_closing_applies_greedy_within_the_budget(call, voters, team_member):
    outcome = _run_greedy_vote(call, voters, team_member)
    call.refresh_from_db()
    status = dict(call.proposals.values_list("title", "status"))
    # 4, 4, 2, 1 votes: 40k + 35k + 20k, and then the maximum of 3 labs is reached.
    assert status == {
        "Taalrijke klas": "selected",
        "Overstap naar het secundair": "selected",
        "Ouders als partners": "not_selected",
        "Welbevinden van leraren": "selected",
    }
    assert call.status == Call.Status.DECIDED and call.outcome == outcome
    assert outcome["spent"] == "95000.00" and outcome["voters"] == 6
    votes = {p["title"]: p["votes"] for p in outcome["proposals"]}
    assert votes == {"Taalrijke klas": 4, "Overstap naar het secundair": 4,
                     "Ouders als partners": 1, "Welbevinden van leraren": 2}  # fmt: skip
    with translation.override("en"):
        text = " ".join(selection.explain(outcome))
    assert "maximum of 3 labs is reached" in text and "Selected: 3 labs" in text


def test_a_proposal_nobody_voted_for_is_not_selected_even_with_money_left(
    call, voters, team_member
):
    """Greedy alone (and pabutools) would then add "Ouders als partners" (30k fits the 40k left
    after 40k + 20k) with no votes at all: we never do."""
    call.max_labs = 4
    call.save(update_fields=["max_labs"])
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    for voter in voters:
        vote(call, voter, ["Taalrijke klas", "Welbevinden van leraren"])
    outcome = selection.close_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    status = dict(call.proposals.values_list("title", "status"))
    assert status["Taalrijke klas"] == status["Welbevinden van leraren"] == "selected"
    assert status["Ouders als partners"] == status["Overstap naar het secundair"] == "not_selected"
    with translation.override("en"):
        text = " ".join(selection.explain(outcome))
    assert "“Ouders als partners” (€\xa030,000.00): not selected, nobody voted for it." in text
    assert "“Overstap naar het secundair” (€\xa035,000.00): not selected, nobody" in text


def test_closing_applies_equal_shares_which_gives_the_minority_its_lab(
    network_day, lab_lead, voters, team_member
):
    call = make_call(
        network_day,
        lab_lead,
        [("A", 30_000), ("B", 30_000), ("C", 20_000)],
        rule=Call.Rule.EQUAL_SHARES,
        total_budget=60_000,
        max_labs=2,
    )
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    for voter in voters[:4]:
        vote(call, voter, ["A", "B"])
    for voter in voters[4:]:
        vote(call, voter, ["C"])
    outcome = selection.close_selection_vote(call=call, by=team_member)
    titles = {p["id"]: p["title"] for p in outcome["proposals"]}
    # Greedy would take A and B; the two C voters own a third of the budget: enough for C.
    assert sorted(titles[pk] for pk in outcome["selected"]) == ["A", "C"]
    with translation.override("en"):
        assert "Equal Shares" in selection.explain(outcome)[0]


def test_a_closed_vote_takes_no_ballot_and_its_result_never_changes(call, voters, team_member):
    _run_greedy_vote(call, voters, team_member)
    call.refresh_from_db()
    frozen = PollResult.objects.get(poll=call.poll).data
    late = make_person()
    attend(call.network_day, [late])
    with pytest.raises(voting.BallotError) as error:
        vote(call, late, ["Ouders als partners"])
    assert error.value.code == "closed"
    with pytest.raises(selection.SelectionError):
        selection.close_selection_vote(call=call, by=team_member)
    selection.publish_selection(call=call, by=team_member)
    assert PollResult.objects.get(poll=call.poll).data == frozen


# --- Confirmation -----------------------------------------------------------------------------------


def test_confirmation_by_a_non_board_person_is_refused(call, voters, team_member, teacher):
    _run_greedy_vote(call, voters, team_member)
    with pytest.raises(selection.SelectionError) as error:
        confirmation.confirm_selection(call=call, by=teacher)
    assert error.value.code == "not_board"
    assert not SelectionDecision.objects.exists()


def test_a_former_board_member_cannot_confirm(call, voters, team_member, board_mandate):
    from som.governance import services as governance

    governance.end_mandate(
        mandate=board_mandate, on=timezone.localdate() - datetime.timedelta(days=1), by=None
    )
    _run_greedy_vote(call, voters, team_member)
    with pytest.raises(selection.SelectionError) as error:
        confirmation.confirm_selection(call=call, by=board_mandate.person)
    assert error.value.code == "not_board"


def test_the_board_confirms_and_the_selected_proposals_are_confirmed(
    call, voters, team_member, board_member, board_mandate
):
    _run_greedy_vote(call, voters, team_member)
    decision = confirmation.confirm_selection(call=call, by=board_member, note="Goedgekeurd.")
    call.refresh_from_db()
    assert call.status == Call.Status.CONFIRMED
    assert decision.decided_by == board_member and decision.explanation == call.outcome
    confirmed = set(call.proposals.filter(status="confirmed").values_list("title", flat=True))
    assert confirmed == {"Taalrijke klas", "Overstap naar het secundair", "Welbevinden van leraren"}
    assert set(decision.selected.values_list("title", flat=True)) == confirmed
    with pytest.raises(selection.SelectionError):
        confirmation.confirm_selection(call=call, by=board_member)


# --- The pabulib export -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", [Call.Rule.GREEDY, Call.Rule.EQUAL_SHARES])
def test_the_export_reads_back_and_pb_outcome_selects_as_the_call(
    rule, network_day, lab_lead, voters, team_member, tmp_path: Path, capsys
):
    call = make_call(network_day, lab_lead, PROPOSALS, rule=rule, max_labs=4)
    _run_greedy_vote(call, voters, team_member)
    call.refresh_from_db()
    path = tmp_path / "ronde.pb"
    call_command("export_pb", str(call.pk), "--output", str(path))
    instance = pabulib.read_pb(path)
    assert instance.budget == Decimal(100_000)
    assert len(instance.ballots) == 6
    assert {str(p.id) for p in instance.projects} == {
        str(p["id"]) for p in call.outcome["proposals"]
    }
    capsys.readouterr()
    cli_rule = "equal-shares" if rule == Call.Rule.EQUAL_SHARES else "greedy"
    call_command("pb_outcome", str(path), "--rule", cli_rule, "--max", str(call.max_labs))
    printed = capsys.readouterr().out.split()
    assert printed == [str(pk) for pk in call.outcome["selected"]]
    function = rules.method_of_equal_shares if cli_rule == "equal-shares" else rules.greedy_approval
    again = function(projects=instance.projects, budget=instance.budget, ballots=instance.ballots,
                     max_projects=call.max_labs)  # fmt: skip
    assert list(again.selected) == printed
