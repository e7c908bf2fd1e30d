"""Labs at work in the browser: a lead plans a session and records it; a member answers "I come"
on a phone; a lead cancels a session on a phone and the member who comes reads it; a lead submits
an expense and the team approves it; a lead publishes a result and it shows on the public page.
Axe on each page."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from som.accounts.models import Person
from som.finance.models import Expense
from som.labs.models import Attendance, LabSession
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from tests.browser.sessions import log_in

# ruff: noqa: F811

pytestmark = pytest.mark.browser


def _url(name: str, **kwargs: Any) -> str:
    """The English address: the tests read the English labels, whatever the translators make."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_a_lead_plans_a_session_and_records_it(
    laptop: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    running_lab: Any,
    teacher: Person,
    lab_lead: Person,
) -> None:
    log_in(laptop, teacher, live_server.url)
    laptop.goto(_url("labs:group", slug=running_lab.slug))
    axe(laptop)
    laptop.get_by_role("link", name="Plan a session").click()
    starts = timezone.localtime() + datetime.timedelta(days=3)
    laptop.locator("#id_title").fill("Startnota bespreken")
    laptop.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    laptop.locator("#id_place").fill("UCLL, Leuven")
    laptop.locator("#id_agenda").fill("1. Startnota\n2. Experiment")
    axe(laptop)
    laptop.locator("main form button[type=submit]").click()
    expect(laptop.locator("h2#session-title")).to_have_text("Startnota bespreken")
    session = LabSession.objects.get(title="Startnota bespreken")

    LabSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    laptop.goto(_url("labs:record", slug=running_lab.slug, pk=session.pk))
    laptop.get_by_label(str(lab_lead)).check()
    laptop.locator("#id_tried").fill("We lazen de startnota samen.")
    laptop.locator("#id_learnt").fill("Iedereen ziet andere drempels.")
    axe(laptop)
    laptop.locator("main form button[type=submit]").click()
    expect(laptop.locator("#reflection-title")).to_be_visible()
    assert Attendance.objects.get(session=session, person=lab_lead).attended is True


def test_a_member_says_i_come_on_a_phone(
    phone: Page,
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    running_lab: Any,
    teacher: Person,
    lab_lead: Person,
) -> None:
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    log_in(phone, lab_lead, live_server.url)
    phone.goto(_url("labs:session", slug=running_lab.slug, pk=session.pk))
    axe(phone)
    phone.locator("button[name=coming][value=yes]").click()
    expect(phone.locator("#answer .badge")).to_be_visible()
    expect(phone.locator("button[name=coming][value=yes]")).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(phone, "lab-session-phone")
    assert Attendance.objects.get(session=session, person=lab_lead).coming is True
    axe(phone)


def test_a_lead_cancels_a_session_on_a_phone_and_the_member_who_comes_is_told(
    phone: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    running_lab: Any,
    teacher: Person,
    lab_lead: Person,
) -> None:
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    work.answer_session(session=session, person=lab_lead, coming=True)
    mail.outbox.clear()

    log_in(phone, teacher, live_server.url)
    phone.goto(_url("labs:session", slug=running_lab.slug, pk=session.pk))
    phone.locator("#cancel summary").click()
    phone.locator("#cancel input[name=reason]").fill("De zaal is niet vrij.")
    axe(phone)
    phone.locator("#cancel button[type=submit]").click()
    expect(phone.locator("#cancelled")).to_contain_text("De zaal is niet vrij.")
    expect(phone.locator("#cancel")).to_have_count(0)
    expect(phone.locator("button[name=coming]")).to_have_count(0)
    screenshot(phone, "lab-session-cancelled-phone")
    axe(phone)
    session.refresh_from_db()
    assert session.cancelled_by == teacher
    assert [message.to for message in mail.outbox] == [[lab_lead.email]]

    member = new_page({"width": 390, "height": 844})
    log_in(member, lab_lead, live_server.url)
    member.goto(_url("labs:group", slug=running_lab.slug))
    expect(member.locator("#sessions-title + ul li")).to_contain_text("cancelled")
    axe(member)


def test_a_lead_submits_an_expense_and_the_team_approves_it(
    laptop: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    running_lab: Any,
    teacher: Person,
    team_member: Person,
) -> None:
    log_in(laptop, teacher, live_server.url)
    laptop.goto(_url("labs:budget", slug=running_lab.slug))
    laptop.locator("#id_spent_on").fill("2026-10-01")
    laptop.locator("#id_amount").fill("86.40")
    laptop.locator("#id_description").fill("Broodjes labosessie")
    axe(laptop)
    laptop.locator("main form[enctype] button[type=submit]").click()
    expect(laptop.get_by_text("Broodjes labosessie")).to_be_visible()
    expense = Expense.objects.get(description="Broodjes labosessie")

    team = new_page({"width": 1280, "height": 800})
    log_in(team, team_member, live_server.url)
    team.goto(_url("labs:budget", slug=running_lab.slug))
    axe(team)
    team.locator(f"#decide-{expense.pk} button[value=approve]").click()
    expect(team.locator(f"#decide-{expense.pk}")).to_have_count(0)
    expect(team.locator(f"#expense-{expense.pk}")).to_contain_text("approved")
    expense.refresh_from_db()
    assert expense.status == Expense.Status.APPROVED


def test_a_lead_publishes_a_result_and_it_shows_on_the_public_page(
    laptop: Page,
    new_page: Callable[..., Page],
    live_server: Any,
    axe: Callable[[Page], None],
    running_lab: Any,
    teacher: Person,
) -> None:
    visitor = new_page({"width": 390, "height": 844})
    visitor.goto(_url("labs:lab", slug=running_lab.slug))
    expect(visitor.locator("main")).not_to_contain_text("Startnota leaky pipeline")

    log_in(laptop, teacher, live_server.url)
    laptop.goto(_url("labs:manage_results", slug=running_lab.slug))
    laptop.locator("#id_title").fill("Startnota leaky pipeline")
    laptop.locator("#id_summary").fill("Een gedeeld kader voor het labo.")
    laptop.locator("#id_body").fill("We schreven **samen** een nota.")
    axe(laptop)
    laptop.locator("main form button[type=submit]").click()
    laptop.locator("button[value=publish]").click()
    expect(laptop.get_by_role("link", name="See it on the public page")).to_be_visible()

    visitor.goto(_url("labs:lab", slug=running_lab.slug))
    expect(visitor.locator("main")).to_contain_text("Startnota leaky pipeline")
    axe(visitor)
    visitor.get_by_role("link", name="Startnota leaky pipeline").click()
    expect(visitor.locator("main strong")).to_have_text("samen")
    axe(visitor)
