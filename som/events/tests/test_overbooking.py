import datetime
from fractions import Fraction

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from som.core.errors import DomainError
from som.core.models import AuditEntry
from som.events import services
from som.events.models import Event
from som.events.selectors import overbooking
from som.events.services.overbooking import OverbookingError, set_overbooking
from som.events.tests.factories import make_event
from som.network.tests.factories import make_person

# --- The arithmetic ----------------------------------------------------------------------------


def test_over_capacity_counts_the_past_events_that_would_not_have_fitted():
    # 100 places, rates 80%, 66%, 50%: with 25 extra (125 registered) 80% brings 100: fits.
    samples = [(120, 96), (120, 80), (100, 50)]
    assert overbooking.over_capacity(100, 25, samples) == 0
    assert overbooking.over_capacity(100, 26, samples) == 1  # 80% of 126 = 100.8
    assert overbooking.over_capacity(100, 52, samples) == 2  # 66.7% of 152 = 101.3
    assert overbooking.over_capacity(100, 0, samples) == 0


def test_the_largest_extra_lets_at_most_one_in_ten_past_events_go_over():
    # Ten events: one came at 90%, the others at 80% or less: the 90% one may go over.
    samples = [(100, 90)] + [(100, 80)] * 4 + [(100, 70)] * 5
    extra = overbooking.largest_extra(100, samples)
    assert extra == 25  # 80% of 125 = 100
    assert overbooking.over_capacity(100, extra, samples) == 1
    assert overbooking.over_capacity(100, extra + 1, samples) == 5


def test_with_fewer_than_ten_events_none_may_go_over():
    samples = [(100, 90), (100, 80), (100, 70)]
    extra = overbooking.largest_extra(100, samples)
    assert extra == 11  # 90% of 111 = 99.9
    assert overbooking.over_capacity(100, extra, samples) == 0
    assert overbooking.over_capacity(100, extra + 1, samples) == 1


def test_a_past_rate_of_100_percent_gives_no_extra_places():
    assert overbooking.largest_extra(50, [(40, 40), (40, 20), (40, 30)]) == 0


def test_never_more_than_the_capacity_again():
    assert overbooking.largest_extra(30, [(100, 5), (100, 4), (100, 3)]) == 30
    assert overbooking.largest_extra(30, [(100, 5)], max_share=Fraction(1, 2)) == 15


def test_nothing_to_learn_from_gives_nothing():
    assert overbooking.largest_extra(100, []) == 0
    assert overbooking.largest_extra(0, [(10, 5)]) == 0


def test_no_past_events_no_proposal_and_it_says_so():
    with translation.override("en"):
        proposal = overbooking.propose(Event.Kind.NETWORK_DAY, 100, [])
    assert proposal.extra is None and proposal.risks == ()
    assert "no proposal" in proposal.reason


def _past(registered: int, present: int, n: int = 1) -> overbooking.PastEvent:
    return overbooking.PastEvent(
        event_id=n,
        title=f"Event {n}",
        kind=Event.Kind.COMMUNITY,
        starts_at=timezone.now(),
        registered=registered,
        present=present,
    )


def test_a_small_sample_gives_its_risks_but_no_proposal():
    with translation.override("en"):
        proposal = overbooking.propose(Event.Kind.COMMUNITY, 100, [_past(120, 80), _past(100, 70)])
    assert proposal.extra is None and "at least 3" in proposal.reason
    assert [risk.extra for risk in proposal.risks] == [0, 5, 10, 15, 20]


def test_the_risk_table_says_one_in_how_many():
    past = [_past(100, 90, 1)] + [_past(100, 70, n) for n in range(2, 11)]
    proposal = overbooking.propose(Event.Kind.COMMUNITY, 100, past)
    assert proposal.extra == 42  # 70% of 142 = 99.4; the 90% event may go over
    assert proposal.average_rate == 72 and (proposal.lowest_rate, proposal.highest_rate) == (70, 90)
    risks = {risk.extra: risk for risk in proposal.risks}
    assert risks[42].over == 1 and risks[42].one_in == 10 and risks[42].acceptable
    assert risks[0].over == 0 and risks[0].one_in is None
    # The first number beyond the proposal where more events go over: all nine at 70%.
    assert [risk.extra for risk in proposal.risks] == [0, 5, 10, 15, 20, 42, 43]
    assert risks[43].over == 10 and not risks[43].acceptable


def test_the_tipping_point_of_a_past_event():
    assert overbooking.tipping_point(100, 100, 80) == 26  # 80% of 126 = 100.8
    assert overbooking.over_capacity(100, 25, [(100, 80)]) == 0
    assert overbooking.tipping_point(100, 100, 100) == 1
    assert overbooking.tipping_point(100, 100, 0) is None


# --- The reads ---------------------------------------------------------------------------------


def _held(kind: str, registered: int, present: int, days_ago: int, *, walk_ins: int = 0) -> Event:
    """A past event: `registered` people with a place, `present` of them checked in."""
    event = make_event(kind=kind, capacity=None)
    door = make_person(is_staff=True)
    tickets = [
        services.register(event=event, person=make_person()).ticket_code for _ in range(registered)
    ]
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    event.refresh_from_db()
    for code in tickets[:present]:
        services.check_in(event=event, ticket_code=code, by=door, now=starts)
    for _ in range(walk_ins):
        services.walk_in(event=event, person=make_person(), by=door, now=starts)
    return event


def test_the_history_counts_those_with_a_place_not_walk_ins_and_skips_doorless_events(db):
    _held(Event.Kind.COMMUNITY, 4, 3, days_ago=10, walk_ins=2)
    _held(Event.Kind.COMMUNITY, 3, 0, days_ago=20)  # nobody checked in: the door was not used
    _held(Event.Kind.NETWORK_DAY, 5, 4, days_ago=30)
    rows = overbooking.history()
    assert [(row.kind, row.registered, row.present, row.rate) for row in rows] == [
        (Event.Kind.COMMUNITY, 4, 3, 75),
        (Event.Kind.NETWORK_DAY, 5, 4, 80),
    ]


def test_people_moved_up_from_the_waiting_list_count_as_registered(db):
    event = make_event(kind=Event.Kind.COMMUNITY, capacity=1)
    first, second = make_person(), make_person()
    services.register(event=event, person=first)
    waiting = services.register(event=event, person=second)
    services.cancel(registration=event.registrations.get(person=first), by=first)
    starts = timezone.now() - datetime.timedelta(days=2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    services.check_in(
        event=event, ticket_code=waiting.ticket_code, by=make_person(is_staff=True), now=starts
    )
    [row] = overbooking.history()
    assert (row.registered, row.present) == (1, 1)  # the cancelled one is not counted


def test_the_proposal_for_a_coming_event_learns_from_its_kind_in_one_query(
    db, django_assert_num_queries
):
    for days, present in ((10, 8), (40, 7), (70, 6)):
        _held(Event.Kind.COMMUNITY, 10, present, days_ago=days)
    _held(Event.Kind.NETWORK_DAY, 10, 10, days_ago=5)  # another kind: not learnt from
    coming = make_event(kind=Event.Kind.COMMUNITY, capacity=100)
    with django_assert_num_queries(1):
        proposal = overbooking.proposal_for(coming)
    assert [past.rate for past in proposal.past] == [80, 70, 60]
    assert proposal.extra == 25
    assert coming.extra_places == 0  # a proposal changes nothing


def test_an_event_without_capacity_gets_no_proposal(db, django_assert_num_queries):
    event = make_event(capacity=None)
    with django_assert_num_queries(0), translation.override("en"):
        proposal = overbooking.proposal_for(event)
    assert proposal.extra is None and "no capacity" in proposal.reason


# --- The team sets it --------------------------------------------------------------------------


def test_the_team_sets_extra_places_and_the_waiting_list_moves_up(
    team_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    people = [make_person() for _ in range(4)]
    for person in people:
        services.register(event=event, person=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = set_overbooking(event=event, extra_places=2, by=team_member)
    assert (event.extra_places, event.places) == (2, 3)
    registered = event.registrations.filter(status="registered").order_by("created_at")
    assert [r.person_id for r in registered] == [p.pk for p in people[:3]]
    assert len(mail.outbox) == 2
    entry = AuditEntry.objects.get(action="event.overbooking")
    assert entry.changes == {"extra_places": [0, 2]}
    # Fewer extra places take nobody's place away.
    set_overbooking(event=event, extra_places=0, by=team_member)
    assert event.registrations.filter(status="registered").count() == 3


def test_only_the_team_and_only_events_with_a_capacity(team_member, teacher):
    event = make_event(capacity=10)
    with pytest.raises(DomainError):
        set_overbooking(event=event, extra_places=2, by=teacher)
    with pytest.raises(OverbookingError) as error:
        set_overbooking(event=make_event(capacity=None), extra_places=2, by=team_member)
    assert error.value.code == "no_capacity"
    with pytest.raises(OverbookingError):
        set_overbooking(event=event, extra_places=-1, by=team_member)
    event.refresh_from_db()
    assert event.extra_places == 0


def test_the_attendance_page_shows_the_proposal_and_the_form(client_of, team_member):
    for days, present in ((10, 8), (40, 7), (70, 6)):
        _held(Event.Kind.COMMUNITY, 10, present, days_ago=days)
    coming = make_event(kind=Event.Kind.COMMUNITY, capacity=100)
    page = (
        client_of(team_member)
        .get(reverse("events:attendance_event", kwargs={"pk": coming.pk}))
        .content.decode()
    )
    assert "Voorstel: 25 extra plaatsen." in page  # the team's language: Dutch first
    assert 'name="extra_places" value="25"' in page
    assert "over de capaciteit gegaan" in page
    coming.refresh_from_db()
    assert coming.extra_places == 0


def test_the_form_sets_the_number_and_bad_input_changes_nothing(client_of, team_member):
    event = make_event(capacity=50)
    client = client_of(team_member)
    url = reverse("events:set_overbooking", kwargs={"pk": event.pk})
    response = client.post(url, {"extra_places": "abc"})
    assert response.status_code == 302
    assert any("van 0 tot" in str(m) for m in get_messages(response.wsgi_request))
    event.refresh_from_db()
    assert event.extra_places == 0
    assert client.post(url, {"extra_places": "7"}).status_code == 302
    event.refresh_from_db()
    assert event.extra_places == 7
    no_capacity = make_event(capacity=None)
    url = reverse("events:set_overbooking", kwargs={"pk": no_capacity.pk})
    response = client.post(url, {"extra_places": "7"})
    assert any("geen capaciteit" in str(m) for m in get_messages(response.wsgi_request))


def test_the_form_is_the_teams_only(client_of, teacher):
    event = make_event(capacity=50)
    url = reverse("events:set_overbooking", kwargs={"pk": event.pk})
    assert client_of(teacher).post(url, {"extra_places": "7"}).status_code == 404
    event.refresh_from_db()
    assert event.extra_places == 0
