"""GET /api/v1/labs, /labs/{slug}, /labs/{slug}/results: public fields only."""

# ruff: noqa: F811

from decimal import Decimal

from som.labs.services import labs as lab_services
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    lab_data,
    members,
    network_day,
    proposal,
    reflection,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)


def test_the_list_has_public_fields_only(client, running_lab, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        rows = client.get("/api/v1/labs").json()
    [row] = rows
    assert row["slug"] == running_lab.slug
    assert row["status"] == "startup"
    assert set(row) == {
        "slug", "title", "summary", "status", "starts_on", "planned_end_on", "speerpunten", "url"
    }  # fmt: skip


def test_one_lab_and_404_for_an_unknown_one(client, running_lab):
    body = client.get(f"/api/v1/labs/{running_lab.slug}").json()
    assert body["challenge"] == running_lab.challenge
    assert "members" not in body and "budget" not in body
    assert client.get("/api/v1/labs/bestaat-niet").status_code == 404


def test_only_published_results_and_never_the_logbook(client, running_lab, teacher):
    draft = work.save_result(
        lab=running_lab, data=work.ResultData(title="Klad", summary="Nog niet"), by=teacher
    )
    published = work.save_result(
        lab=running_lab,
        data=work.ResultData(title="Startnota", summary="Kort", body="**Samen**"),
        by=teacher,
    )
    work.publish_result(result=published, by=teacher)
    work.write_entry(lab=running_lab, data=reflection(), by=teacher)
    rows = client.get(f"/api/v1/labs/{running_lab.slug}/results").json()
    assert [row["title"] for row in rows] == ["Startnota"]
    assert rows[0]["body_html"] == "<p><strong>Samen</strong></p>"
    assert draft.title not in str(rows) and "leaky pipeline" not in str(rows)


def test_the_list_filters_by_status(client, running_lab, team_member):
    lab_services.create_lab(data=lab_data(), granted=Decimal(1), by=team_member, status="running")
    rows = client.get("/api/v1/labs", {"status": "running"}).json()
    assert [row["title"] for row in rows] == ["Diverse leraarskamer"]
