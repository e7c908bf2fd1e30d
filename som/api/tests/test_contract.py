"""The API's OpenAPI document promises every 4xx an operation can answer, with the one body the
handlers give (som/api/errors.py), and the answers keep that promise."""

import json

import pytest

from som.accounts.services import create_api_token
from som.api.api import api
from som.voting.tests.test_engine import make_poll, option_ids

PROBLEM = "#/components/schemas/ProblemOut"


def operations():
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


@pytest.mark.parametrize(
    ("name", "operation"), list(operations()), ids=[n for n, _ in operations()]
)
def test_every_operation_declares_its_4xx_with_the_problem_body(name, operation):
    responses = {str(status): answer for status, answer in operation["responses"].items()}
    assert {"400", "401", "403", "422"} <= set(responses), name
    for status, answer in responses.items():
        if status.startswith("4"):
            schema = answer["content"]["application/json"]["schema"]["$ref"]
            assert schema in (PROBLEM, "#/components/schemas/CheckInProblemOut"), (name, status)


@pytest.fixture
def ballot(client, teacher):
    poll = make_poll(voters=[teacher])
    _token, secret = create_api_token(person=teacher)

    def cast(body: str):
        return client.post(
            f"/api/v1/polls/{poll.pk}/ballots",
            body,
            "application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    cast.poll = poll  # type: ignore[attr-defined]
    return cast


def test_a_ballot_that_does_not_fit_answers_422_with_the_declared_body(ballot):
    for body in ('{"choices": "twee"}', "{}", '{"choices": [0]}', '{"choices": [1e30]}'):
        response = ballot(body)
        assert response.status_code == 422, body
        answer = response.json()
        assert set(answer) == {"detail", "code", "errors"}
        assert isinstance(answer["detail"], str) and answer["code"] == "invalid_request"
        assert all(set(error) == {"loc", "msg"} for error in answer["errors"])
        assert answer["errors"][0]["loc"][:2] == ["body", "payload"]


def test_a_choice_the_poll_does_not_have_answers_422_invalid_choices(ballot):
    response = ballot(json.dumps({"choices": [max(option_ids(ballot.poll)) + 1000]}))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_choices"


def test_a_body_that_is_not_json_answers_400_with_the_problem_body(ballot):
    response = ballot("{choices")
    assert response.status_code == 400
    assert set(response.json()) >= {"detail", "code"}
