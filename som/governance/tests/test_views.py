"""The pages: who sits where (public), meetings for members only, the representative's vote on
a phone page, the chair's actions, the projector, documents and minutes behind the gate, and the
query budgets of the list pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.governance import services
from som.governance.services import minutes, votes
from som.governance.tests.conftest import in_days, item, kind

pytestmark = pytest.mark.django_db


def url(name: str, *args: int) -> str:
    with translation.override("en"):
        return reverse(f"governance:{name}", args=args)


def test_who_sits_where_is_public_and_names_representatives_only_to_members(
    client, client_of, members, secretary
):
    response = client.get(url("bodies"))
    assert response.status_code == 200
    assert members[0].organisation.name in response.text
    assert members[0].representative.full_name not in response.text
    assert secretary.full_name in response.text  # the board is public
    member_view = client_of(members[1].representative).get(url("bodies"))
    assert members[0].representative.full_name in member_view.text
    past = client.get(url("bodies") + "?on=2020-01-01")
    assert members[0].organisation.name not in past.text
    assert client.get(url("bodies") + "?on=2025-02-30").status_code == 200


def test_who_sits_where_links_the_members_pages_only_for_members(client_of, members, outsider):
    register = f'href="{url("decisions")}"'
    assert register not in client_of(outsider).get(url("bodies")).text
    assert client_of(outsider).get(url("decisions")).status_code == 404
    assert register in client_of(members[1].representative).get(url("bodies")).text


def test_meetings_are_for_members_and_the_team(client_of, convened, members, outsider, team_member):
    listed = client_of(outsider).get(url("meetings"))
    assert listed.status_code == 200 and convened.title not in listed.text
    assert client_of(outsider).get(url("meeting", convened.pk)).status_code == 404
    for person in (members[0].representative, team_member):
        assert client_of(person).get(url("meeting", convened.pk)).status_code == 200


def test_a_draft_meeting_is_the_secretarys(client_of, meeting, members, secretary):
    assert client_of(members[0].representative).get(url("meeting", meeting.pk)).status_code == 404
    assert client_of(secretary).get(url("meeting", meeting.pk)).status_code == 200


def test_the_meetings_list_has_a_query_budget(
    client_of, convened, members, django_assert_max_num_queries
):
    client = client_of(members[0].representative)
    client.get(url("meetings"))
    # the person, board roles, membership (the email domains in a subquery), meetings: whatever
    # the rows (G7: a list page in at most five)
    with django_assert_max_num_queries(4):
        response = client.get(url("meetings"))
    assert convened.title in response.text


def test_a_representative_confirms_attendance_and_gives_a_proxy_on_the_page(
    client_of, convened, members
):
    client = client_of(members[0].representative)
    client.post(
        url("attendance", convened.pk),
        {"organisation": members[0].organisation.pk, "attending": "yes"},
    )
    assert convened.attendances.get(organisation=members[0].organisation).status == "confirmed"
    client = client_of(members[1].representative)
    client.post(
        url("proxy", convened.pk),
        {"giver": members[1].organisation.pk, "holder": members[2].organisation.pk},
    )
    assert convened.proxies.get().holder == members[2].organisation
    refused = client_of(members[3].representative).post(
        url("proxy", convened.pk),
        {"giver": members[3].organisation.pk, "holder": members[2].organisation.pk},
        follow=True,
    )
    assert convened.proxies.count() == 1
    assert "proxy" in refused.text.lower() or "volmacht" in refused.text.lower()


def test_the_representative_votes_on_the_phone_page(client_of, in_session, members, secretary):
    meeting = in_session(members[:4])
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    client = client_of(members[0].representative)
    page = client.get(url("vote", meeting.pk))
    assert page.status_code == 200 and 'data-state="open"' in page.text
    yes = poll.options.get(reference="yes").pk
    counted = client.post(url("vote", meeting.pk), {"choice": yes})
    assert counted.status_code == 200 and 'data-code="counted"' in counted.text
    assert "no-store" in counted["Cache-Control"]
    assert 'data-state="voted"' in client.get(url("vote", meeting.pk)).text
    again = client.post(url("vote", meeting.pk), {"choice": yes})
    assert again.status_code == 409
    absent = client_of(members[5].representative).get(url("vote", meeting.pk))
    assert 'data-state="refused"' in absent.text


def test_the_chair_runs_the_meeting_from_the_chair_page(client_of, convened, members, secretary):
    client = client_of(secretary)
    for member in members[:4]:
        client.post(url("chair", convened.pk), {"action": "present", "who": member.organisation.pk})
    client.post(url("chair", convened.pk), {"action": "start"})
    accounts = item(convened, "accounts")
    client.post(url("chair", convened.pk), {"action": "open", "item": accounts.pk})
    page = client.get(url("chair", convened.pk))
    assert page.status_code == 200 and "4 of 6" in page.text
    hands = {f"hand-{m.organisation.pk}": "yes" for m in members[:3]}
    client.post(url("chair", convened.pk), {"action": "hands", "item": accounts.pk, **hands})
    client.post(url("chair", convened.pk), {"action": "close", "item": accounts.pk})
    accounts.refresh_from_db()
    assert accounts.outcome == "adopted" and accounts.decision["yes"] == 3
    screen = client.get(url("projector", convened.pk))
    assert 'id="verdict"' in screen.text and "more than half" in screen.text
    client.post(url("chair", convened.pk), {"action": "absent", "who": members[3].organisation.pk})
    statutes = item(convened, "statutes")
    refused = client.post(
        url("chair", convened.pk), {"action": "open", "item": statutes.pk}, follow=True
    )
    statutes.refresh_from_db()
    assert statutes.poll is None
    assert "3 of 6" in refused.text or "3 van 6" in refused.text


def test_the_chair_page_is_the_secretarys(client_of, convened, members, outsider):
    for person in (members[0].representative, outsider):
        assert client_of(person).get(url("chair", convened.pk)).status_code == 404
        assert client_of(person).get(url("prepare", convened.pk)).status_code == 404


def test_documents_are_downloaded_by_members_only(
    client_of, convened, members, outsider, secretary, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = services.add_document(
        meeting=convened,
        title="Begroting",
        filename="begroting-2027.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4 begroting",
        by=secretary,
    )
    response = client_of(members[0].representative).get(url("document", document.pk))
    assert (
        response.status_code == 200
        and b"".join(response.streaming_content) == b"%PDF-1.4 begroting"
    )
    assert "begroting-2027.pdf" in response["Content-Disposition"]
    assert client_of(outsider).get(url("document", document.pk)).status_code == 404


def test_the_secretary_schedules_and_convenes_from_the_pages(
    client_of, assembly, secretary, members
):
    client = client_of(secretary)
    response = client.post(
        url("new_meeting"),
        {
            "body": assembly.pk,
            "kind": "ordinary",
            "title": "AV najaar",
            "starts_at": in_days(20).strftime("%Y-%m-%dT%H:%M"),
            "place": "Stadhuis",
        },
    )
    assert response.status_code == 302
    created = assembly.meetings.get(title="AV najaar")
    client.post(
        url("prepare", created.pk),
        {
            "action": "item",
            "title": "Jaarverslag",
            "motion_kind": kind("ordinary").pk,
            "motion": "Goedgekeurd",
        },
    )
    client.post(url("prepare", created.pk), {"action": "convene"})
    created.refresh_from_db()
    assert created.status == "convened" and created.recipients.count() == 7


def test_minutes_are_published_as_pdf_and_searchable(
    client_of, in_session, members, secretary, outsider, django_assert_max_num_queries
):
    meeting = in_session(members[:4])
    votes.close_meeting(meeting=meeting, by=secretary)
    client = client_of(secretary)
    client.post(url("edit_minutes", meeting.pk), {"action": "generate"})
    draft = meeting.minutes
    client.post(url("edit_minutes", meeting.pk), {"action": "save", "text": draft.text + "\nSlot."})
    client.post(url("edit_minutes", meeting.pk), {"action": "approve"})
    reader = client_of(members[0].representative)
    assert reader.get(url("minutes", meeting.pk)).status_code == 404  # not published yet
    client.post(url("edit_minutes", meeting.pk), {"action": "publish"})
    page = reader.get(url("minutes", meeting.pk))
    assert page.status_code == 200 and "Slot." in page.text
    pdf = reader.get(url("minutes_pdf", meeting.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client_of(outsider).get(url("minutes_pdf", meeting.pk)).status_code == 404
    reader.get(url("decisions"))
    # The person, the access (2), the voted items and the board's other decisions (lab selections).
    with django_assert_max_num_queries(5):
        found = reader.get(url("decisions") + "?q=Statuten")
    assert found.status_code == 200
    assert minutes.Minutes.objects.get(meeting=meeting).status == "published"


def test_the_team_edits_bodies_motion_kinds_and_statutes_in_the_back_office(
    client_of, team_member, convened
):
    client = client_of(team_member)
    for model in ("body", "mandate", "motionkind", "statutes", "meeting"):
        assert client.get(reverse(f"admin:governance_{model}_changelist")).status_code == 200


def test_the_personal_data_export_has_the_governance_section(convened, members):
    from som.core.personal_data import export_sections

    data = export_sections(members[0].representative)["governance"]
    assert data["convocations"][0]["meeting"] == convened.title


def test_the_secretary_uploads_a_document_and_html_is_never_rendered_inline(
    client_of, convened, members, secretary, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("agenda.html", b"<script>alert(1)</script>", "text/html")
    client_of(secretary).post(
        url("prepare", convened.pk), {"action": "document", "title": "Agenda", "file": upload}
    )
    document = convened.documents.get()
    response = client_of(members[0].representative).get(url("document", document.pk))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_the_requests_page_lists_requests_with_their_deadlines_in_a_fixed_number_of_queries(
    client_of, members, django_assert_max_num_queries
):
    for member in members[:3]:
        request = services.request_meeting(
            reason=f"Vraag van {member.organisation}",
            organisation=member.organisation,
            by=member.representative,
        )
        services.sign_meeting_request(
            request=request, organisation=members[5].organisation, by=members[5].representative
        )
    client = client_of(members[4].representative)
    client.get(url("requests"))
    # person, access (2), represented members, statutes, requests, their meetings, member
    # count, the form's choices: whatever the number of requests
    with django_assert_max_num_queries(10):
        page = client.get(url("requests"))
    assert page.text.count("Vraag van") == 6  # title and text of each


def test_the_meeting_page_does_not_grow_in_queries_with_its_agenda(
    client_of, convened, members, secretary, django_assert_max_num_queries
):
    client = client_of(members[0].representative)
    client.get(url("meeting", convened.pk))
    with django_assert_max_num_queries(30) as few:
        client.get(url("meeting", convened.pk))
    for number in range(4):
        services.add_agenda_item(
            meeting=convened, title=f"Extra {number}", motion_kind=kind("budget"), by=secretary
        )
    services.give_proxy(
        meeting=convened,
        giver=members[3].organisation,
        holder=members[4].organisation,
        by=members[3].representative,
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("meeting", convened.pk))
    assert "Extra 3" in page.text


def test_a_document_over_10_mb_is_refused_by_its_size_before_it_is_read(
    client_of, convened, secretary, settings, tmp_path, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def must_not_be_called(**kwargs):
        raise AssertionError("the view read the file and handed it to the service")

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "add_document", must_not_be_called)
    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = client_of(secretary).post(
        url("prepare", convened.pk), {"action": "document", "title": "Groot", "file": upload}
    )
    assert response.status_code == 200
    assert "10 MB" in response.content.decode()
    assert not convened.documents.exists()


def test_a_request_past_the_upload_limit_is_a_413_page_in_dutch(
    client_of, convened, secretary, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.SOM_UPLOAD_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.pdf", b"0" * (2 * 1024 * 1024), "application/pdf")
    with translation.override("nl"):
        address = reverse("governance:prepare", args=[convened.pk])
    response = client_of(secretary).post(
        address, {"action": "document", "title": "Groot", "file": upload}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="nl"' in page and "groter dan de 1 MB" in page
    assert not convened.documents.exists()
