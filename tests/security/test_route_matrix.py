"""Every route x every persona, against the table of who may do what (route_table.py).

The routes come from the URL resolver, so a new route without a row fails
`test_every_route_has_a_row`. Each route is requested with GET and POST (API operations with
their own method and a harmless payload) by the eight personas of world.py; a persona the table
refuses must be refused (302 to the login, 401, 403, 404 or 405) and must not have changed any
table. Nobody ever gets a 500.

One world is built per module (about 5 s) inside a transaction that is rolled back at the end;
each route's test runs in a savepoint of it, and each persona's request in a savepoint of that.
"""

import fnmatch
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from som.api.api import api
from tests.security.route_table import ARGS, LEAK_EXEMPT, PAYLOADS, SKIPPED_PREFIXES, TABLE
from tests.security.world import PERSONAS, World, build

CODES = {400: "B", 401: "U", 403: "4", 404: "N", 405: "M", 409: "C", 422: "V", 429: "R"}
ADMIN_SUFFIXES = ("_changelist", "_add", "_change", "_delete", "_history")
IGNORED_TABLES = {"django_session"}  # a request may touch its own session


@dataclass(frozen=True)
class Route:
    name: str  # the URL name, or "name [variant]": the same route with another object
    pattern: str
    methods: tuple[str, ...]
    params: tuple[str, ...]

    @property
    def url_name(self) -> str:
        return self.name.split(" [")[0]


def _api_methods() -> dict[str, tuple[str, ...]]:
    found = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = getattr(operation, "url_name", None) or operation.view_func.__name__
                found[f"api-1:{name}"] = tuple(operation.methods)
    return found


def _walk(
    patterns: list[Any], methods: dict[str, tuple[str, ...]], prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            joined = ":".join(part for part in (namespace, inner) if part)
            yield from _walk(entry.url_patterns, methods, prefix + str(entry.pattern), joined)
        elif isinstance(entry, URLPattern):
            path = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            if path.startswith(SKIPPED_PREFIXES) and not _admin_of_ours(name, entry):
                continue
            params = tuple(entry.pattern.regex.groupindex)
            yield Route(name or path, path, methods.get(name, ("GET", "POST")), params)


def _admin_of_ours(name: str, entry: URLPattern) -> bool:
    """The admin's index, the views we wrote ourselves and the history we replaced (the audit
    trail); not the change and delete views our ModelAdmins override, which the admin wraps."""
    if not getattr(entry.callback, "__module__", "").startswith("som."):
        return name == "admin:index"
    return name.endswith("_history") or not name.endswith(ADMIN_SUFFIXES)


def all_routes() -> list[Route]:
    """Every route once, each followed by its variants (rows named "name [variant]")."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, _api_methods()):
        seen.setdefault(route.name, route)
    found = []
    for route in seen.values():
        found.append(route)
        for key in TABLE:
            if key.startswith(route.name + " ["):
                found.append(Route(key, route.pattern, route.methods, route.params))
    return found


ROUTES = all_routes()


def row_for(name: str) -> str | None:
    if name in TABLE:
        return TABLE[name]
    for key, row in TABLE.items():
        if "*" in key and fnmatch.fnmatchcase(name, key):
            return row
    return None


def expected(route: Route) -> dict[str, list[str]]:
    """{method: [token per persona]}; a row is "GET tokens | POST tokens" (one part for an API
    operation, for its own method)."""
    row = row_for(route.name)
    if row is None:  # printing what a new route answers (ROUTE_MATRIX_PRINT)
        row = " | ".join(" ".join("*" * len(PERSONAS)) for _method in route.methods)
    parts = [part.split() for part in row.split("|")]
    assert len(parts) == len(route.methods), f"{route.name}: one part per method {route.methods}"
    for tokens in parts:
        assert len(tokens) == len(PERSONAS), f"{route.name}: one token per persona"
    return dict(zip(route.methods, parts, strict=True))


# --- The world and the personas' clients ----------------------------------------------------------


@dataclass
class Matrix:
    world: World
    clients: dict[str, Client]
    login_paths: set[str]


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Matrix]:
    quiet = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
    )
    with django_db_blocker.unblock(), quiet, transaction.atomic():
        world = build()
        clients = {"anonymous": Client()}
        for persona in PERSONAS[1:]:
            clients[persona] = Client()
            clients[persona].force_login(world.people[persona])
        login_paths = {reverse("account_login"), reverse("admin:login")}
        yield Matrix(world, clients, login_paths)
        transaction.set_rollback(True)


def url_of(route: Route, world: World) -> str:
    if route.url_name == "wagtail_serve":  # the pages the team edits: the path is the page's
        return reverse("wagtail_serve", args=[""])  # the home page
    if route.name.startswith("admin:") and route.name.endswith("_history"):
        app_label, _, model = (
            route.name.removeprefix("admin:").removesuffix("_history").partition("_")
        )
        found = apps.get_model(app_label, model).objects.order_by("pk").first()
        kwargs = {"object_id": found.pk if found else 0}
    else:
        kwargs = ARGS[route.name](world) if route.params else {}
    with translation.override("nl"):  # the site's first language; a request may switch it
        return reverse(route.url_name, kwargs=kwargs)


def outcome(response: Any, login_paths: set[str]) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return "L" if urlparse(response["Location"]).path in login_paths else "3"
    if 200 <= code < 300:
        return "2"
    return CODES.get(code, str(code))


def _writes() -> dict[str, int]:
    """What this transaction wrote so far, per table (rows inserted, updated or deleted)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_stat_get_xact_tuples_inserted(c.oid)"
                " + pg_stat_get_xact_tuples_updated(c.oid)"
                " + pg_stat_get_xact_tuples_deleted(c.oid)"
                " FROM pg_class c WHERE c.oid = ANY(%s)",
                [_table_oids()],
            )
            return {table: count for table, count in cursor.fetchall() if count}
        tables = [t for t in connection.introspection.table_names() if t not in IGNORED_TABLES]
        cursor.execute("SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{t}")' for t in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


_OIDS: list[int] = []


def _table_oids() -> list[int]:
    if not _OIDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
                " AND c.relname <> ALL(%s)",
                [sorted(IGNORED_TABLES)],
            )
            _OIDS.extend(row[0] for row in cursor.fetchall())
    return _OIDS


def _changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    tables = set(before) | set(after)
    return sorted(t for t in tables - IGNORED_TABLES if before.get(t, 0) != after.get(t, 0))


def request(client: Client, route: Route, method: str, url: str, payload: Any) -> Any:
    """GET; an API operation with its JSON payload; a form POST with its fields (empty unless
    the row's variant says whose organisation or which object it tries to act for)."""
    if method == "GET":
        return client.get(url)
    if route.url_name.startswith("api-1:"):
        if payload is None:
            return client.generic(method, url)
        return client.generic(method, url, json.dumps(payload), "application/json")
    return client.post(url, payload or {})


def _leaks(
    matrix: Matrix, route: Route, method: str, url: str, persona: str, response: Any
) -> list[str]:
    """The secrets of world.py this persona may not read, found in a page or API answer."""
    kind = response.get("Content-Type", "")
    if response.streaming or not kind.startswith(("text/", "application/json", "application/xml")):
        return []
    text = response.content.decode(errors="replace")
    exempt = LEAK_EXEMPT[route.name](matrix.world) if route.name in LEAK_EXEMPT else set()
    return [
        f"{method} {url} as {persona} shows {secret!r}"
        for secret, readers in matrix.world.secrets.items()
        if persona not in readers and secret not in exempt and secret in text
    ]


def check(matrix: Matrix, route: Route) -> list[str]:
    problems = []
    observed: dict[str, list[str]] = {}
    url = url_of(route, matrix.world)
    for method, tokens in expected(route).items():
        payload = PAYLOADS.get(route.name, PAYLOADS.get(route.url_name))
        if callable(payload):
            payload = payload(matrix.world)
        for persona, token in zip(PERSONAS, tokens, strict=True):
            with transaction.atomic():
                before = _writes()
                try:
                    response = request(matrix.clients[persona], route, method, url, payload)
                    got = outcome(response, matrix.login_paths)
                except Exception as error:
                    got = f"E({type(error).__name__}: {error})"
                changed = _changed(before, _writes())
                transaction.set_rollback(True)
            mark = got if len(got) == 1 else "!"
            observed.setdefault(method, []).append(mark + ("+" if changed else ""))
            if got == "2":
                problems += _leaks(matrix, route, method, url, persona, response)
            if got.startswith("E") or got.startswith("5"):
                problems.append(f"{method} {url} as {persona}: {got}")
            elif token.rstrip("+") not in ("*", got):
                problems.append(f"{method} {url} as {persona}: expected {token}, got {got}")
            if changed and not token.endswith("+"):
                problems.append(f"{method} {url} as {persona} ({token}) changed {changed}")
    if os.environ.get("ROUTE_MATRIX_PRINT"):
        row = " | ".join(" ".join(tokens) for tokens in observed.values())
        print(f'\n    "{route.name}": "{row}",')
    return problems


def test_every_route_has_a_row() -> None:
    missing = [f"{route.name} ({route.pattern})" for route in ROUTES if row_for(route.name) is None]
    assert not missing, "routes without a row in tests/security/route_table.py:\n" + "\n".join(
        missing
    )


def test_every_row_has_a_route() -> None:
    names = {route.name for route in ROUTES}
    stale = [
        key
        for key in TABLE
        if key not in names and not any(fnmatch.fnmatchcase(name, key) for name in names)
    ]
    assert not stale, f"rows without a route: {stale}"


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_route(route: Route, matrix: Matrix, db: None) -> None:
    if row_for(route.name) is None and not os.environ.get("ROUTE_MATRIX_PRINT"):
        pytest.fail(f"{route.name} ({route.pattern}) has no row in route_table.py")
    problems = check(matrix, route)
    assert not problems, f"{route.name}:\n" + "\n".join(problems)
