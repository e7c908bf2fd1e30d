"""A refused ballot answers with one HTTP status per refusal, the same on the API and on the phone
pages (BallotError.status). `already_counted` (a ballot that arrives while its poll closes) was
missing from the API's own copy of the map, which answered 500 there."""

import pytest
from django.test import Client

from som.voting import services
from som.voting.models import Poll
from som.voting.tests.test_api import ballots_url, bearer, post_json
from som.voting.tests.test_engine import make_poll, option_ids

pytestmark = pytest.mark.django_db


def _refuse(code: str):
    def cast_ballot(**kwargs: object) -> services.Receipt:
        raise services.BallotError(f"refused: {code}", code)

    return cast_ballot


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("unknown_poll", 404),
        ("not_open", 409),
        ("already_voted", 409),
        ("already_counted", 409),
        ("not_in_electorate", 403),
        ("closed", 410),
        ("invalid_choices", 422),
    ],
)
def test_the_api_answers_each_refusal_with_its_status(monkeypatch, teacher, code, status):
    poll: Poll = make_poll(voters=[teacher])
    monkeypatch.setattr(services, "cast_ballot", _refuse(code))
    response = post_json(
        Client(), ballots_url(poll), {"choices": [option_ids(poll)[0]]}, **bearer(teacher)
    )
    assert response.status_code == status
    assert response.json()["code"] == code


def test_a_form_ballot_carries_the_refusal_and_its_status(monkeypatch, teacher):
    poll: Poll = make_poll(voters=[teacher])
    monkeypatch.setattr(services, "cast_ballot", _refuse("already_counted"))
    sent = services.cast_from_form(poll=poll.pk, voter=teacher, values=[str(option_ids(poll)[0])])
    assert sent.receipt is None and sent.error is not None
    assert sent.status == 409 and sent.chosen == [option_ids(poll)[0]]


def test_a_form_ballot_that_is_not_ids_is_refused_as_invalid_choices(teacher):
    poll: Poll = make_poll(voters=[teacher])
    sent = services.cast_from_form(poll=poll.pk, voter=teacher, values=["²"])
    assert sent.error is not None and sent.error.code == "invalid_choices"
    assert sent.status == 422 and sent.chosen == []
