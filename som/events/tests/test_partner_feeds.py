"""A partner's iCal feed, served by a small web server on 127.0.0.1 in a thread (as a partner's
site would serve it): imported, its repeating items expanded, its changes and cancellations
followed, trusted feeds published at once and the others waiting for the team, a bad feed
changing nothing, a second import adding nothing."""

import datetime
import http.server
import itertools
import threading
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from som.core.errors import DomainError
from som.core.models import AuditEntry
from som.events import selectors
from som.events.models import Event, PartnerFeed
from som.events.services import partner_feeds, partner_items
from som.network.tests.factories import make_organisation


class _Server:
    def __init__(self) -> None:
        self.files: dict[str, tuple[int, str, bytes]] = {}
        files = self.files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = files.get(self.path, (404, "text/plain", b"weg"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, path: str, body: bytes | str, status: int = 200, kind: str = "text/calendar"):
        self.files[path] = (status, kind, body.encode() if isinstance(body, str) else body)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.stop()


# The import's moment: now, to the minute, so the feed's coming items are coming on any day.
NOW = timezone.now().replace(second=0, microsecond=0)


def _stamp(days: float, hour: int = 14) -> str:
    # The hour on that day in Leuven, so the item's day is the same in Leuven as in the test's
    # expectation, also between midnight in Leuven and midnight in UTC.
    moment = timezone.localtime(NOW + datetime.timedelta(days=days))
    moment = moment.replace(hour=hour, minute=0).astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def vevent(uid: str, title: str, days: float, *extra: str, hours: int = 2) -> str:
    start = _stamp(days)
    end = _stamp(days, 14 + hours)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_stamp(0)}",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        f"SUMMARY:{title}",
        *extra,
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


def ical(*events: str) -> str:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Stad Leuven//Onderwijs//NL\r\n"
    return head + "\r\n".join(events) + "\r\nEND:VCALENDAR\r\n"


GOOD = ical(
    vevent(
        "lezing-1@leuven.example",
        "Lezing: meertaligheid in de klas",
        10,
        "LOCATION:Stadhuis Leuven\\, Grote Markt 9",
        "URL:https://leuven.example/lezing-meertaligheid",
        "DESCRIPTION:Een avond over meertaligheid.",
    ),
    vevent("infoavond@leuven.example", "Infoavond inschrijvingen", 20),
    vevent("workshop@leuven.example", "Workshop STEM", 30, "URL:https://leuven.example/stem"),
    vevent("voorbij@leuven.example", "Al voorbij", -10),
    vevent("veel-later@leuven.example", "Over twee jaar", 800),
)


@pytest.fixture
def partner(db):
    return make_organisation(
        name="Stad Leuven – Dienst Onderwijs", kind="city", website="https://leuven.example"
    )


def _feed(partner, url: str, trusted: bool = False) -> PartnerFeed:
    return PartnerFeed.objects.create(organisation=partner, url=url, is_trusted=trusted)


def _snapshot(feed: PartnerFeed) -> list[tuple]:
    return list(
        Event.objects.filter(source_feed=feed)
        .order_by("source_uid")
        .values_list(
            "source_uid", "title", "starts_at", "ends_at", "is_published", "review", "venue_name"
        )
    )


# --- Importing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_partners_feed_is_imported_and_waits_for_the_team(
    server, partner, team_member, client, django_capture_on_commit_callbacks
):
    feed = _feed(partner, server.serve("/kalender.ics", GOOD))
    result = partner_feeds.import_feed(feed, now=NOW)
    assert result.ok, result.error
    assert sorted(result.created) == [
        "Infoavond inschrijvingen",
        "Lezing: meertaligheid in de klas",
        "Workshop STEM",
    ]  # not the past one, nor the one beyond the coming year
    events = Event.objects.filter(source_feed=feed)
    assert events.count() == 3
    for event in events:
        assert event.kind == Event.Kind.EXTERNAL
        assert event.organiser == partner
        assert event.review == Event.Review.SUBMITTED
        assert not event.is_published
    lecture = events.get(source_uid="lezing-1@leuven.example")
    assert lecture.venue_name == "Stadhuis Leuven, Grote Markt 9"
    assert lecture.external_url == "https://leuven.example/lezing-meertaligheid"
    assert lecture.description == "Een avond over meertaligheid."
    # Without a URL of its own an item links to the partner's site.
    assert events.get(source_uid="infoavond@leuven.example").external_url == partner.website
    feed.refresh_from_db()
    assert feed.last_success_at == NOW and feed.last_error == ""
    # Nothing in the calendar before the team accepts.
    assert not selectors.calendar_events().filter(source_feed=feed).exists()
    assert "Lezing: meertaligheid" not in client.get(reverse("events:calendar")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is invalidated
        partner_items.accept_item(event=lecture, by=team_member)
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Lezing: meertaligheid in de klas" in page
    assert "van Stad Leuven – Dienst Onderwijs" in page
    assert "Infoavond inschrijvingen" not in page


@pytest.mark.django_db
def test_a_trusted_feed_publishes_at_once(server, partner, client):
    feed = _feed(partner, server.serve("/kalender.ics", GOOD), trusted=True)
    assert partner_feeds.import_feed(feed, now=NOW).ok
    events = Event.objects.filter(source_feed=feed)
    assert events.count() == 3
    assert all(e.is_published and e.review == Event.Review.ACCEPTED for e in events)
    assert "Workshop STEM" in client.get(reverse("events:calendar")).content.decode()


@pytest.mark.django_db
def test_repeating_items_are_expanded_one_row_per_occurrence(server, partner):
    weekly = vevent(
        "intervisie@leuven.example", "Intervisie zorgcoördinatoren", 3, "RRULE:FREQ=WEEKLY;COUNT=4"
    )
    feed = _feed(partner, server.serve("/reeks.ics", ical(weekly)))
    assert partner_feeds.import_feed(feed, now=NOW).ok
    events = list(Event.objects.filter(source_feed=feed).order_by("starts_at"))
    assert len(events) == 4
    assert len({e.source_uid for e in events}) == 4
    assert all(e.source_uid.startswith("intervisie@leuven.example#") for e in events)
    gaps = {(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(events)}
    assert gaps == {7}
    assert len({e.slug for e in events}) == 4


@pytest.mark.django_db
def test_a_second_import_adds_nothing(server, partner):
    weekly = vevent("reeks@leuven.example", "Reeks", 3, "RRULE:FREQ=WEEKLY;COUNT=3")
    feed = _feed(partner, server.serve("/kalender.ics", ical(weekly, *GOOD.split("\r\n")[3:-2])))
    first = partner_feeds.import_feed(feed, now=NOW)
    assert first.ok and len(first.created) == 6
    before, entries = _snapshot(feed), AuditEntry.objects.count()
    second = partner_feeds.import_feed(feed, now=NOW + datetime.timedelta(hours=6))
    assert second.ok and not second.changed
    assert _snapshot(feed) == before
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_changes_and_cancellations_are_followed(server, partner, team_member):
    path = "/kalender.ics"
    feed = _feed(partner, server.serve(path, GOOD))
    partner_feeds.import_feed(feed, now=NOW)
    by_uid = {e.source_uid: e for e in Event.objects.filter(source_feed=feed)}
    lecture, evening, workshop = (
        by_uid["lezing-1@leuven.example"],
        by_uid["infoavond@leuven.example"],
        by_uid["workshop@leuven.example"],
    )
    partner_items.accept_item(
        event=lecture, by=team_member, values={"target_audience": "Leraren secundair"}
    )
    partner_items.accept_item(event=workshop, by=team_member)
    # The partner moves and renames the lecture, cancels the workshop, drops the evening.
    server.serve(
        path,
        ical(
            vevent(
                "lezing-1@leuven.example",
                "Lezing: meertaligheid (nieuwe datum)",
                12,
                "LOCATION:Stadhuis Leuven\\, Grote Markt 9",
                "URL:https://leuven.example/lezing-meertaligheid",
                "DESCRIPTION:Een avond over meertaligheid.",
            ),
            vevent("workshop@leuven.example", "Workshop STEM", 30, "STATUS:CANCELLED"),
        ),
    )
    result = partner_feeds.import_feed(feed, now=NOW + datetime.timedelta(hours=6))
    assert result.ok, result.error
    lecture.refresh_from_db()
    assert lecture.title == "Lezing: meertaligheid (nieuwe datum)"
    assert timezone.localdate(lecture.starts_at) == timezone.localdate(
        NOW + datetime.timedelta(days=12)
    )
    assert lecture.review == Event.Review.ACCEPTED and lecture.is_published  # stays accepted
    assert lecture.target_audience == "Leraren secundair"  # the team's own field is kept
    workshop.refresh_from_db()
    assert not workshop.is_published  # cancelled: off the calendar, the accepted row kept
    assert workshop.review == Event.Review.ACCEPTED
    assert not Event.objects.filter(pk=evening.pk).exists()  # gone, and nobody had accepted it
    # The partner restores the workshop: it comes back, accepted as it was.
    server.serve(path, ical(vevent("workshop@leuven.example", "Workshop STEM", 30)))
    partner_feeds.import_feed(feed, now=NOW + datetime.timedelta(hours=12))
    workshop.refresh_from_db()
    assert workshop.is_published
    lecture.refresh_from_db()
    assert not lecture.is_published  # gone from the feed now


@pytest.mark.django_db
def test_a_declined_item_is_not_proposed_again(server, partner, team_member):
    feed = _feed(partner, server.serve("/kalender.ics", GOOD))
    partner_feeds.import_feed(feed, now=NOW)
    workshop = Event.objects.get(source_feed=feed, source_uid="workshop@leuven.example")
    partner_items.decline_item(event=workshop, reason="Geen onderwijs", by=team_member)
    partner_feeds.import_feed(feed, now=NOW + datetime.timedelta(hours=6))
    workshop.refresh_from_db()
    assert workshop.review == Event.Review.DECLINED and not workshop.is_published
    assert Event.objects.filter(source_feed=feed, source_uid=workshop.source_uid).count() == 1


@pytest.mark.django_db
def test_a_title_with_a_newline_breaks_nothing(server, partner, client):
    item = vevent("nl@leuven.example", "Eerste regel\\nTweede regel", 5, "DESCRIPTION:a\\nb")
    feed = _feed(partner, server.serve("/kalender.ics", ical(item)), trusted=True)
    assert partner_feeds.import_feed(feed, now=NOW).ok
    event = Event.objects.get(source_feed=feed)
    assert event.title == "Eerste regel Tweede regel"
    assert event.description == "a\nb"
    assert client.get(reverse("events:calendar")).status_code == 200
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 200
    assert client.get(reverse("event_ics", args=[event.slug])).status_code == 200


# --- A bad feed changes nothing --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "kind", "body", "words"),
    [
        (200, "text/html", "<!doctype html><title>Kalender</title>", "geen iCal"),
        (200, "text/calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n", "kapot"),
        (404, "text/plain", "Not found", "404"),
        (500, "text/plain", "Oops", "500"),
    ],
)
def test_a_bad_feed_after_a_good_import_changes_nothing(
    server, partner, team_member, status, kind, body, words
):
    path = "/kalender.ics"
    feed = _feed(partner, server.serve(path, GOOD))
    partner_feeds.import_feed(feed, now=NOW)
    lecture = Event.objects.get(source_feed=feed, source_uid="lezing-1@leuven.example")
    partner_items.accept_item(event=lecture, by=team_member)
    before = _snapshot(feed)
    server.serve(path, body, status=status, kind=kind)
    later = NOW + datetime.timedelta(hours=6)
    result = partner_feeds.import_feed(feed, now=later)
    assert not result.ok
    assert words in result.error
    feed.refresh_from_db()
    assert feed.last_error == result.error
    assert feed.last_checked_at == later
    assert feed.last_success_at == NOW  # the last good import
    assert _snapshot(feed) == before


@pytest.mark.django_db
def test_an_unreachable_or_too_large_feed_changes_nothing(server, partner):
    feed = _feed(partner, server.url("/nergens.ics"))
    server.stop()  # nobody answers any more
    result = partner_feeds.import_feed(feed, now=NOW)
    assert "niet bereikt" in result.error
    big = _Server()
    try:
        body = GOOD.replace(
            "END:VCALENDAR", "X-PADDING:" + "x" * (2 * 1024 * 1024) + "\r\nEND:VCALENDAR"
        )
        feed.url = big.serve("/groot.ics", body)
        feed.save()
        result = partner_feeds.import_feed(feed, now=NOW)
        assert "2 MB" in result.error
    finally:
        big.stop()
    assert not Event.objects.filter(source_feed=feed).exists()


@pytest.mark.django_db
def test_a_good_import_clears_the_last_error(server, partner):
    path = "/kalender.ics"
    feed = _feed(partner, server.serve(path, "nope", kind="text/plain"))
    assert not partner_feeds.import_feed(feed, now=NOW).ok
    server.serve(path, GOOD)
    assert partner_feeds.import_feed(feed, now=NOW).ok
    feed.refresh_from_db()
    assert feed.last_error == ""


# --- The team's subscriptions --------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_team_adds_a_feed_and_only_over_http(partner, team_member, teacher):
    with pytest.raises(DomainError):
        partner_feeds.add_feed(
            organisation=partner, url="https://leuven.example/k.ics", trusted=True, by=teacher
        )
    for address in ("file:///etc/passwd", "ftp://leuven.example/k.ics", "kalender"):
        with pytest.raises(partner_feeds.FeedError):
            partner_feeds.add_feed(organisation=partner, url=address, trusted=False, by=team_member)
    feed = partner_feeds.add_feed(
        organisation=partner, url="webcal://leuven.example/k.ics", trusted=False, by=team_member
    )
    assert feed.url == "https://leuven.example/k.ics"
    with pytest.raises(partner_feeds.FeedError):
        partner_feeds.add_feed(
            organisation=partner, url="https://leuven.example/k.ics", trusted=False, by=team_member
        )
    assert PartnerFeed.objects.count() == 1
    assert AuditEntry.objects.filter(action="partnerfeed.created").count() == 1


@pytest.mark.django_db
def test_the_team_page_shows_the_error_and_imports_now(server, partner, team_member, client_of):
    path = "/kalender.ics"
    feed = _feed(partner, server.serve(path, "<html>nee</html>", kind="text/html"))
    team = client_of(team_member)
    team.post(reverse("events:import_partner_feed", args=[feed.pk]))
    page = team.get(reverse("events:partner_feeds")).content.decode()
    assert "geen iCal" in page
    assert "geen iCal" in team.get(reverse("events:partner_items")).content.decode()
    server.serve(path, GOOD)
    team.post(reverse("events:import_partner_feed", args=[feed.pk]))
    assert Event.objects.filter(source_feed=feed).count() == 3
    team.post(reverse("events:change_partner_feed", args=[feed.pk]), {"change": "trust"})
    feed.refresh_from_db()
    assert feed.is_trusted
    team.post(reverse("events:change_partner_feed", args=[feed.pk]), {"change": "deactivate"})
    feed.refresh_from_db()
    assert not feed.is_active


@pytest.mark.django_db
def test_the_feed_pages_are_the_teams_only(server, partner, client_of, school_contact):
    feed = _feed(partner, server.serve("/kalender.ics", GOOD))
    client = client_of(school_contact)
    assert client.get(reverse("events:partner_feeds")).status_code == 404
    assert client.post(reverse("events:import_partner_feed", args=[feed.pk])).status_code == 404
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_the_command_imports_every_active_feed(server, partner):
    active = _feed(partner, server.serve("/a.ics", GOOD))
    other = make_organisation(name="UCLL Lerarenopleiding", kind="higher_education")
    stopped = PartnerFeed.objects.create(
        organisation=other, url=server.serve("/b.ics", GOOD), is_active=False
    )
    call_command("import_partner_feeds", verbosity=0)
    assert Event.objects.filter(source_feed=active).count() == 3
    assert not Event.objects.filter(source_feed=stopped).exists()
