"""The people every test can use. Each protected view is tested with `outsider`, who must be
refused (404 for objects, 403 where a page exists but is not theirs)."""

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone, translation

from som.accounts.models import Person
from som.accounts.services import activate_totp
from som.membership.models import MembershipType, MembershipYear
from som.membership.tests import clock
from som.network.models import Affiliation, Organisation
from som.network.tests.factories import affiliate, make_organisation, make_person

TEAM_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


# --- The shared data next to the checkout ----------------------------------------------------
# The CODA samples and the charter list live in ../shared/data, outside the repository. A
# developer's machine without them skips those tests; CI must have them, so there (the `CI`
# environment variable set, as every CI service does) a missing file fails the test instead of
# letting it pass as skipped.


def shared_data_or_skip(relative: str) -> Path:
    """The path of `relative` (a file or folder) in ../shared/data; skips the test when it is
    not there, or fails it when the `CI` environment variable is set."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / relative
        if candidate.exists():
            return candidate
    message = f"{relative} is not in shared/data next to this checkout"
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{message}, and CI must run the tests that read it (CI is set)")
    pytest.skip(message)


# --- The clock ---------------------------------------------------------------------------------
# Memberships cover a calendar year while events sit "in N days", so a test that mixes both
# depends on the day it runs. Such a test names its day (`@pytest.mark.today("2026-06-15")`);
# `pytest --today=2026-12-31` runs a whole session on another day, which is how CI looks for
# tests that still depend on the calendar (`make test-dates`).


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        help="run the session as if it were that day (10:00 in Leuven unless a time is given, "
        "the clock ticking)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "today(day): run the test on that day (YYYY-MM-DD, 10:00 in Leuven)"
    )
    day = config.getoption("--today")
    if day:
        traveller = time_machine.travel(clock.moment(day), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


@pytest.fixture(autouse=True)
def _the_tests_day(request: pytest.FixtureRequest) -> Iterator[None]:
    """Autouse, so it starts before the personas and the membership years are made."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    with time_machine.travel(clock.at(marker.args[0]), tick=True):
        yield


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    cache.clear()  # allauth keeps its rate limits in the cache
    caches["pages"].clear()  # the anonymous page cache
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _the_menus_links(request, _fast_and_quiet, django_db_blocker) -> None:
    """A running site reads its menu's links to the pages the team edits once per published
    change (som.publishing.selectors.page_links, kept with the page cache), not per request.
    Tests that use the database start with them read, as a running site has them, so a page's
    query budget counts the page's own queries."""
    if not {"db", "transactional_db"} & set(request.fixturenames) and not (
        request.node.get_closest_marker("django_db")
    ):
        return
    from som.publishing.selectors import page_links

    with django_db_blocker.unblock():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                page_links()


@pytest.fixture(autouse=True)
def _the_sites_language() -> Iterator[None]:
    """A test that activates a language (a mail in the reader's language, a page in English)
    must not leave it active for the next one, whose reverse() would then answer /en/..."""
    yield
    translation.deactivate()


@pytest.fixture
def school(db) -> Organisation:
    return make_organisation(name="Basisschool De Linde", email_domains=["delinde.be"])


@pytest.fixture
def other_school(db) -> Organisation:
    return make_organisation(name="Atheneum De Ring", levels=["secundair"])


@pytest.fixture
def team_member(db) -> Person:
    person = make_person(email="team@som.example", full_name="Tine Team", is_staff=True)
    activate_totp(person=person, secret=TEAM_TOTP_SECRET)
    return person


@pytest.fixture
def board_member(db, other_school) -> Person:
    person = make_person(email="bestuur@som.example", full_name="Bert Bestuur")
    affiliate(person, other_school, Affiliation.Role.DIRECTOR)
    return person


@pytest.fixture
def board_mandate(board_member):
    """`board_member` holds a board mandate from a year ago (governance)."""
    from som.governance import selectors, services

    board = selectors.board()
    assert board is not None  # seeded by governance's migrations
    return services.appoint(
        body=board,
        person=board_member,
        role="member",
        starts_on=timezone.localdate() - datetime.timedelta(days=365),
        by=None,
    )


@pytest.fixture
def school_contact(db, school) -> Person:
    person = make_person(email="contact@delinde.be", full_name="Carla Contact")
    affiliate(person, school, Affiliation.Role.CONTACT)
    return person


@pytest.fixture
def teacher(db, school) -> Person:
    person = make_person(email="leraar@delinde.be", full_name="Lotte Leraar")
    affiliate(person, school, Affiliation.Role.STAFF)
    return person


@pytest.fixture
def lab_lead(db, other_school) -> Person:
    person = make_person(email="trekker@dering.be", full_name="Lars Labo")
    affiliate(person, other_school, Affiliation.Role.STAFF)
    return person


@pytest.fixture
def expert(db) -> Person:
    return make_person(email="expert@kuleuven.example", full_name="Eva Expert")


@pytest.fixture
def outsider(db, other_school) -> Person:
    """Logged in, and even a contact person, but of another organisation."""
    person = make_person(email="buiten@dering.be", full_name="Olaf Outsider")
    affiliate(person, other_school, Affiliation.Role.CONTACT)
    return person


def client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def client_of():
    """`client_of(person)`: a test client logged in as that person (MFA passed for the team)."""
    return client_for


# --- Memberships (the vzw's year and its two membership types) ---


@pytest.fixture
def this_year(db) -> MembershipYear:
    year = timezone.localdate().year
    membership_year, _ = MembershipYear.objects.get_or_create(
        year=year,
        defaults={
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
        },
    )
    return membership_year


@pytest.fixture
def next_year(this_year) -> MembershipYear:
    return MembershipYear.objects.create(
        year=this_year.year + 1,
        starts_on=datetime.date(this_year.year + 1, 1, 1),
        ends_on=datetime.date(this_year.year + 1, 12, 31),
    )


@pytest.fixture
def general(db) -> MembershipType:
    return MembershipType.objects.get(code="general")


@pytest.fixture
def lab(db) -> MembershipType:
    return MembershipType.objects.get(code="lab")
