"""The anonymous page cache (som/core/page_cache.py) on the calendar, an event's page and the
public pages: served without queries once cached, forgotten when what they show changes, never
for a logged-in person, never for a page with a form."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from som.core.tests.admin_forms import change_form_data, form_errors
from som.events import services
from som.events.models import Event
from som.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def event():
    return make_event(title="Netwerkdag in de cache", capacity=2)


def _detail(event: Event) -> str:
    return reverse("events:detail", kwargs={"slug": event.slug})


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, event, django_assert_num_queries
):
    first = client.get(_detail(event))
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(_detail(event))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_language_and_query_is_its_own_page(client, event):
    dutch = client.get(reverse("events:calendar")).content.decode()
    with_filter = client.get(reverse("events:calendar") + "?view=month").content.decode()
    english = client.get("/en" + reverse("events:calendar")).content.decode()
    assert 'lang="nl"' in dutch and 'lang="en"' in english
    assert with_filter != dutch


def test_registering_forgets_the_cached_pages(
    client, event, teacher, expert, django_capture_on_commit_callbacks
):
    assert "Nog 2 plaatsen vrij" in client.get(_detail(event)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=teacher)
        services.register(event=event, person=expert)
    page = client.get(_detail(event)).content.decode()
    assert "Volzet: wachtlijst" in page and "Nog 2 plaatsen vrij" not in page


def _change_in_the_back_office(team_client: Client, event: Event, **changes: str) -> None:
    url = reverse("admin:events_event_change", args=[event.pk])
    response = team_client.post(url, change_form_data(team_client, url, **changes))
    assert response.status_code == 302, form_errors(response)


def test_a_change_in_the_back_office_forgets_the_cached_pages(
    client, client_of, event, team_member, django_capture_on_commit_callbacks
):
    client.get(_detail(event))
    with django_capture_on_commit_callbacks(execute=True):
        _change_in_the_back_office(
            client_of(team_member), event, title="Netwerkdag met een nieuwe titel"
        )
    assert "Netwerkdag met een nieuwe titel" in client.get(_detail(event)).content.decode()


def test_a_logged_in_person_never_gets_the_anonymous_page(client, client_of, event, teacher):
    assert reverse("account_logout") not in client.get(_detail(event)).content.decode()
    page = client_of(teacher).get(_detail(event)).content.decode()
    assert reverse("account_logout") in page


def test_a_page_with_a_form_is_not_stored(client):
    contact = "/contact/"  # the contact page (Wagtail), with its form
    client.get(contact)
    fresh = Client()  # another visitor: gets their own CSRF token, not the first one's
    second = fresh.get(contact)
    token = second.cookies["csrftoken"].value
    assert token and second.context is not None  # rendered, not replayed from the cache


def test_a_waiting_message_is_shown_not_skipped(client, event):
    client.get(_detail(event))
    # A message for an anonymous visitor lives in the messages cookie: the page is rendered.
    client.cookies["messages"] = "x"
    response = client.get(_detail(event))
    assert response.status_code == 200 and response.context is not None


def test_a_page_from_the_cache_keeps_every_header_of_the_first_answer(client, event):
    first = client.get(_detail(event))
    second = client.get(_detail(event))
    for header in ("Content-Language", "X-Frame-Options", "X-Content-Type-Options", "Vary"):
        assert second[header] == first[header], header


def test_a_visitor_with_a_message_waiting_gets_the_page_freshly_rendered(client, event):
    client.get(_detail(event))
    client.cookies["messages"] = "not-a-valid-signature"
    with_message = client.get(_detail(event))
    assert with_message.status_code == 200
    assert with_message.wsgi_request.resolver_match is not None  # the view ran


def test_the_cache_answers_before_the_session_and_the_user_are_looked_at(client, event):
    client.get(_detail(event))
    second = client.get(_detail(event))
    assert second.wsgi_request.resolver_match is None
    assert not hasattr(second.wsgi_request, "user")


def test_the_public_pages_answer_a_head_request(client, event):
    """Link checkers and uptime monitors ask HEAD: 200 with the headers, no body."""
    for address in (reverse("events:calendar"), _detail(event)):
        answer = client.head(address)
        assert answer.status_code == 200, address
        assert answer["Content-Type"].startswith("text/html") and not answer.content


def test_a_visitor_with_a_session_is_neither_served_from_the_cache_nor_stored_in_it(event):
    """A session may hold what is theirs alone (a login, messages): such pages are rendered for
    them and kept for nobody."""
    visitor = Client()
    visitor.cookies["sessionid"] = "a-session-of-their-own"
    for _ in range(2):
        assert visitor.get(_detail(event)).wsgi_request.resolver_match is not None  # rendered
    stranger = Client()
    assert stranger.get(_detail(event)).wsgi_request.resolver_match is not None  # not stored
    assert stranger.get(_detail(event)).wsgi_request.resolver_match is None  # now it is


# --- A page rendered for somebody the page cache does not serve -----------------------------------


def _visitor_with_a_session() -> Client:
    visitor = Client()
    visitor.cookies["sessionid"] = "a-session-of-their-own"
    return visitor


def test_a_rendered_page_takes_the_event_and_its_parts_from_the_fragments(
    event, django_assert_num_queries
):
    visitor = _visitor_with_a_session()
    first = visitor.get(_detail(event)).content.decode()
    with django_assert_num_queries(0):  # the session key is not a valid one: not looked up
        again = visitor.get(_detail(event)).content.decode()
    assert again == first
    assert "Netwerkdag in de cache" in again and "Meld je aan om je in te schrijven" in again


def test_a_draft_kept_as_missing_appears_once_published(
    event, team_member, client_of, django_capture_on_commit_callbacks
):
    event.is_published = False
    event.save()
    visitor = _visitor_with_a_session()
    assert visitor.get(_detail(event)).status_code == 404
    assert client_of(team_member).get(_detail(event)).status_code == 200  # the team previews it
    with django_capture_on_commit_callbacks(execute=True):
        _change_in_the_back_office(client_of(team_member), event, is_published="on")
    assert visitor.get(_detail(event)).status_code == 200


def test_the_box_for_visitors_follows_the_registration_window(event, monkeypatch):
    """The box of a visitor not logged in is cached per state of the window: when the window
    opens, the next page shows the way in, without anything being invalidated."""
    opens = timezone.now() + datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(registration_opens_at=opens)
    visitor = _visitor_with_a_session()
    assert "De inschrijvingen openen op" in visitor.get(_detail(event)).content.decode()
    later = opens + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = visitor.get(_detail(event)).content.decode()
    assert "De inschrijvingen openen op" not in page and "Meld je aan om je in te schrijven" in page


def test_a_hard_reload_renders_the_page_afresh_and_keeps_the_fresh_one(
    client, event, django_assert_num_queries
):
    client.get(_detail(event))
    Event.objects.filter(pk=event.pk).update(title="Netwerkdag, stil hernoemd")  # no invalidation
    assert "stil hernoemd" not in client.get(_detail(event)).content.decode()
    reload = client.get(_detail(event), headers={"Cache-Control": "no-cache"})
    assert reload.wsgi_request.resolver_match is not None  # rendered, not from the cache
    with django_assert_num_queries(0):
        again = client.get(_detail(event))
    assert again.content == reload.content
