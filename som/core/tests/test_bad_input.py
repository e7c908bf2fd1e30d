"""Bad input never answers 500 (issue 17, point 12): numbers past 64 bits, NUL bytes, "²" where
a number is expected, and the like get a clear 4xx in the reader's language and change nothing.
The requests go through the real routes and middleware, on PostgreSQL where the database is
what used to fail."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import translation

from som.events import services as event_services
from som.events.tests.factories import make_event

pytestmark = pytest.mark.django_db

HUGE = 10**20  # past 64 bits
PAST_64_BITS = "18446744073709551617"


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


# --- Integers in paths and queries ------------------------------------------------------------


def test_no_route_takes_an_unbounded_integer():
    """Django's `int` converter takes any number of digits; the `id` converter takes 1-18, so a
    number past 64 bits is a 404 before any view or query sees it."""
    unbounded = []
    for address, pattern in _patterns(get_resolver()):
        if address.startswith((WAGTAIL_ADMIN, WAGTAIL_UTIL)):
            continue  # Wagtail's own routes: the test below
        converters = getattr(pattern.pattern, "converters", {})
        if any(type(c) is IntConverter for c in converters.values()):
            unbounded.append(address)
    assert unbounded == []


WAGTAIL_ADMIN = "cms/"
WAGTAIL_UTIL = "_util/"  # its login and password form for private pages


@pytest.mark.parametrize(
    "path",
    [
        f"/cms/pages/{PAST_64_BITS}/edit/",
        f"/cms/pages/{PAST_64_BITS}/",
        f"/cms/images/{PAST_64_BITS}/",
        f"/cms/pages/{PAST_64_BITS}/revisions/{PAST_64_BITS}/view/",
        f"/_util/authenticate_with_password/{PAST_64_BITS}/{PAST_64_BITS}/",
    ],
)
def test_wagtails_admin_answers_a_number_past_64_bits_with_404(client_of, team_member, path):
    """Wagtail's admin routes take Django's unbounded `int`; a number past 64 bits must still be a
    404 for the team (Django returns no rows for an out-of-range lookup), never a 500."""
    assert client_of(team_member).get(path).status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("labs:ballot", {"call_id": 1}),
        ("events:registered", {"pk": 1}),
        ("events:door", {"pk": 1}),
        ("labs:proposal", {"pk": 1}),
    ],
)
def test_an_id_past_64_bits_in_a_path_is_not_found(name, kwargs, client_of, team_member):
    with translation.override("nl"):
        address = reverse(name, kwargs=kwargs)
    huge = address.replace("/1/", f"/{HUGE}/")
    assert huge != address
    response = client_of(team_member).get(huge)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()


def test_a_page_number_past_64_bits_in_the_api_is_refused(client):
    make_event()
    response = client.get(f"/api/v1/events?page={PAST_64_BITS}")
    assert 400 <= response.status_code < 500


def test_a_page_number_past_64_bits_on_a_list_page_shows_the_last_page(client_of, team_member):
    with translation.override("nl"):
        address = reverse("finance:invoices")
    response = client_of(team_member).get(address, {"page": PAST_64_BITS})
    assert response.status_code == 200


# --- NUL bytes --------------------------------------------------------------------------------


def test_a_nul_byte_in_a_ticket_address_is_a_clear_400_in_dutch(client):
    response = client.get("/agenda/ticket/abc%00def/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ongeldig verzoek" in page
    assert 'lang="nl"' in page and "css/som" in page


def test_a_nul_byte_reads_in_english_on_the_english_site(client):
    response = client.get("/en/events/ticket/abc%00def/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_nul_byte_in_the_door_search_is_a_400(client_of, team_member):
    event = make_event()
    with translation.override("nl"):
        address = reverse("events:door", kwargs={"pk": event.pk})
    response = client_of(team_member).get(address, {"q": "Lotte\x00"})
    assert response.status_code == 400


def test_a_nul_byte_in_a_door_check_in_is_a_400(client_of, team_member):
    event = make_event()
    with translation.override("nl"):
        address = reverse("events:door_check_in", kwargs={"pk": event.pk})
    response = client_of(team_member).post(address, {"ticket_code": "abc\x00def"})
    assert response.status_code == 400


def test_a_nul_byte_in_the_api_is_a_400_problem(client_of, team_member):
    event = make_event()
    response = client_of(team_member).post(
        "/api/v1/checkins",
        json.dumps({"event": event.pk, "ticket_code": "abc\u0000def"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "nul_byte"
    query = client_of(team_member).get("/api/v1/events?search=a%00b")
    assert query.status_code == 400 and query.json()["code"] == "nul_byte"


def test_an_escaped_backslash_before_u0000_is_not_a_nul_byte(client_of, team_member):
    event = make_event()
    response = client_of(team_member).post(
        "/api/v1/checkins",
        json.dumps({"event": event.pk, "ticket_code": "abc\\u0000def"}),
        content_type="application/json",
    )
    assert response.status_code != 400


# --- Digits that are not ASCII ------------------------------------------------------------------


def test_a_superscript_two_at_the_door_is_refused_not_a_500(client_of, team_member):
    event = make_event()
    with translation.override("nl"):
        address = reverse("events:door_check_in", kwargs={"pk": event.pk})
    response = client_of(team_member).post(address, {"registration": "²"})
    assert response.status_code == 404


def test_a_superscript_two_on_the_attendance_page_shows_the_default(client_of, team_member):
    with translation.override("nl"):
        address = reverse("events:attendance")
    response = client_of(team_member).get(address, {"last": "²"})
    assert response.status_code == 200


def test_a_ticket_registration_still_works(client_of, team_member, teacher):
    event = make_event()
    event_services.register(event=event, person=teacher)
    with translation.override("nl"):
        address = reverse("events:door", kwargs={"pk": event.pk})
    assert client_of(team_member).get(address, {"q": "Lotte"}).status_code == 200


# --- Dates ------------------------------------------------------------------------------------


def _admin_form_data(form) -> dict:
    """What the admin's form shows, as a browser posts it (split date and time included)."""
    data: dict = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)
        if hasattr(widget, "widgets"):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for i, (part_widget, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{name}_{i}"] = part_widget.format_value(part) or ""
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = widget.format_value(value) or ""
    return data


def test_an_event_in_year_1_is_refused_by_the_admin_form_in_dutch(rf, team_member):
    """On PostgreSQL the admin stored it, and then every page listing the event answered 500."""
    from django.contrib import admin

    from som.events.models import Event

    event = make_event()
    model_admin = admin.site._registry[Event]
    request = rf.get("/")
    request.user = team_member
    form_class = model_admin.get_form(request, event)
    data = _admin_form_data(form_class(instance=event))
    data["starts_at_0"] = "01/01/0001"
    with translation.override("nl"):
        form = form_class(data, instance=event)
        assert not form.is_valid()
        assert "tussen de jaren 2000 en 2100" in str(form.errors["starts_at"])
    event.refresh_from_db()
    assert event.starts_at.year > 2000


def test_every_date_people_can_set_has_the_range_check():
    from django.apps import apps
    from django.db import models

    from som.core.validators import sensible_date

    missing = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("som.")
        for field in model._meta.get_fields()
        # Fields our models inherit from Wagtail's (a page's go-live date) are Wagtail's to check.
        if getattr(field, "model", model).__module__.startswith("som.")
        and isinstance(field, models.DateField)  # DateTimeField too
        and field.editable
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
        and field.name != "last_login"  # Django's, set at login
        and sensible_date not in field.validators
    ]
    assert missing == []
