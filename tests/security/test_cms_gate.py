"""Wagtail's admin under cms/: one rule for its ~200 routes instead of a row each in
route_table.py (which skips the prefix and points here): nobody outside the team gets anything.

Every route under cms/ (walked from the URL resolver like test_route_matrix.py, so a route that
Wagtail or one of our hooks adds is checked too) is requested with GET and POST by:

- an anonymous visitor: sent to our login (allauth, with the second factor), never Wagtail's;
- people outside the team (a teacher, a contact person, a lab lead, a board member, one who holds
  Wagtail's access_admin and the team's group by mistake): 403;
- a team member without an authenticator: sent to set one up;

and none of these requests writes anything. What the team does inside is Wagtail's (and
som/publishing/tests/test_cms_access.py).
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from som.network.tests.factories import make_person
from som.publishing.team_editors import team_group

pytestmark = pytest.mark.django_db

PREFIX = "cms/"
NAMED_GROUP = re.compile(r"\(\?P<\w+>[^)]*\)")
CONVERTER = re.compile(r"<(?:\w+:)?\w+>")
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _sample_path(pattern: str) -> str:
    """A path the pattern matches: each parameter 1, the catch-all "x"."""
    path = CONVERTER.sub("1", NAMED_GROUP.sub("1", pattern))
    path = path.replace("^", "").replace("$", "").replace(".*", "x").replace("\\.", ".")
    return "/" + path


def cms_routes() -> list[tuple[str, Any]]:
    return [
        (p, callback) for p, callback in _walk(get_resolver().url_patterns) if p.startswith(PREFIX)
    ]


ROUTES = cms_routes()


def test_the_walk_finds_wagtails_admin_and_each_sample_reaches_its_own_view() -> None:
    assert len(ROUTES) > 100
    for pattern, callback in ROUTES:
        path = _sample_path(pattern)
        assert resolve(path).func is callback or pattern.endswith("^.*/$"), (pattern, path)


@pytest.fixture
def refused(teacher, school_contact, lab_lead, board_member) -> dict[str, Client]:
    """The people outside the team, each logged in (conftest.py)."""
    mistaken = make_person(email="vergissing@delinde.be")
    mistaken.groups.add(team_group())
    mistaken.user_permissions.add(Permission.objects.get(codename="access_admin"))
    people = {
        "teacher": teacher,
        "contact": school_contact,
        "lab lead": lab_lead,
        "board member": board_member,
        "given Wagtail's rights by mistake": mistaken,
    }
    clients = {}
    for name, person in people.items():
        clients[name] = Client()
        clients[name].force_login(person)
    return clients


@pytest.fixture
def without_mfa() -> Client:
    client = Client()
    client.force_login(make_person(email="nieuw@som.example", is_staff=True))
    return client


def _request(client: Client, method: str, path: str) -> Any:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path) if method == "GET" else client.post(path, {})
    writes = [
        q["sql"] for q in queries if WRITES.match(q["sql"]) and "django_session" not in q["sql"]
    ]
    assert not writes, f"{method} {path} wrote: {writes}"
    return response


@pytest.mark.parametrize("pattern", [p for p, _ in ROUTES])
def test_only_the_team_with_its_second_factor_reaches_a_cms_route(
    pattern: str, refused: dict[str, Client], without_mfa: Client
) -> None:
    path = _sample_path(pattern)
    login = reverse("account_login")
    wagtails_login = path == reverse("wagtailadmin_login")
    for method in ("GET", "POST"):
        response = _request(Client(), method, path)
        assert response.status_code == 302, (method, path, "anonymous")
        assert response["Location"].startswith(login + "?next="), (method, path, "anonymous")
        for name, client in refused.items():
            response = _request(client, method, path)
            if wagtails_login:  # never served: our login, for everybody
                assert response["Location"].startswith(login + "?next="), (method, path, name)
            else:
                assert response.status_code == 403, (method, path, name)
        response = _request(without_mfa, method, path)
        assert response.status_code == 302, (method, path, "team without MFA")
        assert response["Location"] == reverse("mfa_activate_totp"), (method, path)
