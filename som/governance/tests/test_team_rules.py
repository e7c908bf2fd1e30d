"""Issue 21: the back office's corrections of bodies, mandates, motion kinds and the statutes are
the team's in the services themselves, so no entrance but the admin's can skip the rule: the
secretary of the board is refused. Bodies and mandates too (`by` None is the platform itself)."""

import pytest
from django.utils import timezone

from som.governance import selectors, services
from som.governance.models import Body, Mandate
from som.governance.tests.conftest import kind


@pytest.mark.parametrize(
    "change",
    [
        lambda by: services.update_body(
            body=Body.objects.get(kind=Body.Kind.BOARD), values={"powers": "Alles."}, by=by
        ),
        lambda by: services.save_motion_kind(
            kind=kind("budget"), values={"min_notice_days": 30}, by=by
        ),
        lambda by: services.save_statutes(
            statutes=selectors.statutes(), values={"max_proxies_per_holder": 5}, by=by
        ),
        lambda by: services.correct_mandate(
            mandate=Mandate.objects.get(person=by), values={"seat": "B"}, by=by
        ),
        lambda by: services.end_mandate(
            mandate=Mandate.objects.get(person=by), on=timezone.localdate(), by=by
        ),
        lambda by: services.appoint(
            body=Body.objects.get(kind=Body.Kind.BOARD),
            person=by,
            role=Mandate.Role.MEMBER,
            starts_on=timezone.localdate(),
            by=by,
        ),
        lambda by: services.create_body(name="Raad", slug="raad", kind=Body.Kind.OTHER, by=by),
    ],
)
def test_a_secretary_outside_the_team_is_refused(secretary, change):
    with pytest.raises(services.GovernanceError) as refused:
        change(secretary)
    assert refused.value.code == "not_team"
