"""Attendance certificates (issue 20, part 2): only for people checked in, one per registration
whatever races, the hours from the programme, who may download which, the public check page and
the PDF."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from som.accounts.models import Person
from som.core.testing import in_threads, needs_postgres
from som.events import personal_data, services
from som.events.documents import certificates as certificates_pdf
from som.events.models import Certificate, Event, ProgrammeItem, Registration
from som.events.selectors import certificates
from som.events.services import certificates as service
from som.events.services.certificates import CertificateError, hours_of, normalised_code
from som.events.tests.factories import make_event
from som.network.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)


def at(hours: float) -> datetime.datetime:
    return T0 + datetime.timedelta(hours=hours)


def url(name: str, **kwargs) -> str:
    """The English address, so the pages answer in English whatever the default language."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def make_past_event(**overrides) -> Event:
    """Held ten days ago, 13:00-17:00 in Leuven (12:00-16:00 UTC)."""
    day = timezone.localdate() - datetime.timedelta(days=10)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13, 0)))
    return make_event(
        title="Open SOM-raad",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        **overrides,
    )


def attend(event: Event, person: Person, team: Person, *, shared: bool = False) -> Registration:
    """Registered through the registration page's terms a week before, checked in at the door."""
    registration = services.register(
        event=event,
        person=person,
        now=event.starts_at - datetime.timedelta(days=7),
        shares_certificate=shared,
    )
    services.check_in(
        event=event, ticket_code=registration.ticket_code, by=team, now=event.starts_at
    )
    registration.refresh_from_db()
    return registration


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def event(db) -> Event:
    return make_past_event()


# --- The hours ------------------------------------------------------------------------------------


def test_without_a_programme_the_hours_are_the_events_own_rounded_to_a_half_hour():
    assert hours_of(event=(at(0), at(3 + 10 / 60)), sessions=[], breaks=[]) == Decimal("3")
    assert hours_of(event=(at(0), at(3 + 15 / 60)), sessions=[], breaks=[]) == Decimal("3.5")
    assert hours_of(event=(at(0), at(3 + 20 / 60)), sessions=[], breaks=[]) == Decimal("3.5")
    assert hours_of(event=(at(0), at(0)), sessions=[], breaks=[]) == Decimal("0")


def test_the_programme_counts_without_its_breaks():
    hours = hours_of(
        event=(at(0), at(8)),
        sessions=[(at(0), at(1.5)), (at(2), at(3.5))],
        breaks=[(at(1.5), at(2))],
    )
    assert hours == Decimal("3")


def test_parallel_sessions_count_once_and_a_break_inside_a_session_is_taken_out():
    hours = hours_of(
        event=(at(0), at(9)),
        sessions=[(at(0), at(8)), (at(4), at(6)), (at(5), at(6))],
        breaks=[(at(3), at(4)), (at(3.5), at(4))],
    )
    assert hours == Decimal("7")


def test_a_programme_of_breaks_only_leaves_the_event_minus_its_breaks():
    assert hours_of(event=(at(0), at(4)), sessions=[], breaks=[(at(2), at(2.5))]) == Decimal("3.5")


def test_the_events_programme_gives_the_hours(event):
    start = event.starts_at
    for kind, begin, end in [
        (ProgrammeItem.Kind.WELCOME, 0, 0.5),
        (ProgrammeItem.Kind.KEYNOTE, 0.5, 1.5),
        (ProgrammeItem.Kind.BREAK, 1.5, 2),
        (ProgrammeItem.Kind.WORKSHOP, 2, 3.25),
    ]:
        ProgrammeItem.objects.create(
            event=event,
            kind=kind,
            title=str(kind),
            starts_at=start + datetime.timedelta(hours=begin),
            ends_at=start + datetime.timedelta(hours=end),
        )
    assert service.hours_for(event) == Decimal("3")  # 2h45 rounds up to 3


# --- The code -------------------------------------------------------------------------------------


def test_the_code_is_ten_unambiguous_capitals_and_digits_in_groups():
    codes = {service.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(
            r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}", code
        )


def test_a_typed_code_is_read_as_crockford_reads_it():
    assert normalised_code("abcd efgh jk") == "ABCD-EFGH-JK"
    assert normalised_code("ABCDEFGHJK") == "ABCD-EFGH-JK"
    assert normalised_code("OIL0-0000-00") == "0110-0000-00"
    assert normalised_code("ABCD-EFGH-J") == ""
    assert normalised_code("ABCD-EFGH-JU") == ""  # U is not in the alphabet
    assert normalised_code("") == ""


# --- Issuing --------------------------------------------------------------------------------------


def test_a_certificate_states_the_facts_as_they_were_issued(event, teacher, team_member):
    registration = attend(event, teacher, team_member)
    certificate = service.issue_certificate(registration=registration, by=teacher)
    assert certificate.person_name == "Lotte Leraar"
    assert certificate.event_title == "Open SOM-raad"
    assert certificate.event_date == timezone.localdate(event.starts_at)
    assert certificate.hours == Decimal("4")
    assert certificate.organiser == settings.SOM_NETWORK_NAME
    assert certificate.issued_by == teacher
    Event.objects.filter(pk=event.pk).update(title="Renamed afterwards")
    certificate.refresh_from_db()
    assert certificate.event_title == "Open SOM-raad"


def test_the_organiser_is_the_events_own_when_it_has_one(teacher, team_member):
    event = make_past_event(organiser=make_organisation(name="Stad Leuven"))
    registration = attend(event, teacher, team_member)
    assert (
        service.issue_certificate(registration=registration, by=teacher).organiser == "Stad Leuven"
    )


def test_only_people_checked_in_get_one(event, teacher, expert, team_member):
    not_there = services.register(
        event=event, person=expert, now=event.starts_at - datetime.timedelta(days=7)
    )
    with pytest.raises(CertificateError) as error:
        service.issue_certificate(registration=not_there, by=expert)
    assert error.value.code == "not_attended"
    with pytest.raises(CertificateError):
        service.issue_certificate(registration=not_there, by=team_member)
    registration = attend(event, teacher, team_member)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    registration.refresh_from_db()
    with pytest.raises(CertificateError) as error:
        service.issue_certificate(registration=registration, by=team_member)
    assert error.value.code == "not_attended"
    assert not Certificate.objects.exists()


def test_not_before_the_event_has_started(teacher, team_member):
    starts = timezone.now() + datetime.timedelta(minutes=30)
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    registration = services.register(event=event, person=teacher)
    services.check_in(event=event, ticket_code=registration.ticket_code, by=team_member)
    registration.refresh_from_db()
    with pytest.raises(CertificateError) as error:
        service.issue_certificate(registration=registration, by=teacher)
    assert error.value.code == "not_started"
    certificate = service.issue_certificate(registration=registration, by=teacher, now=starts)
    assert certificate.code


def test_a_second_call_returns_the_same_certificate(event, teacher, team_member):
    registration = attend(event, teacher, team_member)
    first = service.issue_certificate(registration=registration, by=teacher)
    second = service.issue_certificate(registration=registration, by=team_member)
    assert (second.pk, second.code) == (first.pk, first.code)
    assert Certificate.objects.count() == 1


def test_who_may_issue(event, teacher, school_contact, outsider, team_member):
    shared = attend(event, teacher, team_member, shared=True)
    for stranger in (outsider, make_person()):
        with pytest.raises(CertificateError) as error:
            service.issue_certificate(registration=shared, by=stranger)
        assert error.value.code == "not_allowed"
    assert service.issue_certificate(registration=shared, by=school_contact).code


def test_a_contact_cannot_issue_for_staff_who_did_not_share(
    event, teacher, school_contact, team_member
):
    registration = attend(event, teacher, team_member, shared=False)
    with pytest.raises(CertificateError) as error:
        service.issue_certificate(registration=registration, by=school_contact)
    assert error.value.code == "not_allowed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_five_downloads_at_once_make_one_certificate():
    needs_postgres()
    event = make_past_event()
    person, team = make_person(), make_person(is_staff=True)
    registration = attend(event, person, team)
    codes: list[str] = []
    errors = in_threads(
        5,
        lambda _i: codes.append(
            service.issue_certificate(registration=registration, by=person).code
        ),
    )
    assert errors == []
    assert len(codes) == 5 and len(set(codes)) == 1
    assert Certificate.objects.filter(registration=registration).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_refuses_a_second_certificate_for_a_registration():
    """The guarantee behind the lock: the one-to-one constraint."""
    from django.db import IntegrityError, transaction

    event = make_past_event()
    person, team = make_person(), make_person(is_staff=True)
    registration = attend(event, person, team)
    first = service.issue_certificate(registration=registration, by=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            registration=registration,
            code="0000-0000-00",
            person_name=first.person_name,
            event_title=first.event_title,
            event_date=first.event_date,
            hours=first.hours,
            organiser=first.organiser,
        )


def test_the_team_issues_an_events_certificates_in_bulk(event, teacher, expert, team_member):
    one = attend(event, teacher, team_member)
    attend(event, expert, team_member)
    services.register(
        event=event, person=make_person(), now=event.starts_at - datetime.timedelta(days=7)
    )  # did not come
    service.issue_certificate(registration=one, by=teacher)
    issued = service.issue_for_event(event=event, by=team_member)
    assert (issued.new, issued.existing) == (1, 1)
    assert Certificate.objects.count() == 2
    again = service.issue_for_event(event=event, by=team_member)
    assert (again.new, again.existing) == (0, 2)
    with pytest.raises(CertificateError):
        service.issue_for_event(event=event, by=teacher)


def test_a_school_year_runs_from_september_to_august():
    assert certificates.school_year_of(datetime.date(2026, 8, 31)) == 2025
    assert certificates.school_year_of(datetime.date(2026, 9, 1)) == 2026
    assert certificates.school_year_of(datetime.date(2027, 1, 2)) == 2026
    assert certificates.school_year_bounds(2026) == (
        datetime.date(2026, 9, 1),
        datetime.date(2027, 8, 31),
    )
    assert certificates.school_years_offered(datetime.date(2026, 12, 31))[:2] == [2026, 2025]


# --- The attendee's pages -------------------------------------------------------------------------


def test_the_attendee_downloads_the_certificate_issued_on_first_download(
    client_of, event, teacher, team_member
):
    registration = attend(event, teacher, team_member)
    client = client_of(teacher)
    page = client.get(url("events:my_certificates"))
    assert page.status_code == 200
    assert "Open SOM-raad" in page.content.decode()
    response = client.post(url("events:issue_my_certificate", pk=registration.pk))
    certificate = Certificate.objects.get(registration=registration)
    assert response.status_code == 302
    assert response["Location"] == url("events:certificate_pdf", pk=certificate.pk)
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    text = pdf_text(pdf.content)
    assert "Lotte Leraar" in text and certificate.code in text
    client.post(url("events:issue_my_certificate", pk=registration.pk))
    assert Certificate.objects.count() == 1
    assert certificate.code in client.get(url("events:my_certificates")).content.decode()


def test_somebody_elses_registration_and_certificate_are_404(
    client_of, event, teacher, outsider, team_member
):
    registration = attend(event, teacher, team_member)
    certificate = service.issue_certificate(registration=registration, by=teacher)
    client = client_of(outsider)
    assert client.post(url("events:issue_my_certificate", pk=registration.pk)).status_code == 404
    assert client.get(url("events:certificate_pdf", pk=certificate.pk)).status_code == 404
    assert client.get(url("events:certificate_pdf", pk=certificate.pk + 1000)).status_code == 404


def test_not_checked_in_gets_a_message_and_nothing(client_of, event, teacher):
    registration = services.register(
        event=event, person=teacher, now=event.starts_at - datetime.timedelta(days=7)
    )
    response = client_of(teacher).post(
        url("events:issue_my_certificate", pk=registration.pk), follow=True
    )
    assert "Only people checked in at the event get a certificate." in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_pages_are_linked_from_my_som_and_my_registrations(
    client_of, event, teacher, team_member
):
    attend(event, teacher, team_member)
    client = client_of(teacher)
    target = url("events:my_certificates")
    with translation.override("en"):
        assert target in client.get(reverse("my_som:home")).content.decode()
        mine = client.get(reverse("events:mine")).content.decode()
    assert target in mine
    assert "Download certificate" in mine


# --- The contact person ---------------------------------------------------------------------------


def test_a_contact_gets_only_the_certificates_their_staff_shared(
    client_of, event, teacher, school, school_contact, team_member
):
    shared = attend(event, teacher, team_member, shared=True)
    colleague = make_person(full_name="Nina Niet-gedeeld", email="nina@delinde.be")
    from som.network.models import Affiliation
    from som.network.tests.factories import affiliate

    affiliate(colleague, school, Affiliation.Role.STAFF)
    private = attend(event, colleague, team_member, shared=False)
    assert private.organisation == school
    client = client_of(school_contact)
    page = client.get(url("events:staff_certificates", slug=school.slug))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lotte Leraar" in html and "Nina Niet-gedeeld" not in html
    response = client.post(
        url("events:staff_certificates_pdf", slug=school.slug),
        {"year": certificates.school_year_of(timezone.localdate(event.starts_at))},
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Lotte Leraar" in text and "Nina" not in text
    assert Certificate.objects.filter(registration=shared).exists()
    assert not Certificate.objects.filter(registration=private).exists()
    mine = service.issue_certificate(registration=private, by=colleague)
    assert client.get(url("events:certificate_pdf", pk=mine.pk)).status_code == 404


def test_the_staff_page_is_404_for_a_contact_of_another_organisation(
    client_of, event, teacher, school, outsider, team_member
):
    shared = attend(event, teacher, team_member, shared=True)
    certificate = service.issue_certificate(registration=shared, by=teacher)
    client = client_of(outsider)
    assert client.get(url("events:staff_certificates", slug=school.slug)).status_code == 404
    assert client.post(url("events:staff_certificates_pdf", slug=school.slug)).status_code == 404
    assert client.get(url("events:certificate_pdf", pk=certificate.pk)).status_code == 404
    assert (
        client_of(teacher).get(url("events:staff_certificates", slug=school.slug)).status_code
        == 404
    )


def test_the_contacts_organisation_page_links_the_certificates(client_of, school, school_contact):
    with translation.override("en"):
        html = client_of(school_contact).get(reverse("network:mine")).content.decode()
    assert url("events:staff_certificates", slug=school.slug) in html


# --- The team -------------------------------------------------------------------------------------


def test_the_team_issues_and_downloads_from_the_attendance_page(
    client_of, event, teacher, expert, team_member
):
    attend(event, teacher, team_member)
    attend(event, expert, team_member)
    client = client_of(team_member)
    page = client.get(url("events:attendance_event", pk=event.pk)).content.decode()
    assert url("events:issue_certificates", pk=event.pk) in page
    response = client.post(url("events:issue_certificates", pk=event.pk), follow=True)
    assert "2 certificates issued now" in response.content.decode()
    pdf = client.get(url("events:event_certificates_pdf", pk=event.pk))
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 2
    assert "Eva Expert" in pdf_text(pdf.content)


def test_the_team_pages_are_404_for_others(client_of, event, teacher, team_member):
    attend(event, teacher, team_member)
    client = client_of(teacher)
    assert client.post(url("events:issue_certificates", pk=event.pk)).status_code == 404
    assert client.get(url("events:event_certificates_pdf", pk=event.pk)).status_code == 404
    assert not Certificate.objects.exists()


# --- The public check -----------------------------------------------------------------------------


def test_the_check_page_shows_what_the_certificate_states_and_nothing_more(
    client, event, teacher, team_member
):
    registration = attend(event, teacher, team_member, shared=True)
    certificate = service.issue_certificate(registration=registration, by=teacher)
    response = client.get(url("certificate_check", code=certificate.code))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    for fact in ("Lotte Leraar", "Open SOM-raad", certificate.code, settings.SOM_NETWORK_NAME):
        assert fact in html
    assert "This certificate is genuine" in html
    for private in (teacher.email, "De Linde", "delinde"):
        assert private not in html
    typed = certificate.code.lower().replace("-", "")
    assert client.get(url("certificate_check", code=typed)).status_code == 200


def test_the_check_page_in_dutch_at_attest(client, event, teacher, team_member):
    certificate = service.issue_certificate(
        registration=attend(event, teacher, team_member), by=teacher
    )
    with translation.override("nl"):
        address = reverse("certificate_check", kwargs={"code": certificate.code})
    assert address == f"/attest/{certificate.code}/"
    assert client.get(address).status_code == 200


def test_a_wrong_code_is_a_clear_404(client):
    for code in ("ABCD-EFGH-JK", "nonsense", "x" * 300):
        response = client.get(url("certificate_check", code=code))
        assert response.status_code == 404
        assert "No certificate with this code" in response.content.decode()


def test_the_check_page_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "certificate_check": "2/m/ip"}
    for _ in range(2):
        assert client.get(url("certificate_check", code="ABCD-EFGH-JK")).status_code == 404
    assert client.get(url("certificate_check", code="ABCD-EFGH-JK")).status_code == 429


def test_the_pdf_states_the_check_address_in_the_holders_language(event, teacher, team_member):
    teacher.language = "en"
    teacher.save(update_fields=["language"])
    certificate = service.issue_certificate(
        registration=attend(event, teacher, team_member), by=teacher
    )
    text = pdf_text(certificates_pdf.certificates_pdf([certificate]))
    assert "Certificate of attendance" in text
    assert f"/en/certificate/{certificate.code}/" in text.replace("\n", "")
    assert timezone.localdate(event.starts_at).strftime("%-d %B %Y") in text  # European order


def test_the_pdf_in_dutch_by_default(event, expert, team_member):
    certificate = service.issue_certificate(
        registration=attend(event, expert, team_member), by=expert
    )
    text = pdf_text(certificates_pdf.certificates_pdf([certificate]))
    assert "Eva Expert" in text and certificate.code in text
    assert f"/attest/{certificate.code}/" in text.replace("\n", "")
    assert "Certificate of attendance" not in text


# --- The consent and personal data ----------------------------------------------------------------


def test_the_registration_page_states_and_records_the_consent(client_of, teacher):
    starts = timezone.now() + datetime.timedelta(days=20)
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    client = client_of(teacher)
    page = client.get(url("events:register", slug=event.slug)).content.decode()
    assert "contact person can download your attendance certificate" in page
    client.post(url("events:register", slug=event.slug))
    assert Registration.objects.get(event=event, person=teacher).certificate_shared is True


def test_a_registration_by_somebody_else_shares_nothing(teacher, school_contact):
    starts = timezone.now() + datetime.timedelta(days=20)
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    registration = services.register(event=event, person=teacher, by=school_contact)
    assert registration.certificate_shared is False


def test_certificates_are_in_the_export_and_erasure_removes_the_name_only(
    client, event, teacher, team_member
):
    certificate = service.issue_certificate(
        registration=attend(event, teacher, team_member), by=teacher
    )
    exported = personal_data.export(teacher)["attendance_certificates"]
    assert exported[0]["code"] == certificate.code
    assert exported[0]["name"] == "Lotte Leraar"
    personal_data.erase(teacher)
    certificate.refresh_from_db()
    assert certificate.person_name == ""
    html = client.get(url("certificate_check", code=certificate.code)).content.decode()
    assert "Lotte" not in html
    assert "(name removed at the holder's request)" in html
    assert "Open SOM-raad" in html


def test_the_list_pages_cost_the_same_for_one_event_as_for_three(
    client_of, teacher, school, school_contact, team_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, contact = client_of(teacher), client_of(school_contact)
    year = certificates.school_year_of(timezone.localdate() - datetime.timedelta(days=10))
    pages = [
        (client, url("events:my_certificates")),
        (contact, url("events:staff_certificates", slug=school.slug) + f"?year={year}"),
    ]

    def counts() -> list[int]:
        found = []
        for who, address in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(address).status_code == 200
            found.append(len(queries))
        return found

    first = make_past_event(slug="eerste")
    service.issue_certificate(
        registration=attend(first, teacher, team_member, shared=True), by=teacher
    )
    one = counts()
    for n in range(2):
        attend(make_past_event(slug=f"later-{n}"), teacher, team_member, shared=True)
    assert counts() == one
