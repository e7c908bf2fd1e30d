"""Every labs service that is the SOM team's checks it itself (som.core.roles.require_team), so
no second entrance (the admin, the API, a command) skips the rule: a member who is not on the
team, and a team account that is no longer active, are refused with the app's own error and the
code `not_team`, before anything changes."""

# ruff: noqa: F811

from decimal import Decimal

import pytest

from som.core.errors import DomainError
from som.finance.models import Expense
from som.labs.models import YearEntry
from som.labs.services import calls, proposals, selection, work
from som.labs.services import labs as lab_services
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)

pytestmark = pytest.mark.django_db

TEAM_SERVICES = {
    "close_call": lambda w, by: calls.close_call(call=w["call"], by=by),
    "screen_proposal": lambda w, by: proposals.screen_proposal(
        proposal=w["submitted"], eligible=True, reason="", by=by
    ),
    "unschedule_pitch": lambda w, by: proposals.unschedule_pitch(proposal=w["submitted"], by=by),
    "start_selection_vote": lambda w, by: selection.start_selection_vote(call=w["call"], by=by),
    "close_selection_vote": lambda w, by: selection.close_selection_vote(call=w["call"], by=by),
    "publish_selection": lambda w, by: selection.publish_selection(call=w["call"], by=by),
    "change_budget": lambda w, by: lab_services.change_budget(
        lab=w["lab"], granted=Decimal(1), by=by
    ),
    "approve_lab_expense": lambda w, by: work.approve_lab_expense(
        lab=w["lab"], expense=Expense(), by=by
    ),
    "reject_lab_expense": lambda w, by: work.reject_lab_expense(
        lab=w["lab"], expense=Expense(), reason="no", by=by
    ),
    "approve_year_entry": lambda w, by: work.approve_year_entry(entry=YearEntry(), by=by),
    "reopen_year_entry": lambda w, by: work.reopen_year_entry(entry=YearEntry(), by=by),
}


@pytest.fixture
def former_team_member(team_member):
    team_member.is_active = False
    team_member.save(update_fields=["is_active"])
    return team_member


@pytest.mark.parametrize("service", sorted(TEAM_SERVICES))
@pytest.mark.parametrize("who", ["teacher", "former_team_member"])
def test_a_team_service_refuses_who_is_not_on_the_team(
    request, service, who, call, submitted, running_lab
):
    person = request.getfixturevalue(who)
    world = {"call": call, "submitted": submitted, "lab": running_lab}
    with pytest.raises(DomainError) as error:
        TEAM_SERVICES[service](world, person)
    assert error.value.code == "not_team"
