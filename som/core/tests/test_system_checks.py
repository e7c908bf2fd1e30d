"""The platform's system checks (som.core.checks): a hook registry that an app above should fill
is reported empty at start-up (som.E001), and psycopg's server-side binding stays off (som.E002)."""

import copy

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from som.accounts import roles, team_changes
from som.core import checks, hooks, personal_data
from som.events import programme, team_links
from som.finance import settlement
from som.membership import entitlements
from som.network import consents
from som.voting import closers

# The check reads DATABASES; the tests change it without touching a connection.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_every_registry_is_filled_when_every_app_is_installed():
    assert hooks.expected()
    assert checks.registries_filled() == []
    call_command("check")


@pytest.mark.parametrize(
    ("module", "name", "registry"),
    [
        (roles, "_board_checks", "som.accounts.roles: board checks"),
        (team_changes, "_TEAM_GROUPS", "som.accounts.team_changes: team groups"),
        (personal_data, "_exporters", "som.core.personal_data: exporters"),
        (closers, "_closers", "som.voting.closers: closers"),
        (consents, "_usage_finders", "som.network.consents: usage finders"),
        (programme, "_providers", "som.events.programme: programme details"),
        (team_links, "_providers", "som.events.team_links: team links"),
        (entitlements, "_expert_sources", "som.membership.entitlements: invited experts"),
    ],
)
def test_an_empty_registry_is_an_error(monkeypatch, module, name, registry):
    empty = type(getattr(module, name))()
    monkeypatch.setattr(module, name, empty)
    errors = checks.registries_filled()
    assert [(error.id, error.obj) for error in errors] == [("som.E001", registry)]
    assert registry in errors[0].msg
    with pytest.raises(SystemCheckError, match=r"som\.E001"):
        call_command("check")


def test_an_invoice_purpose_without_its_handler_is_an_error(monkeypatch):
    """Events' handler forgotten: a paid event invoice would give nobody their place."""
    without_events = {k: v for k, v in settlement._on_paid.items() if k != "event"}
    monkeypatch.setattr(settlement, "_on_paid", without_events)
    errors = checks.registries_filled()
    assert [error.obj for error in errors] == ["som.finance.settlement: on paid, event"]


def _with_options(**options):
    databases = copy.deepcopy(settings.DATABASES)
    databases["default"] = {
        **databases["default"],
        "ENGINE": "django.db.backends.postgresql",
        "OPTIONS": {**databases["default"].get("OPTIONS", {}), **options},
    }
    return databases


def test_server_side_binding_is_an_error():
    with override_settings(DATABASES=_with_options(server_side_binding=True)):
        errors = checks.client_side_binding()
    assert [(error.id, error.obj) for error in errors] == [("som.E002", "DATABASES['default']")]


def test_client_side_binding_passes():
    with override_settings(DATABASES=_with_options(server_side_binding=False)):
        assert checks.client_side_binding() == []
    with override_settings(DATABASES=_with_options()):
        assert checks.client_side_binding() == []
