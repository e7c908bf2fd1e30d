"""Logging in at a network day: 300 people from the venue's one address get in, a forged
forwarded header gets nobody around a limit, guessing one account is slowed down more with each
failure (never locked), and a spent limit answers with the site's own page in Dutch."""

import datetime
from typing import Any

import pytest
from django.test import Client

from som.accounts.models import Person
from som.network.tests.factories import make_person

LOGIN = "/accounts/login/"
PASSWORD = "correct-horse-battery-staple"  # make_person's
VENUE = "192.0.2.50"
NINE_O_CLOCK = datetime.datetime(2026, 11, 18, 9, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None


@pytest.fixture
def frozen(time_machine):
    """Every request in the same instant: the harshest case for a per-minute limit."""
    time_machine.move_to(NINE_O_CLOCK, tick=False)
    return time_machine


def _log_in(client: Client, email: str, password: str, **headers: Any) -> Any:
    return client.post(LOGIN, {"login": email, "password": password}, **headers)


def _logged_in(client: Client, person: Person) -> bool:
    return client.session.get("_auth_user_id") == str(person.pk)


@pytest.mark.parametrize(
    "proxy",
    ["none", "trusted, one venue address", "trusted, an address per phone"],
)
def test_three_hundred_people_log_in_from_the_venue_within_the_same_minute(
    no_proxy, settings, frozen, proxy
):
    attendees = [make_person(email=f"deelnemer{i}@school.example") for i in range(300)]
    if proxy != "none":
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i, person in enumerate(attendees):
        if proxy == "none":
            client = Client(REMOTE_ADDR=VENUE)
        elif proxy == "trusted, one venue address":
            client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=VENUE)
        else:
            address = f"10.0.{i // 200}.{i % 200 + 1}"
            client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)
        if i % 4 == 0:  # a typo first, for one in four
            assert _log_in(client, person.email, "wrong").status_code == 200
        if i % 10 == 0:  # and a few forget the password at first
            assert _log_in(client, person.email, "").status_code == 200
        response = _log_in(client, person.email, PASSWORD)
        assert response.status_code == 302, f"person {i} was refused ({response.status_code})"
        assert _logged_in(client, person)


@pytest.mark.parametrize("trusted_proxies", [0, 1])
def test_a_forged_forwarded_header_does_not_get_around_the_limit(
    no_proxy, settings, frozen, trusted_proxies
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = trusted_proxies
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    guessed = [make_person() for _ in range(4)]
    remote = "127.0.0.1" if trusted_proxies else VENUE
    for n, person in enumerate(guessed):
        # Behind our proxy the last address is the one nginx saw (VENUE); the rest is the sender's.
        forged = f"198.51.100.{n}, {VENUE}" if trusted_proxies else f"198.51.100.{n}"
        client = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forged)
        response = _log_in(client, person.email, "wrong" if n < 3 else PASSWORD)
    assert response.status_code == 200
    assert not _logged_in(client, guessed[3])


def test_one_address_guessing_one_account_waits_longer_after_each_failure(
    no_proxy, frozen, teacher
):
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(5):
        _log_in(client, teacher.email, "wrong")
    refused = _log_in(client, teacher.email, PASSWORD)  # even the right password, for now
    assert not _logged_in(client, teacher)
    assert "30 seconden" in refused.content.decode()

    frozen.shift(31)
    _log_in(client, teacher.email, "wrong")  # the sixth failure: now a minute
    frozen.shift(31)
    assert "29 seconden" in _log_in(client, teacher.email, PASSWORD).content.decode()
    frozen.shift(30)
    assert _log_in(client, teacher.email, PASSWORD).status_code == 302
    assert _logged_in(client, teacher)


def test_the_waits_stop_growing_at_a_quarter_of_an_hour_and_a_login_forgets_them(
    no_proxy, frozen, teacher
):
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(15):
        _log_in(client, teacher.email, "wrong")
        frozen.shift(datetime.timedelta(minutes=16))
    assert _log_in(client, teacher.email, PASSWORD).status_code == 302
    client = Client(REMOTE_ADDR="198.51.100.9")
    _log_in(client, teacher.email, "wrong")
    assert _log_in(client, teacher.email, PASSWORD).status_code == 302


def test_the_person_still_logs_in_from_elsewhere_while_one_address_guesses(
    no_proxy, frozen, teacher
):
    """allauth's lock (5 failures per account) would keep the person out too: anybody knowing a
    team member's address could lock them out all day."""
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(8):
        _log_in(attacker, teacher.email, "wrong")
    assert not _logged_in(attacker, teacher)
    person = Client(REMOTE_ADDR="203.0.113.5")
    assert _log_in(person, teacher.email, PASSWORD).status_code == 302


def test_guesses_spread_over_many_addresses_slow_the_account_down_too(no_proxy, frozen, teacher):
    for n in range(20):
        _log_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), teacher.email, "wrong")
    person = Client(REMOTE_ADDR="203.0.113.5")
    assert "30 seconden" in _log_in(person, teacher.email, PASSWORD).content.decode()
    frozen.shift(31)
    assert _log_in(person, teacher.email, PASSWORD).status_code == 302


def test_a_spent_limit_answers_with_the_sites_page_in_dutch(no_proxy, settings, client):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        _log_in(client, "iemand@example.org", "wrong")
    response = _log_in(client, "iemand@example.org", "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="nl"' in page and 'class="site-header"' in page
    assert "Te veel pogingen" in page
    assert "Too Many Requests" not in page


def test_a_spent_limit_answers_in_english_on_the_english_site(no_proxy, settings, client):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.post("/en/accounts/login/", {"login": "someone@example.org", "password": "x"})
    response = client.post("/en/accounts/login/", {"login": "someone@example.org", "password": "x"})
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="en"' in page and "Too many attempts in a short time" in page
