"""A "Zij maken onderwijs" portrait: the person approves the text before it is published, may ask
for a change or withdraw it; a portrait is live only with an approved text; readers write to the
person through the site, which never shows their address."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from som.core import invitations
from som.network.models import Consent
from som.publishing import portraits
from som.publishing.models import PortraitApproval, PortraitPage
from som.publishing.models.portraits import PortraitNotApproved
from som.publishing.tests.portrait_world import (
    approval_of,
    make_portrait,
    published_portrait,
)

pytestmark = pytest.mark.django_db

EMAIL = "elise.janssens@example.org"
Status = PortraitApproval.Status


def _link_in(message: mail.EmailMessage) -> str:
    """The path of the approval link in the mail to the person."""
    found = re.search(r"https?://\S+", str(message.body))
    assert found, message.body
    path = urlparse(found.group(0)).path
    assert path.startswith(reverse("publishing:portrait_approval", kwargs={"token": "x"})[:-3])
    return path


def _ask(client_of, team_member, page: PortraitPage, capture) -> str:
    """The team asks approval from the editor; returns the link in the mail to the person."""
    with capture(execute=True):
        response = client_of(team_member).post(
            reverse("publishing:ask_approval", kwargs={"pk": page.pk})
        )
    assert response.status_code == 302
    asked = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(asked) == 1
    return _link_in(asked[-1])


def _publish(page: PortraitPage) -> None:
    PortraitPage.objects.get(pk=page.pk).get_latest_revision().publish()


# --- The approval, end to end ----------------------------------------------------------------


def test_the_person_gets_the_text_and_a_link_whose_secret_is_not_stored(
    client_of, team_member, django_capture_on_commit_callbacks
):
    page = make_portrait()
    link = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    body = mail.outbox[-1].body
    assert "Gelijke onderwijskansen." in body and "Stagiaire bij SOM" in body
    assert "30" not in mail.outbox[-1].subject
    token = link.rstrip("/").rsplit("/", 1)[-1]
    approval = PortraitApproval.objects.get(portrait=page)
    assert approval.status == Status.ASKED and approval.email == EMAIL
    assert approval.secret_hash == invitations.hash_token(token) != token
    assert approval.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert not PortraitApproval.objects.filter(secret_hash=token).exists()


def test_approve_then_publish_then_the_public_sees_it(
    client, client_of, team_member, django_capture_on_commit_callbacks
):
    page = make_portrait()
    link = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Een veilige tussenruimte." in shown.content.decode()
    assert shown["Referrer-Policy"] == "same-origin"
    with pytest.raises(PortraitNotApproved):  # asked is not approved
        _publish(page)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"choice": "approve"})
    assert response.status_code == 302
    assert PortraitApproval.objects.get(portrait=page).status == Status.APPROVED
    assert any("goedgekeurd" in m.subject.lower() for m in mail.outbox if m.to != [EMAIL])

    _publish(page)
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200
    assert page in PortraitPage.objects.live()


def test_a_change_request_goes_to_the_team_with_the_message(
    client, client_of, team_member, settings, django_capture_on_commit_callbacks
):
    page = make_portrait()
    link = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"choice": "change", "message": "Mijn functie is nu X."})
    assert response.status_code == 302
    approval = PortraitApproval.objects.get(portrait=page)
    assert approval.status == Status.CHANGES_ASKED and approval.message == "Mijn functie is nu X."
    to_team = [m for m in mail.outbox if m.to == [settings.SOM_TEAM_EMAIL]]
    assert len(to_team) == 1 and "Mijn functie is nu X." in to_team[0].body
    assert to_team[0].reply_to == [EMAIL]
    with pytest.raises(PortraitNotApproved):
        _publish(page)


def test_an_empty_change_request_changes_nothing(
    client, client_of, team_member, django_capture_on_commit_callbacks
):
    page = make_portrait()
    link = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    response = client.post(link, {"choice": "change", "message": "  "})
    assert response.status_code == 400
    assert PortraitApproval.objects.get(portrait=page).status == Status.ASKED


def test_withdrawing_takes_the_portrait_offline_at_once_and_tells_the_team(
    client_of, team_member, settings, django_capture_on_commit_callbacks
):
    page = make_portrait()
    link = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    reader, person = Client(), Client()
    person.post(link, {"choice": "approve"})
    _publish(page)
    page.refresh_from_db()
    url = page.url
    index = page.get_parent().url
    assert reader.get(url).status_code == 200
    assert "Elise Janssens" in reader.get(index).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = person.post(link, {"choice": "withdraw"})
    assert response.status_code == 302
    assert reader.get(url).status_code == 404
    assert "Elise Janssens" not in reader.get(index).content.decode()
    page.refresh_from_db()
    assert not page.live
    assert set(page.approvals.values_list("status", flat=True)) == {Status.WITHDRAWN}
    assert any(
        "Elise Janssens" in m.subject for m in mail.outbox if m.to == [settings.SOM_TEAM_EMAIL]
    )
    with pytest.raises(PortraitNotApproved):  # not again without a new approval
        _publish(page)
    assert "ingetrokken" in person.get(link).content.decode()


def test_withdrawing_works_after_the_link_expired(client):
    page = published_portrait()
    token = "een-geheim-voor-de-test"
    approval = page.approvals.get()
    approval.secret_hash = invitations.hash_token(token)
    approval.expires_at = timezone.now() - datetime.timedelta(days=400)
    approval.save()
    link = reverse("publishing:portrait_approval", kwargs={"token": token})
    assert client.post(link, {"choice": "withdraw"}).status_code == 302
    page.refresh_from_db()
    assert not page.live


# --- The guarantee: live only with an approved text --------------------------------------------


def test_publishing_in_code_without_approval_is_refused_and_nothing_goes_live():
    page = make_portrait()
    with pytest.raises(PortraitNotApproved):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    page.live = True
    with pytest.raises(PortraitNotApproved):
        page.save()
    assert not PortraitPage.objects.live().exists()


def test_an_approval_of_another_portrait_or_a_refused_one_does_not_count():
    page = make_portrait()
    other = make_portrait(slug="ander-portret", person_name="Iemand Anders")
    approval_of(other, status=Status.APPROVED)
    for status in (Status.ASKED, Status.CHANGES_ASKED, Status.WITHDRAWN, Status.REPLACED):
        approval_of(page, status=status)
    with pytest.raises(PortraitNotApproved):
        _publish(page)
    assert not PortraitPage.objects.get(pk=page.pk).live


def test_a_text_edited_after_the_approval_cannot_be_published_until_approved_again(client):
    page = published_portrait()
    edited = PortraitPage.objects.get(pk=page.pk)
    edited.answers = [("qa", {"question": "Wie ben je?", "answer": "Iets wat ze nooit zag."})]
    revision = edited.save_revision()  # the draft itself may be saved
    with pytest.raises(PortraitNotApproved):
        revision.publish()
    page.refresh_from_db()
    assert page.live  # the approved text stays online
    html = client.get(page.url).content.decode()
    assert "Een veilige tussenruimte." in html and "Iets wat ze nooit zag." not in html
    for change in ({"person_name": "Andere Naam"}, {"role": "Directeur"}):
        changed = PortraitPage.objects.get(pk=page.pk)
        for field, value in change.items():
            setattr(changed, field, value)
        with pytest.raises(PortraitNotApproved):  # straight onto the live row: refused too
            changed.save()

    approval_of(PortraitPage.objects.get(pk=page.pk), status=Status.APPROVED)
    revision.publish()
    assert "Iets wat ze nooit zag." in client.get(page.url).content.decode()


# --- Wagtail's admin -----------------------------------------------------------------------------


def _editor(client_of, team_member) -> Client:
    team_member.is_superuser = True
    team_member.save(update_fields=["is_superuser"])
    return client_of(team_member)


def _edit_form(page: PortraitPage, answer: str) -> dict[str, str]:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "person_name": page.person_name,
            "role": page.role,
            "organisation_name": "",
            "person_email": page.person_email,
            "accepts_messages": "on",
            "answers": streamfield(
                [("qa", {"question": "Wat betekent SOM voor jou?", "answer": answer})]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def test_publishing_in_the_admin_without_approval_says_why_and_stays_a_draft(
    client_of, team_member
):
    page = make_portrait()
    editor = _editor(client_of, team_member)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = editor.post(edit, _edit_form(page, "Een nieuw antwoord."), follow=True)
    assert response.status_code == 200
    assert "goedgekeurd" in response.content.decode()  # the refusal, in Dutch
    page.refresh_from_db()
    assert not page.live
    assert "Een nieuw antwoord." in str(page.get_latest_revision().content)  # kept as a draft


def test_publishing_in_the_admin_with_approval_publishes_the_approved_text(client_of, team_member):
    page = make_portrait()
    editor = _editor(client_of, team_member)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = _edit_form(page, "Het goedgekeurde antwoord.")
    editor.post(edit, {**form, "action-publish": "", "action-save": "1"})  # saved as a draft
    draft = PortraitPage.objects.get(pk=page.pk)
    assert "Het goedgekeurde antwoord." in str(draft.get_latest_revision().content)
    approval_of(draft, status=Status.APPROVED)
    response = editor.post(edit, form)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert "Het goedgekeurde antwoord." in Client().get(page.url).content.decode()

    changed = _edit_form(page, "Een later antwoord.")
    editor.post(edit, changed, follow=True)
    assert "Een later antwoord." not in Client().get(page.url).content.decode()


def test_the_editor_shows_the_button_to_ask_approval(client_of, team_member):
    page = make_portrait()
    editor = _editor(client_of, team_member)
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("publishing:ask_approval", kwargs={"pk": page.pk}) in html


def test_only_the_team_asks_approval(client_of, teacher, team_member):
    page = make_portrait()
    url = reverse("publishing:ask_approval", kwargs={"pk": page.pk})
    assert client_of(teacher).get(url).status_code == 404
    assert client_of(teacher).post(url).status_code == 404
    assert Client().post(url).status_code == 302  # to the login
    assert not PortraitApproval.objects.exists() and not mail.outbox
    with pytest.raises(portraits.PortraitError):
        portraits.ask_approval(portrait=page, by=teacher)
    assert client_of(team_member).get(url).status_code == 200


def test_a_new_request_replaces_the_open_one(
    client, client_of, team_member, django_capture_on_commit_callbacks
):
    page = make_portrait()
    first = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    edited = PortraitPage.objects.get(pk=page.pk)
    edited.role = "Onderzoeker"
    edited.save_revision()
    second = _ask(client_of, team_member, page, django_capture_on_commit_callbacks)
    assert client.post(first, {"choice": "approve"}).status_code == 409
    assert "nieuwer" in client.get(first).content.decode()
    assert client.post(second, {"choice": "approve"}).status_code == 302
    _publish(page)
    assert PortraitPage.objects.get(pk=page.pk).role == "Onderzoeker"


# --- Bad links ------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["onbekend", "x" * 300, "%20"])
def test_an_unknown_link_gets_a_clear_page(client, token):
    make_portrait()
    url = reverse("publishing:portrait_approval", kwargs={"token": "TOKEN"}).replace("TOKEN", token)
    for response in (client.get(url), client.post(url, {"choice": "approve"})):
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert not PortraitApproval.objects.filter(status=Status.APPROVED).exists()


def test_an_expired_or_used_link_cannot_approve(client):
    page = make_portrait()
    expired = approval_of(page, status=Status.ASKED, token="verlopen")
    PortraitApproval.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("publishing:portrait_approval", kwargs={"token": "verlopen"})
    assert client.get(url).status_code == 200
    assert "verlopen" in client.get(url).content.decode()
    for choice in ("approve", "change", "withdraw", "iets anders"):
        response = client.post(url, {"choice": choice, "message": "Nee"})
        assert response.status_code == 409
    assert PortraitApproval.objects.get(pk=expired.pk).status == Status.ASKED

    withdrawn = approval_of(page, status=Status.WITHDRAWN, token="ingetrokken")
    url = reverse("publishing:portrait_approval", kwargs={"token": "ingetrokken"})
    assert client.post(url, {"choice": "approve"}).status_code == 409
    assert PortraitApproval.objects.get(pk=withdrawn.pk).status == Status.WITHDRAWN
    with pytest.raises(PortraitNotApproved):
        _publish(page)


# --- The public page, the list, the message form -------------------------------------------------


def test_the_address_never_appears_on_the_public_pages(client, client_of, teacher):
    page = published_portrait()
    for reader in (client, client_of(teacher)):
        for url in (page.url, page.get_parent().url):
            response = reader.get(url)
            assert response.status_code == 200
            html = response.content.decode()
            assert "Elise Janssens" in html
            assert EMAIL not in html and "elise.janssens@" not in html


def test_the_page_shows_the_text_and_links_the_network_organisation(client, school):
    page = published_portrait(organisation=school)
    html = client.get(page.url).content.decode()
    assert "Een veilige tussenruimte." in html and "Stagiaire bij SOM" in html
    assert reverse("publishing:organisation", kwargs={"slug": school.slug}) in html
    assert "Contacteer mij" in html


def test_a_reader_writes_to_the_person_through_the_site(client, django_capture_on_commit_callbacks):
    page = published_portrait()
    url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"name": "Ann", "email": "ann@example.org", "message": "Mag ik je bellen?"}
        )
    assert response.status_code == 302 and response["Location"].endswith("#contact")
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert mail.outbox[0].reply_to == ["ann@example.org"]
    assert "Mag ik je bellen?" in mail.outbox[0].body
    assert "Bedankt" in client.get(page.url).content.decode()


def test_a_bot_filling_the_hidden_field_sends_nothing(client, django_capture_on_commit_callbacks):
    page = published_portrait()
    url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
    data = {"name": "Bot", "email": "bot@example.org", "message": "Koop!", "website": "x"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert not mail.outbox


def test_one_sender_sends_five_messages_an_hour(client, django_capture_on_commit_callbacks):
    page = published_portrait()
    url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
    data = {"name": "Ann", "email": "ann@example.org", "message": "Hallo"}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, data).status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5
    assert "over een uur" in client.post(url, data).content.decode()


def test_an_invalid_message_is_shown_again_with_the_errors(client):
    page = published_portrait()
    url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
    response = client.post(url, {"name": "Ann", "email": "geen-adres", "message": "Hallo"})
    assert response.status_code == 400
    assert "Hallo" in response.content.decode() and not mail.outbox


def test_no_messages_to_a_draft_or_a_person_who_declines_them(client):
    draft = make_portrait()
    closed = published_portrait(slug="gesloten", accepts_messages=False)
    data = {"name": "Ann", "email": "ann@example.org", "message": "Hallo"}
    for page in (draft, closed):
        url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
        assert client.post(url, data).status_code == 404
    assert (
        client.get(reverse("publishing:portrait_message", kwargs={"pk": closed.pk})).status_code
        == 405
    )
    assert "Contacteer mij" not in client.get(closed.url).content.decode()
    assert not mail.outbox


def test_a_draft_is_not_public(client):
    page = make_portrait()
    assert client.get(page.url or "/zij-maken-onderwijs/elise-janssens/").status_code == 404
    assert "Elise Janssens" not in client.get(page.get_parent().url).content.decode()


# --- The consent -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"revoked_at": timezone.now()},
        {"valid_until": datetime.date(2020, 1, 1)},
        {"website": False},
    ],
)
def test_without_the_consent_for_the_website_the_portrait_disappears(client, change):
    consent = Consent.objects.create(subject_name="Elise Janssens", website=True)
    page = published_portrait(consent=consent)
    index = page.get_parent().url
    assert client.get(page.url).status_code == 200
    Consent.objects.filter(pk=consent.pk).update(**change)
    assert client.get(page.url).status_code == 404
    assert "Elise Janssens" not in client.get(index).content.decode()
    url = reverse("publishing:portrait_message", kwargs={"pk": page.pk})
    assert (
        client.post(url, {"name": "A", "email": "a@example.org", "message": "x"}).status_code == 404
    )


# --- The default questions -----------------------------------------------------------------------


def test_a_new_dutch_portrait_starts_with_the_three_questions_in_dutch(client_of, team_member):
    from som.publishing.models import PortraitIndexPage

    index = PortraitIndexPage.objects.get(locale__language_code="nl")
    editor = _editor(client_of, team_member)
    with translation.override("en"):  # the editor works in English
        add = reverse("wagtailadmin_pages:add", args=["publishing", "portraitpage", index.pk])
        html = editor.get(add, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for question in (
        "Wat betekent Samen Onderwijs Maken (SOM) voor jou?",
        "Wat kan er volgens jou anders in het onderwijs?",
        "Waarvoor mogen onderwijsmakers jou contacteren?",
    ):
        assert question in html
    assert "What does SOM mean to you?" not in html

    english_index = index.get_translation(index.locale.__class__.objects.get(language_code="en"))
    add_en = reverse(
        "wagtailadmin_pages:add", args=["publishing", "portraitpage", english_index.pk]
    )
    assert "What does SOM mean to you?" in editor.get(add_en).content.decode()


def test_a_moderator_approving_the_workflow_does_not_publish_an_unapproved_text(team_member):
    from wagtail.models import Workflow

    page = make_portrait()
    team_member.is_superuser = True
    team_member.save(update_fields=["is_superuser"])
    workflow = page.get_workflow() or Workflow.objects.get(name="Moderators approval")
    state = workflow.start(page, team_member)
    task_state = state.current_task_state
    with pytest.raises(PortraitNotApproved):
        task_state.task.specific.on_action(task_state, team_member, "approve")
    page.refresh_from_db()
    assert not page.live and not PortraitPage.objects.live().exists()


def test_the_list_costs_the_same_queries_for_one_portrait_or_five(client, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = published_portrait(organisation=school)
    index = first.get_parent().url
    client.get(index)  # warm the per-process caches (menu links, site root)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(index).status_code == 200
        return len(queries)

    one = count()
    for n in range(4):
        published_portrait(slug=f"portret-{n}", person_name=f"Persoon {n}", organisation=school)
    assert count() == one
