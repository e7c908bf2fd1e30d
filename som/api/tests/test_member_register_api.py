import datetime

import pytest
from django.utils import timezone

from som.accounts.services import create_api_token
from som.membership import services
from som.membership.models import MembershipType, MembershipYear
from som.membership.tests.factories import paid_membership

URL = "/api/v1/member-register"


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
def general(db) -> MembershipType:
    return MembershipType.objects.get(code="general")


def bearer(person) -> dict[str, str]:
    _token, secret = create_api_token(person=person)
    return {"Authorization": f"Bearer {secret}"}


def names_on(client, headers, day: datetime.date) -> list[str]:
    response = client.get(URL, {"date": day.isoformat()}, headers=headers)
    assert response.status_code == 200
    assert response.json()["date"] == day.isoformat()
    return [member["name"] for member in response.json()["members"]]


def test_the_register_lists_the_voting_members_before_and_after_a_resignation(
    client, team_member, school_contact, school, outsider, other_school, general, this_year
):
    first = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    paid_membership(
        applicant=outsider,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=other_school,
    )
    headers = bearer(team_member)
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    services.resign(membership=first, by=school_contact, on=tomorrow)
    assert names_on(client, headers, today) == ["Atheneum De Ring", "Basisschool De Linde"]
    assert names_on(client, headers, tomorrow) == ["Atheneum De Ring"]
    assert names_on(client, headers, today - datetime.timedelta(days=1)) == []


def test_each_member_comes_with_the_details_the_register_keeps(
    client, team_member, school_contact, school, general, this_year
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    response = client.get(URL, headers=bearer(team_member))  # no date: today
    [member] = response.json()["members"]
    assert set(member) == {
        "name",
        "instellingsnummer",
        "enterprise_number",
        "seat",
        "representative",
        "admitted_on",
    }
    assert member["instellingsnummer"] == school.instellingsnummer
    assert member["admitted_on"] == timezone.localdate().isoformat()


def test_anonymous_callers_get_401_and_others_than_the_team_403(client, school_contact, db):
    assert client.get(URL, {"date": "2026-09-01"}).status_code == 401
    response = client.get(URL, {"date": "2026-09-01"}, headers=bearer(school_contact))
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert response.json()["detail"]  # in the caller's language


@pytest.mark.parametrize("day", ["2026-02-30", "01-09-2026", "tomorrow", "2026-W01"])
def test_a_bad_date_is_refused_with_a_clear_message(client, team_member, day):
    response = client.get(URL, {"date": day}, headers=bearer(team_member))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request" and "YYYY-MM-DD" in body["detail"]
    [error] = body["errors"]
    assert error["loc"] == ["query", "date"]
    assert "YYYY-MM-DD" in error["msg"]


def test_the_member_register_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/member-register"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["date"]
    assert set(operation["responses"]) == {"200", "400", "401", "403", "422"}
