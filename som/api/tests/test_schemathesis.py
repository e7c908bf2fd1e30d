"""The API against its own OpenAPI document (schemathesis): every operation, as anonymous and
with a team token, on the real WSGI application and the test database, with data to find
(events, a poll, a meeting, a lab). The bar: no 5xx, every status code and every body as the
document declares them.

Bounded so that `make test` stays short on two cores: a fixed seed, a fixed number of examples
per operation, no shrinking. Path ids are generated at random, and half of them are swapped for
the ids of the objects below (by the parity of the generated value), so that the operations also
answer 200 and their bodies are checked, not only their 404s.
"""

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from som.accounts.services import create_api_token
from som.api.api import api
from som.events.tests.factories import make_event
from som.governance import services as governance
from som.governance.selectors import general_assembly
from som.governance.tests.conftest import in_days, kind, secretary  # noqa: F401 (a fixture)
from som.voting.models import Poll
from som.voting.tests.test_engine import make_poll

# `SCHEMATHESIS_EXAMPLES=500 make test PYTEST_ARGS=som/api/tests/test_schemathesis.py` digs deeper.
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
SEED = 20261217

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

config = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": False},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION},
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=config)

# The ids of the objects made for this test, by path parameter name.
KNOWN: dict[str, Any] = {}


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    if not path_parameters:
        return path_parameters
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        if name in KNOWN and len(str(value)) % 2 == 0:
            mapped[name] = KNOWN[name]
    return mapped


@pytest.fixture
def world(settings: Any, team_member, teacher, secretary) -> Iterator[None]:  # noqa: F811
    settings.ALLOWED_HOSTS = ["localhost"]
    assembly = general_assembly()
    assert assembly is not None
    meeting = governance.schedule_meeting(
        body=assembly, title="AV", starts_at=in_days(20), place="Stadhuis", by=secretary
    )
    for code in ("accounts", "statutes"):
        governance.add_agenda_item(
            meeting=meeting, title=code, motion=code, motion_kind=kind(code), by=secretary
        )
    event = make_event()
    make_event(starts_at=timezone.now() - datetime.timedelta(days=40), ends_at=timezone.now())
    poll = make_poll(voters=[teacher, team_member])
    make_poll(secrecy=Poll.Secrecy.NAMED, voters=[team_member])
    KNOWN.update(event_id=event.pk, poll_id=poll.pk, meeting_id=meeting.pk)
    # As Django's test client does: the request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    KNOWN.clear()


APP = WSGIHandler()
HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_contract_for_anybody(case: Any, world: None) -> None:
    case.call_and_validate(app=APP, checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_contract_for_a_team_token(case: Any, world: None, team_member) -> None:
    _token, secret = create_api_token(person=team_member)
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
