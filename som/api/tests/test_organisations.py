from som.accounts.services import create_api_token


def test_anonymous_callers_see_public_fields_only(client, school):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 200
    [row] = [row for row in response.json() if row["slug"] == school.slug]
    assert row["name"] == "Basisschool De Linde"
    assert row["levels"] == ["lager"]
    assert "instellingsnummer" not in row
    assert "email_domains" not in row


def test_team_token_sees_all_fields(client, school, team_member):
    _token, secret = create_api_token(person=team_member)
    response = client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {secret}"})
    [row] = [row for row in response.json() if row["slug"] == school.slug]
    assert row["instellingsnummer"] == school.instellingsnummer
    assert row["email_domains"] == ["delinde.be"]


def test_a_teacher_token_sees_public_fields(client, school, teacher):
    _token, secret = create_api_token(person=teacher)
    response = client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {secret}"})
    assert all("instellingsnummer" not in row for row in response.json())


def test_the_list_costs_the_same_queries_for_many_organisations(
    client, school, django_assert_max_num_queries
):
    from som.network.tests.factories import make_organisation

    for _ in range(20):
        make_organisation()
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/organisations")
    assert len(response.json()) == 21


def test_openapi_schema_is_published(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/organisations" in response.json()["paths"]
