"""The pages of the gaps closed after the first round: cancelling a session, changing a logbook
entry (who may, and the same 404 for everybody else), the budget page's decisions outside the
table, the annual report page and its PDF; with their query budgets."""

# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from som.labs.models import LabMember
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    reflection,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_a_lead_cancels_a_session_on_its_page_and_it_shows_as_cancelled(
    client_of, running_lab, teacher, lab_lead, django_capture_on_commit_callbacks
):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    work.answer_session(session=session, person=lab_lead, coming=True)
    page = url("labs:session", slug=running_lab.slug, pk=session.pk)
    assert "Cancel the session" in client_of(teacher).get(page).content.decode()
    assert "Cancel the session" not in client_of(lab_lead).get(page).content.decode()
    cancel = url("labs:cancel", slug=running_lab.slug, pk=session.pk)
    assert client_of(lab_lead).post(cancel, {"reason": "Nee"}).status_code == 404
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_of(teacher).post(cancel, {"reason": "Ziek"})
    assert answer.status_code == 302
    assert [message.to for message in mail.outbox] == [[lab_lead.email]]
    shown = client_of(lab_lead).get(page).content.decode()
    assert "This session does not take place" in shown and "Ziek" in shown
    assert "I come" not in shown
    group = client_of(lab_lead).get(url("labs:group", slug=running_lab.slug)).content.decode()
    assert "cancelled" in group


def test_an_outsider_cannot_cancel(client_of, running_lab, teacher, outsider):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    cancel = url("labs:cancel", slug=running_lab.slug, pk=session.pk)
    assert client_of(outsider).post(cancel).status_code == 404
    session.refresh_from_db()
    assert session.cancelled_at is None


@pytest.fixture
def entry(running_lab, teacher):
    return work.write_entry(lab=running_lab, data=reflection(), by=teacher)


def test_the_author_changes_an_entry_on_its_page(client_of, running_lab, teacher, entry):
    edit = url("labs:edit_entry", slug=running_lab.slug, pk=entry.pk)
    client = client_of(teacher)
    assert 'value="Sessie 1: kennismaking"' in client.get(edit).content.decode()
    answer = client.post(
        edit, {"title": "Sessie 1, herzien", "tried": "Iets anders", "is_public": "on"}
    )
    assert answer.status_code == 302 and answer["Location"].endswith(f"#entry-{entry.pk}")
    entry.refresh_from_db()
    assert (entry.title, entry.tried, entry.learnt, entry.is_public) == (
        "Sessie 1, herzien",
        "Iets anders",
        "",
        True,
    )


def test_a_member_who_did_not_write_the_entry_gets_404(
    client_of, running_lab, lab_lead, outsider, entry
):
    edit = url("labs:edit_entry", slug=running_lab.slug, pk=entry.pk)
    for person in (lab_lead, outsider):
        assert client_of(person).get(edit).status_code == 404
        assert client_of(person).post(edit, {"title": "X", "tried": "Y"}).status_code == 404
    entry.refresh_from_db()
    assert entry.title == "Sessie 1: kennismaking"
    logbook = client_of(lab_lead).get(url("labs:logbook", slug=running_lab.slug))
    assert edit not in logbook.content.decode()


def test_a_refused_change_says_why_and_keeps_the_form(client_of, running_lab, teacher, entry):
    edit = url("labs:edit_entry", slug=running_lab.slug, pk=entry.pk)
    page = client_of(teacher).post(edit, {"title": "Leeg"})
    assert page.status_code == 200
    assert "Write at least what you tried" in page.content.decode()


def test_the_logbook_costs_the_same_queries_however_long_it_is(
    client_of, running_lab, teacher, django_assert_max_num_queries
):
    client = client_of(teacher)
    logbook = url("labs:logbook", slug=running_lab.slug)
    client.get(logbook)  # the session and the translations are loaded once
    for n in range(6):
        work.write_entry(lab=running_lab, data=reflection(title=f"Verslag {n}"), by=teacher)
    # The person, the lab, the membership, the entries, their attachments.
    with django_assert_max_num_queries(5):
        page = client.get(logbook)
    assert page.content.decode().count("Change this entry") == 6


def test_the_team_decides_on_a_waiting_expense_outside_the_table(
    client_of, running_lab, teacher, team_member
):
    expense = work.submit_lab_expense(
        lab=running_lab,
        spent_on=running_lab.starts_on,
        amount=Decimal("1250.00"),
        description="Vervanging",
        by=teacher,
    )
    budget = url("labs:budget", slug=running_lab.slug)
    page = client_of(team_member).get(budget).content.decode()
    assert f'id="decide-{expense.pk}"' in page and "€\xa01,250.00" in page
    assert f'id="decide-{expense.pk}"' not in client_of(teacher).get(budget).content.decode()


# --- The annual report ------------------------------------------------------------------------------------


@pytest.fixture
def approved(running_lab, teacher, team_member):
    entry = work.draft_year_entry(lab=running_lab, school_year="2022-2023", by=teacher)
    work.update_year_entry(
        entry=entry,
        data=work.YearEntryData(
            situation="Opstart", partners="UCLL", achievements="5 sessies", challenges="Tijd"
        ),
        by=teacher,
    )
    return work.approve_year_entry(entry=entry, by=team_member)


def test_the_annual_report_has_contents_the_four_parts_and_the_labs_address(
    client_of, running_lab, approved, team_member, django_assert_max_num_queries
):
    client = client_of(team_member)
    report = url("reports:annual_report")
    client.get(report)
    with django_assert_max_num_queries(6):
        page = client.get(report, {"year": "2022-2023"}).content.decode()
    for part in ("Situation", "Partners", "Achievements", "Challenges", "The labs in this report"):
        assert part in page
    assert f'href="#lab-{running_lab.slug}"' in page
    assert url("labs:lab", slug=running_lab.slug) in page


def test_the_annual_report_says_which_entries_still_wait(
    client_of, running_lab, approved, team_member, teacher
):
    other = work.draft_year_entry(lab=running_lab, school_year="2023-2024", by=teacher)
    work.update_year_entry(
        entry=other, data=work.YearEntryData(situation="S", achievements="A"), by=teacher
    )
    work.approve_year_entry(entry=other, by=team_member)
    work.reopen_year_entry(entry=other, by=team_member)
    page = client_of(team_member).get(url("reports:annual_report"), {"year": "2023-2024"})
    assert "1 entry of this school year still waits for approval" in page.content.decode()


def test_the_annual_report_pdf_is_a_pdf_in_the_readers_language(client_of, approved, team_member):
    answer = client_of(team_member).get(
        url("reports:annual_report"), {"year": "2022-2023", "format": "pdf"}
    )
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    assert "jaarverslag-labos-2022-2023.pdf" in answer["Content-Disposition"]


def test_leads_of_an_ended_membership_are_listed_as_former_members(
    client_of, running_lab, teacher, lab_lead
):
    LabMember.objects.filter(lab=running_lab, person=lab_lead).update(ended_on="2026-10-01")
    page = client_of(teacher).get(url("labs:group", slug=running_lab.slug)).content.decode()
    assert "Former members" in page


def test_the_teams_lab_list_shows_the_leads_in_a_fixed_number_of_queries(
    client_of, running_lab, team_member, teacher, django_assert_max_num_queries
):
    from som.labs.services import labs as lab_services
    from som.labs.tests.labs_world import lab_data

    for n in range(5):
        lab_services.create_lab(
            data=lab_data(title=f"Labo {n}"), granted=Decimal(1), by=team_member
        )
    client = client_of(team_member)
    team_labs = url("labs:team_labs")
    client.get(team_labs)
    # The person and the team's authenticator (the MFA check), then the page's five lists: the
    # labs, their leads, waiting expenses, waiting entries, confirmed proposals without a lab.
    with django_assert_max_num_queries(7):
        page = client.get(team_labs).content.decode()
    assert str(teacher) in page and page.count("no lead yet") == 5


def test_an_approved_entry_is_not_offered_for_editing(client_of, running_lab, approved, teacher):
    page = client_of(teacher).get(url("labs:year_entry", slug=running_lab.slug, pk=approved.pk))
    assert "ask the SOM team to reopen it" in page.content.decode()
    assert 'name="situation"' not in page.content.decode()
