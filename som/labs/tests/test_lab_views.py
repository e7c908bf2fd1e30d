"""The lab pages: who sees what (a member of one lab cannot read another lab's private logbook;
an outsider sees no private entry or file; only leads publish), query budgets of the public pages,
their cache and its invalidation, the contact form, the annual report page."""

# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from som.labs.models import Lab, Result
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    lab_data,
    members,
    network_day,
    past,
    pdf,
    proposal,
    reflection,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.network.tests.factories import make_person


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def other_lab(team_member, outsider):
    """A second lab, with the outsider (a De Ring contact, so entitled) as its lead."""
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(1000), by=team_member)
    invitation = lab_services.invite_member(
        lab=lab, email=outsider.email, by=team_member, as_lead=True
    )
    lab_services.accept_lab_invitation(member=invitation, person=outsider)
    return lab


@pytest.fixture
def private_entry(running_lab, teacher):
    session = past(work.plan_session(lab=running_lab, data=session_data(), by=teacher))
    return work.record_session(
        session=session, by=teacher, attended=[teacher.pk], reflection=reflection(), uploads=[pdf()]
    )


# --- Gates ---------------------------------------------------------------------------------------------


def test_a_member_of_one_lab_cannot_read_another_labs_private_logbook(
    client_of, running_lab, other_lab, outsider, private_entry
):
    client = client_of(outsider)
    for name in ("labs:logbook", "labs:group", "labs:budget", "labs:manage_results"):
        assert client.get(url(name, slug=running_lab.slug)).status_code == 404
    attachment = private_entry.attachments.get()
    assert client.get(url("labs:attachment", pk=attachment.pk)).status_code == 404
    assert client.get(url("labs:logbook", slug=other_lab.slug)).status_code == 200


def test_the_group_and_the_team_read_the_private_logbook_and_download_its_files(
    client_of, running_lab, lab_lead, team_member, private_entry
):
    attachment = private_entry.attachments.get()
    for person in (lab_lead, team_member):
        client = client_of(person)
        page = client.get(url("labs:logbook", slug=running_lab.slug))
        assert "Sessie 1: kennismaking" in page.content.decode()
        download = client.get(url("labs:attachment", pk=attachment.pk))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_anonymous_visitor_sees_no_private_entry_but_a_public_ones_file(
    client, running_lab, teacher, private_entry
):
    attachment = private_entry.attachments.get()
    assert client.get(url("labs:attachment", pk=attachment.pk)).status_code == 404
    assert "Sessie 1" not in client.get(url("labs:lab", slug=running_lab.slug)).content.decode()
    public = work.write_entry(
        lab=running_lab, data=reflection(title="Open", is_public=True), by=teacher, uploads=[pdf()]
    )
    assert client.get(url("labs:attachment", pk=public.attachments.get().pk)).status_code == 200


def test_only_leads_publish_through_the_page(client_of, running_lab, teacher, lab_lead):
    result = work.save_result(
        lab=running_lab, data=work.ResultData(title="Nota", summary="Kort"), by=teacher
    )
    edit = url("labs:edit_result", slug=running_lab.slug, pk=result.pk)
    assert client_of(lab_lead).post(edit, {"action": "publish"}).status_code == 404
    assert client_of(teacher).post(edit, {"action": "publish"}).status_code == 302
    result.refresh_from_db()
    assert result.published_at is not None


def test_a_draft_result_is_not_public(client, running_lab, teacher):
    result = work.save_result(
        lab=running_lab, data=work.ResultData(title="Nota", summary="Kort"), by=teacher
    )
    assert client.get(url("labs:result", slug=running_lab.slug, pk=result.pk)).status_code == 404


def test_receipts_are_for_the_leads_and_the_team_only(
    client_of, running_lab, teacher, lab_lead, team_member
):
    expense = work.submit_lab_expense(
        lab=running_lab,
        spent_on=datetime.date(2026, 10, 1),
        amount=Decimal(20),
        description="Koffie",
        by=teacher,
        receipt=pdf("ticket.pdf"),
    )
    receipt = url("labs:receipt", pk=expense.pk)
    assert client_of(lab_lead).get(receipt).status_code == 404
    assert client_of(team_member).get(receipt)["Content-Type"] == "application/pdf"


def test_a_lead_enters_an_expense_beyond_the_budget_and_reads_what_is_left(
    client_of, running_lab, teacher
):
    page = client_of(teacher).post(
        url("labs:budget", slug=running_lab.slug),
        {"spent_on": "2026-10-01", "amount": "999999", "description": "Te veel"},
    )
    assert page.status_code == 400
    assert "remains" in page.content.decode()


def test_the_team_approves_an_expense_on_the_budget_page(
    client_of, running_lab, teacher, team_member
):
    expense = work.submit_lab_expense(
        lab=running_lab,
        spent_on=datetime.date(2026, 10, 1),
        amount=Decimal(20),
        description="Koffie",
        by=teacher,
    )
    team = client_of(team_member)
    team.post(
        url("labs:team_expense", slug=running_lab.slug, pk=expense.pk), {"decision": "approve"}
    )
    expense.refresh_from_db()
    assert expense.status == "approved"
    assert (
        client_of(teacher)
        .post(
            url("labs:team_expense", slug=running_lab.slug, pk=expense.pk), {"decision": "approve"}
        )
        .status_code
        == 404
    )


def test_a_member_answers_on_the_session_page(client_of, running_lab, teacher, lab_lead):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    client = client_of(lab_lead)
    page = client.get(url("labs:session", slug=running_lab.slug, pk=session.pk))
    assert "I come" in page.content.decode()
    client.post(url("labs:answer", slug=running_lab.slug, pk=session.pk), {"coming": "yes"})
    assert session.attendance.get(person=lab_lead).coming is True


def test_my_labs_lists_the_labs_and_the_invitations(client_of, running_lab, teacher, expert):
    lab_services.invite_member(lab=running_lab, email=expert.email, by=teacher, is_expert=True)
    assert running_lab.title in client_of(teacher).get(url("labs:mine")).content.decode()
    page = client_of(expert).get(url("labs:mine")).content.decode()
    assert "You are invited as an expert" in page


# --- Public pages: queries and the cache --------------------------------------------------------------------


@pytest.fixture
def many_labs(team_member):
    for n in range(12):
        lab_services.create_lab(
            data=lab_data(title=f"Labo {n}"), granted=Decimal(100), by=team_member
        )


def test_the_overview_costs_a_fixed_number_of_queries_and_then_comes_from_the_cache(
    client, many_labs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        page = client.get(url("labs:overview"))
    assert page.content.decode().count('class="card"') == 12
    with django_assert_max_num_queries(1):
        client.get(url("labs:overview"))


def test_the_overview_filters_by_status_and_speerpunt(client, many_labs, team_member):
    from som.network.models import Speerpunt

    speerpunt = Speerpunt.objects.get(position=Speerpunt.objects.order_by("position")[0].position)
    lab = lab_services.create_lab(
        data=lab_data(title="Speak Up!", speerpunten=[speerpunt]),
        granted=Decimal(1),
        by=team_member,
        status=Lab.Status.RUNNING,
    )
    page = client.get(url("labs:overview"), {"status": "running"}).content.decode()
    assert lab.title in page and "Labo 3" not in page
    page = client.get(url("labs:overview"), {"speerpunt": speerpunt.slug}).content.decode()
    assert lab.title in page and "Labo 3" not in page


def test_the_filter_form_shows_the_filter_applied_and_never_another_visitors_bad_input(
    client_of, many_labs, teacher
):
    member = client_of(teacher)  # a member: the filter form comes from the shared fragment
    first = member.get(url("labs:overview"), {"status": "nonsense", "speerpunt": "<b>x</b>"})
    assert first.status_code == 200
    page = member.get(url("labs:overview")).content.decode()
    assert "nonsense" not in page and "&lt;b&gt;x" not in page
    running = member.get(url("labs:overview"), {"status": "running"}).content.decode()
    assert '<option value="running" selected>' in running


def test_a_lab_page_shows_a_published_result_at_once_despite_the_cache(
    client, running_lab, teacher, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    lab_page = url("labs:lab", slug=running_lab.slug)
    # Four for the lab, one for the stories about it (issue 19, {% stories_about %}).
    with django_assert_max_num_queries(5):
        assert "Startnota" not in client.get(lab_page).content.decode()
    with django_assert_max_num_queries(0):
        client.get(lab_page)
    result = work.save_result(
        lab=running_lab, data=work.ResultData(title="Startnota", summary="Kort"), by=teacher
    )
    assert "Startnota" not in client.get(lab_page).content.decode()
    # The anonymous page cache forgets its pages once the publication has committed.
    with django_capture_on_commit_callbacks(execute=True):
        work.publish_result(result=result, by=teacher)
    assert "Startnota" in client.get(lab_page).content.decode()
    assert "Startnota" in client.get(url("labs:results")).content.decode()


def test_the_contact_form_mails_the_leads_without_showing_their_address(
    client, running_lab, teacher, django_capture_on_commit_callbacks
):
    contact = url("labs:contact", slug=running_lab.slug)
    assert teacher.email not in client.get(url("labs:lab", slug=running_lab.slug)).content.decode()
    assert teacher.email not in client.get(contact).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            contact, {"name": "Ann", "email": "ann@example.org", "message": "Mag ik meedoen?"}
        )
    assert mail.outbox[-1].to == [teacher.email]
    assert "ann@example.org" in mail.outbox[-1].body
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            contact, {"name": "Bot", "email": "b@example.org", "message": "x", "website": "spam"}
        )
    assert len(mail.outbox) == count


def test_the_contact_form_is_rate_limited(client, running_lab):
    contact = url("labs:contact", slug=running_lab.slug)
    answers = [
        client.post(
            contact, {"name": "A", "email": "a@example.org", "message": "Hallo"}
        ).status_code
        for _ in range(7)
    ]
    assert answers[-1] == 429


# --- The annual report ---------------------------------------------------------------------------------------


def test_the_team_reads_the_approved_entries_of_a_school_year(
    client_of, running_lab, teacher, team_member, outsider
):
    entry = work.draft_year_entry(lab=running_lab, school_year="2022-2023", by=teacher)
    work.update_year_entry(
        entry=entry,
        data=work.YearEntryData(situation="Opstart", partners="UCLL", achievements="5 sessies"),
        by=teacher,
    )
    work.approve_year_entry(entry=entry, by=team_member)
    report = url("reports:annual_report")
    assert client_of(outsider).get(report).status_code == 404
    page = client_of(team_member).get(report, {"year": "2022-2023"}).content.decode()
    assert "Situation" in page and "5 sessies" in page and running_lab.title in page


def test_an_outsider_gets_404_on_the_team_pages(client_of, running_lab, outsider):
    client = client_of(outsider)
    assert client.get(url("labs:team_labs")).status_code == 404
    assert client.get(url("labs:team_lab", slug=running_lab.slug)).status_code == 404
    assert client.get(url("labs:edit", slug=running_lab.slug)).status_code == 404


def test_nobody_else_accepts_an_invitation(client_of, running_lab, teacher, expert):
    invitation = lab_services.invite_member(
        lab=running_lab, email=expert.email, by=teacher, is_expert=True
    )
    stranger = make_person()
    assert client_of(stranger).post(url("labs:accept_lab", pk=invitation.pk)).status_code == 404
    assert Result.objects.count() == 0


def test_a_labs_page_is_titled_with_the_lab_and_described_by_its_summary(client, running_lab):
    page = client.get(url("labs:lab", slug=running_lab.slug)).content.decode()
    assert f"<title>{running_lab.title} · SOM Leuven</title>" in page
    assert f'<meta name="description" content="{running_lab.summary}">' in page


def test_the_overview_and_a_labs_page_rendered_again_ask_the_database_nothing(
    client, running_lab, django_assert_num_queries
):
    """A hard reload (Cache-Control: no-cache) has the page rendered, not served from the page
    cache: what every visitor sees comes from the fragments."""
    for address in (url("labs:overview"), url("labs:lab", slug=running_lab.slug)):
        first = client.get(address)
        with django_assert_num_queries(0):
            again = client.get(address, headers={"Cache-Control": "no-cache"})
        assert again.wsgi_request.resolver_match is not None
        assert again.content == first.content
