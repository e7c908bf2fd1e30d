def test_the_team_sees_what_waits_for_them(client_of, team_member, django_assert_max_num_queries):
    client = client_of(team_member)
    with django_assert_max_num_queries(12):
        response = client.get("/en/team/")
    assert response.status_code == 200
    assert b"membership application" in response.content


def test_others_get_404(client_of, outsider, client, db):
    assert client_of(outsider).get("/en/team/").status_code == 404
    assert client.get("/en/team/").status_code == 404
