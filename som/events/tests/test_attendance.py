import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from som.events import services
from som.events.models import Event
from som.events.selectors import attendance
from som.events.tests.factories import make_event
from som.network.tests.factories import make_organisation, make_person


def _move_to_the_past(event: Event, days: int = 7) -> Event:
    """Registration closes when an event starts, so people register first and time passes."""
    starts = timezone.now() - datetime.timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=4)
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def past_event(db, teacher, expert, outsider, school_contact, team_member) -> Event:
    """Capacity 2: teacher (came), expert (did not come), outsider (waiting), school_contact
    (cancelled), and a walk-in."""
    event = make_event(title="Open SOM-raad", capacity=2)
    came = services.register(event=event, person=teacher)
    services.register(event=event, person=expert)
    services.register(event=event, person=outsider)
    cancelled = services.register(event=event, person=school_contact)
    services.cancel(registration=cancelled, by=school_contact)
    event = _move_to_the_past(event)
    at_the_door = event.starts_at  # the doors were open
    services.check_in(event=event, ticket_code=came.ticket_code, by=team_member, now=at_the_door)
    walk_in = make_person(full_name="Wim Walk-in")
    services.walk_in(event=event, person=walk_in, by=team_member, now=at_the_door)
    return event


def test_the_figures_of_a_past_event(past_event):
    figures = attendance.event_figures(past_event)
    assert figures == attendance.Figures(
        registered=3, waiting=1, cancelled=1, attended=2, no_show=1, walk_ins=1
    )
    assert figures.attendance_rate == 67


def test_no_shows_are_only_counted_when_the_event_is_over(teacher):
    event = make_event()
    services.register(event=event, person=teacher)
    assert attendance.event_figures(event).no_show == 0
    assert attendance.event_figures(_move_to_the_past(event)).no_show == 1


def test_the_last_events_come_oldest_first_with_their_figures(past_event, teacher):
    older = make_event(title="SOM start")
    services.register(event=older, person=teacher)
    _move_to_the_past(older, days=60)
    make_event(title="Not yet")  # upcoming: not among the last events
    rows = attendance.last_events(10)
    assert [row.event.title for row in rows] == ["SOM start", "Open SOM-raad"]
    assert (rows[0].figures.registered, rows[0].figures.no_show) == (1, 1)
    assert [row.event.title for row in attendance.last_events(1)] == ["Open SOM-raad"]


def test_figures_per_institution(past_event, school):
    lines = {line.name: line.figures for line in attendance.by_organisation([past_event])}
    assert lines[school.name].registered == 1 and lines[school.name].attended == 1
    assert lines[school.name].cancelled == 1
    assert lines[""].registered == 2  # the expert and the walk-in have no organisation


def test_the_chart_scales_its_bars_to_the_largest_number(past_event):
    chart = attendance.bar_chart(attendance.last_events(10))
    (group,) = chart.groups
    assert group.registered.value == 3 and group.attended.value == 2
    assert group.registered.height > group.attended.height > 0
    assert group.registered.y + group.registered.height == chart.baseline
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3]


def test_the_attendance_pages_are_for_the_team_only(
    client_of, outsider, school_contact, past_event
):
    urls = [
        reverse("events:attendance"),
        reverse("events:attendance_event", kwargs={"pk": past_event.pk}),
        reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": "csv"}),
    ]
    for person in (outsider, school_contact):
        for url in urls:
            assert client_of(person).get(url).status_code == 404


def test_the_overview_shows_the_chart_with_its_data_table(client_of, team_member, past_event):
    with translation.override("nl"):
        url = reverse("events:attendance")
    page = client_of(team_member).get(url).content.decode()
    assert '<svg class="attendance-chart"' in page and 'role="img"' in page
    assert '<title id="chart-title">' in page and '<desc id="chart-desc">' in page
    assert "Open SOM-raad" in page and "<caption>" in page
    assert "style=" not in page
    # Numbers in SVG attributes are never written the Dutch way ("12,5").
    assert not re.search(r'(?:x|y|y1|y2|width|height)="[0-9.]*,', page)


def test_the_event_page_shows_figures_attendees_and_exports(client_of, team_member, past_event):
    url = reverse("events:attendance_event", kwargs={"pk": past_event.pk})
    page = client_of(team_member).get(url).content.decode()
    assert "Lotte Leraar" in page and "Wim Walk-in" in page and "Olaf Outsider" not in page
    for format in ("csv", "xlsx", "pdf"):
        export = reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": format})
        assert f'href="{export}"' in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_attendance_pages_cost_the_same_queries_for_more_registrations(
    client_of, team_member, past_event
):
    client = client_of(team_member)
    urls = [
        reverse("events:attendance"),
        reverse("events:attendance_event", kwargs={"pk": past_event.pk}),
    ] + [
        reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": format})
        for format in ("csv", "xlsx")
    ]
    before = [_queries(client, url) for url in urls]
    for n in range(6):
        services.walk_in(
            event=past_event,
            person=make_person(full_name=f"Extra {n}"),
            by=team_member,
            now=past_event.starts_at,
        )
        make_organisation(name=f"Extra school {n}")
    assert [_queries(client, url) for url in urls] == before


def test_the_attendee_list_as_csv(client_of, team_member, past_event):
    url = reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": "csv"})
    response = client_of(team_member).get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "som-attendees-" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 3
    names = [row[0] for row in rows[1:]]
    assert names == ["Eva Expert", "Lotte Leraar", "Wim Walk-in"]
    lotte = rows[2]
    assert lotte[1] == "leraar@delinde.be" and lotte[2] == "Basisschool De Linde"
    assert lotte[5]  # checked in at
    assert rows[1][5] == ""  # the expert did not come


def test_the_attendee_list_as_xlsx_loads(client_of, team_member, past_event):
    url = reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": "xlsx"})
    response = client_of(team_member).get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.values)
    assert len(values) == 4 and values[2][0] == "Lotte Leraar"


def test_name_badges_are_a_pdf(client_of, team_member, past_event):
    url = reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": "pdf"})
    response = client_of(team_member).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_unknown_export_format_is_404(client_of, team_member, past_event):
    url = reverse("events:attendees_export", kwargs={"pk": past_event.pk, "format": "doc"})
    assert client_of(team_member).get(url).status_code == 404


# --- Show-up over the school years (som/events/selectors/show_up.py) ---------------------------------------


def test_a_school_year_starts_on_the_first_of_september():
    from som.events.selectors import show_up

    brussels = datetime.timezone(datetime.timedelta(hours=2))
    assert show_up.school_year(datetime.datetime(2026, 8, 31, 23, 0, tzinfo=brussels)) == 2025
    assert show_up.school_year(datetime.datetime(2026, 9, 1, 0, 30, tzinfo=brussels)) == 2026
    assert show_up.school_year(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=brussels)) == 2026
    assert show_up.year_label(2026) == "2026-2027"


def test_show_up_per_kind_and_institution_counts_those_with_a_place(past_event, school):
    from som.events.selectors import show_up

    figures = show_up.show_up()
    network_days = next(line for line in figures.kinds if line.kind == Event.Kind.NETWORK_DAY)
    # The teacher came, the expert did not; the walk-in and the cancelled contact do not count.
    assert (network_days.total.registered, network_days.total.present) == (2, 1)
    assert network_days.total.percent == 50
    assert network_days.rates[-1].events == 1 or network_days.rates[-2].events == 1
    [de_linde] = figures.institutions
    assert de_linde.label == school.name and de_linde.total.percent == 100
    chart = show_up.rate_chart(figures)
    bars = [bar for group in chart.groups for bar in group.bars]
    assert [bar.percent for bar in bars] == [50]
    assert bars[0].y + bars[0].height == chart.baseline


def test_the_overview_shows_the_show_up_chart_with_its_tables(client_of, team_member, past_event):
    page = client_of(team_member).get(reverse("events:attendance")).content.decode()
    assert '<title id="rate-chart-title">' in page and '<desc id="rate-chart-desc">' in page
    assert "Opkomst per instelling en schooljaar" in page  # Dutch first
    assert '50% <span class="muted">(1/2)</span>' in page


def test_the_show_up_figures_cost_two_queries(past_event, django_assert_num_queries):
    from som.events.selectors import show_up

    with django_assert_num_queries(2):
        show_up.show_up()
    for n in range(3):
        other = make_event(title=f"Event {n}")
        ticket = services.register(event=other, person=make_person()).ticket_code
        other = _move_to_the_past(other, days=20 + n)
        services.check_in(
            event=other, ticket_code=ticket, by=make_person(is_staff=True), now=other.starts_at
        )
    with django_assert_num_queries(2):
        assert sum(line.total.events for line in show_up.show_up().kinds) == 4
