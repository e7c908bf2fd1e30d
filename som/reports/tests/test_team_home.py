def test_the_team_sees_what_waits_for_them(client_of, team_member, django_assert_max_num_queries):
    client = client_of(team_member)
    with django_assert_max_num_queries(12):
        response = client.get("/en/team/")
    assert response.status_code == 200
    assert b"membership application" in response.content


def test_others_get_404(client_of, outsider, client, db):
    assert client_of(outsider).get("/en/team/").status_code == 404
    assert client.get("/en/team/").status_code == 404


def test_the_team_home_leads_to_the_calls_their_control_page_and_the_meetings(
    client_of, team_member, lab_lead
):
    import datetime

    from django.urls import reverse
    from django.utils import timezone, translation

    from som.events.tests.factories import make_event
    from som.governance import selectors as governance_selectors
    from som.governance import services as governance
    from som.labs.tests.test_selection import PROPOSALS, make_call

    day = make_event(title="Netwerkdag voorjaar")
    call = make_call(day, lab_lead, PROPOSALS)
    board = governance_selectors.board()
    assert board is not None
    meeting = governance.schedule_meeting(
        body=board,
        title="Raad van bestuur maart",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="Leuven",
        by=team_member,
    )
    page = client_of(team_member).get("/team/").content.decode()
    with translation.override("nl"):
        control = reverse("labs:selection", kwargs={"call_id": call.pk})
        assert page.count(control) == 2  # the call's row, and the network day among the events
        assert reverse("labs:new_call") in page
        assert reverse("governance:prepare", kwargs={"pk": meeting.pk}) in page
        assert reverse("governance:new_meeting") in page
    assert "Raad van bestuur maart" in page


def test_the_team_home_costs_the_same_with_more_calls_and_meetings(
    client_of, team_member, lab_lead, django_assert_num_queries
):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from som.events.tests.factories import make_event
    from som.governance import selectors as governance_selectors
    from som.governance import services as governance
    from som.labs.tests.test_selection import PROPOSALS, make_call

    board = governance_selectors.board()
    assert board is not None

    def more(rows: int) -> None:
        for number in range(rows):
            make_call(make_event(), lab_lead, PROPOSALS)
            governance.schedule_meeting(
                body=board,
                title=f"Raad {number}",
                starts_at=timezone.now() + datetime.timedelta(days=20 + number),
                place="Leuven",
                by=team_member,
            )

    more(1)
    client = client_of(team_member)
    client.get("/team/")
    with CaptureQueriesContext(connection) as one:
        client.get("/team/")
    more(3)
    with django_assert_num_queries(len(one)):
        client.get("/team/")


def test_the_team_home_leads_to_the_public_sites_editor(client_of, team_member):
    """The team edits the pages, stories and portraits in Wagtail (/cms/): linked where they
    look first, next to the consent register and the posts to share (issue 19)."""
    from django.urls import reverse

    page = client_of(team_member).get(reverse("reports:team_home")).content.decode()
    for name in ("wagtailadmin_home", "publishing:consents", "publishing:to_post"):
        assert f'href="{reverse(name)}"' in page
