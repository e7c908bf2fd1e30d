"""Reading and writing pabulib .pb files, and `manage.py pb_outcome`. No database needed."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from som.voting.management.commands.pb_outcome import Command
from som.voting.pabulib import PabulibError, parse_pb, read_pb, write_pb
from som.voting.rules import Ballot, Project

DATA = Path(__file__).parent / "data"
WARSAW = DATA / "poland_warszawa_2017_plac-wojska-polskiego.pb"
BYDGOSZCZ = DATA / "poland_bydgoszcz_2025_legnowo-wies.pb"


def pb_outcome(*args: str) -> tuple[list[str], str]:
    out, err = StringIO(), StringIO()
    call_command(Command(), *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def test_a_real_approval_file_is_read():
    instance = read_pb(WARSAW)
    assert instance.budget == 51195
    assert instance.meta["description"] == "Local PB in Warsaw, Wesoła | Plac Wojska Polskiego"
    assert [(p.id, p.cost) for p in instance.projects] == [
        ("427", 15995),
        ("915", 5825),
        ("2567", 20000),
        ("1623", 2900),
    ]
    assert instance.projects[3].name.startswith("Życzliwość")
    assert len(instance.ballots) == 27
    assert instance.ballots[4] == Ballot({"427", "915", "2567", "1623"}, 1, "15240")


def test_a_choose_one_file_is_read_as_approval_of_one_project():
    instance = read_pb(BYDGOSZCZ)
    assert len(instance.ballots) == 123
    assert all(len(ballot.approved) == 1 for ballot in instance.ballots)


def test_lenient_like_pabutools_lowercase_sections_and_no_voter_ids():
    instance = parse_pb(
        "meta\nkey;value\nvote_type;approval\nbudget;100000\n\n"
        "projects\nname;cost\np1;50000\np2;50000\n\nvotes\nvote\np1\np2\n"
    )
    assert [p.id for p in instance.projects] == ["p1", "p2"]
    assert [set(b.approved) for b in instance.ballots] == [{"p1"}, {"p2"}]


def test_spaces_around_separators_and_decimal_commas_are_accepted():
    instance = parse_pb(
        "META\nkey; value\nbudget; 2500,50\nvote_type; approval\n"
        "PROJECTS\nproject_id; cost\n1; 600,25\n2; 800\nVOTES\nvoter_id; vote\n1; 1,2\n2;\n"
    )
    assert instance.budget == Decimal("2500.50")
    assert instance.projects[0].cost == Decimal("600.25")
    assert [set(b.approved) for b in instance.ballots] == [{"1", "2"}, set()]


@pytest.mark.parametrize("vote_type", ["cumulative", "ordinal", "scoring"])
def test_other_vote_types_are_refused_with_a_clear_message(vote_type):
    text = f"META\nkey;value\nbudget;10\nvote_type;{vote_type}\nPROJECTS\nproject_id;cost\n"
    text += "1;5\nVOTES\nvoter_id;vote;points\n1;1;3\n"
    with pytest.raises(PabulibError, match=f"vote_type '{vote_type}'; only approval instances"):
        parse_pb(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\nVOTES\nvote\n", "no vote_type"),
        ("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvote\n", "budget"),
        ("META\nkey;value\nvote_type;approval\nbudget;1\nPROJECTS\nproject_id;cost\n", "VOTES"),
        (
            "META\nkey;value\nvote_type;approval\nbudget;1\nPROJECTS\nproject_id;cost\n1;1\n"
            "VOTES\nvoter_id;vote\n1;2\n",
            "unknown projects",
        ),
        (
            "META\nkey;value\nvote_type;approval\nbudget;1\nPROJECTS\nproject_id;cost\n1;lots\n"
            "VOTES\nvoter_id;vote\n",
            "not a number",
        ),
    ],
)
def test_broken_files_are_refused(text, message):
    with pytest.raises(PabulibError, match=message):
        parse_pb(text)


def test_writing_then_reading_gives_the_same_vote_back():
    projects = [
        Project("12", Decimal("15000.50"), 'Lab "Samen; sterker"'),
        Project("7", 20000, "Schoolbrede leesaanpak"),
        Project("3", Decimal("9999.99"), ""),
    ]
    ballots = [Ballot({"12", "7"}, 2, "r-1"), Ballot(set(), 1, "r-2"), Ballot({"3"}, 1, "r-3")]
    text = write_pb(
        projects=projects,
        budget=Decimal("40000"),
        ballots=ballots,
        meta={"instance": "2025", "rule": "equalshares/add1"},
    )
    instance = parse_pb(text)
    assert instance.projects == tuple(projects)
    assert instance.budget == Decimal("40000")
    assert instance.ballots == tuple(ballots)
    assert instance.meta["rule"] == "equalshares/add1"
    assert instance.meta["num_votes"] == "3"
    assert "weight" in text.splitlines()[text.splitlines().index("VOTES") + 1]


def test_a_written_file_looks_like_pabulib():
    text = write_pb(
        projects=[Project(1, 100, "Eerste"), Project(2, 50, "Tweede")],
        budget=120,
        ballots=[Ballot({2, 1}), Ballot({2})],
    )
    assert text.splitlines()[:3] == [
        "META",
        "key;value",
        "description;Selection of labs, SOM Leuven",
    ]
    assert "vote_type;approval" in text
    assert text.endswith(
        "PROJECTS\nproject_id;cost;votes;name\n1;100;1;Eerste\n2;50;2;Tweede\n"
        "VOTES\nvoter_id;vote\n1;1,2\n2;2\n"
    )


def test_a_real_file_survives_a_round_trip():
    instance = read_pb(WARSAW)
    again = parse_pb(
        write_pb(projects=instance.projects, budget=instance.budget, ballots=instance.ballots)
    )
    assert again.projects == instance.projects
    assert again.ballots == instance.ballots


def test_pb_outcome_prints_the_selected_ids_one_per_line():
    assert pb_outcome(str(BYDGOSZCZ), "--rule", "greedy") == (["122", "273"], "")
    assert pb_outcome(str(BYDGOSZCZ), "--rule", "equal-shares")[0] == ["122", "273"]
    assert pb_outcome(str(WARSAW), "--rule", "greedy", "--max", "2")[0] == ["427", "915"]


def test_pb_outcome_explains_on_stderr():
    lines, explanation = pb_outcome(str(BYDGOSZCZ), "--rule", "greedy", "--explain")
    assert lines == ["122", "273"]
    assert "451 (€125,338.00, 21 approvals): skipped, does not fit" in explanation


def test_pb_outcome_refuses_a_file_that_is_not_an_approval_vote(tmp_path):
    path = tmp_path / "cumulative.pb"
    path.write_text("META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nVOTES\n")
    with pytest.raises(CommandError, match="only approval instances"):
        pb_outcome(str(path), "--rule", "greedy")
    with pytest.raises(CommandError, match="Cannot read"):
        pb_outcome(str(tmp_path / "missing.pb"), "--rule", "greedy")
