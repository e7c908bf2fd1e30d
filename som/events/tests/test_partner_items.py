"""Partners' items in the calendar: who may propose one, what a bad proposal answers, the team's
acceptance (with edits) and its reasoned decline, the mails, and the public calendar that never
shows an item before the team accepted it."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from som.core.errors import DomainError
from som.core.models import AuditEntry
from som.events import selectors
from som.events.models import Event
from som.events.services import partner_items
from som.network.models import Speerpunt


def _values(**overrides):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    values = {
        "title": "Studiedag: lezen in de klas",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "venue_name": "Hogeschoolcampus Proximus",
        "venue_address": "Geldenaaksebaan 335, 3001 Heverlee",
        "external_url": "https://www.ucll.example/studiedag-lezen",
        "summary": "Een namiddag over begrijpend lezen.",
        "description": "",
        "target_audience": "Leraren lager onderwijs",
        "image_alt": "",
    }
    values.update(overrides)
    return values


def _photo(kind="JPEG", name="affiche.jpg", with_gps=True):
    picture = Image.new("RGB", (40, 30), (200, 120, 40))
    out = io.BytesIO()
    if kind == "JPEG" and with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {2: (50.0, 52.0, 44.0)}  # GPSInfo: a latitude
        picture.save(out, kind, exif=exif)
    else:
        picture.save(out, kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _submit(person, organisation, **overrides):
    image = overrides.pop("image", None)
    return partner_items.submit_item(
        values=_values(**overrides), organisation=organisation, by=person, image=image
    )


# --- Who may propose -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_of_an_organisation_proposes_an_unpublished_partner_item(teacher, school):
    event = _submit(teacher, school)
    event.refresh_from_db()
    assert event.kind == Event.Kind.EXTERNAL
    assert event.review == Event.Review.SUBMITTED
    assert not event.is_published
    assert event.organiser == school
    assert event.submitted_by == teacher
    assert not event.takes_registrations
    assert AuditEntry.objects.filter(action="event.submitted", object_id=str(event.pk)).exists()


@pytest.mark.django_db
def test_the_team_is_mailed_a_new_proposal(teacher, school, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = _submit(teacher, school)
    team_mails = [m for m in mail.outbox if m.to == [settings.SOM_TEAM_EMAIL]]
    assert len(team_mails) == 1
    assert event.title in team_mails[0].subject
    assert "Basisschool De Linde" in team_mails[0].body
    assert f"/{event.pk}/" in team_mails[0].body  # the link to review it


@pytest.mark.django_db
def test_somebody_of_another_organisation_may_not_propose_for_it(outsider, school):
    with pytest.raises(partner_items.PartnerItemError) as refused:
        _submit(outsider, school)
    assert refused.value.code == "not_allowed"
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_person_without_an_organisation_may_not_propose(expert, school):
    assert partner_items.organisations_for(expert) == []
    with pytest.raises(partner_items.PartnerItemError):
        _submit(expert, school)
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_verified_address_of_the_organisations_domain_is_enough(school):
    """De Linde's domain is delinde.be: its people are recognised without an affiliation."""
    from som.network.tests.factories import make_person

    person = make_person(email="directie@delinde.be", full_name="Dirk Directie")
    assert school in partner_items.organisations_for(person)
    assert _submit(person, school).organiser == school


# --- Bad input: a message, nothing saved -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"title": "   "}, "title"),
        ({"external_url": ""}, "link"),
        ({"external_url": "javascript:alert(1)"}, "link"),
        ({"starts_at": timezone.now() - datetime.timedelta(days=3)}, "over"),
    ],
)
def test_a_bad_proposal_is_refused_with_a_message_and_nothing_is_saved(
    teacher, school, overrides, words
):
    values = _values(**overrides)
    if "starts_at" in overrides:
        values["ends_at"] = values["starts_at"] + datetime.timedelta(hours=1)
    mail.outbox.clear()
    with pytest.raises(partner_items.PartnerItemError) as refused:
        partner_items.submit_item(values=values, organisation=school, by=teacher)
    assert refused.value.message
    assert not Event.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_item_that_ends_before_it_starts_is_refused(teacher, school):
    starts = timezone.now() + datetime.timedelta(days=5)
    with pytest.raises(partner_items.PartnerItemError, match="eindigt voor"):
        _submit(teacher, school, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1))
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_title_on_several_lines_becomes_one_line(teacher, school):
    event = _submit(teacher, school, title="Studiedag\nlezen\r\n  in de klas")
    assert event.title == "Studiedag lezen in de klas"


@pytest.mark.django_db
def test_the_image_is_kept_without_its_exif_data(teacher, school, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = _submit(teacher, school, image=_photo(), image_alt="De affiche van de studiedag")
    with Image.open(event.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert event.image.name.endswith(".jpg")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("affiche.jpg", b"%PDF-1.4 not an image"), "geen afbeelding"),
        (SimpleUploadedFile("affiche.png", b""), "leeg"),
        (SimpleUploadedFile("groot.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1)), "5 MB"),
    ],
)
def test_a_file_that_is_not_a_small_image_is_refused(
    teacher, school, upload, words, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(partner_items.PartnerItemError, match=words) as refused:
        _submit(teacher, school, image=upload, image_alt="Een affiche")
    assert refused.value.code == "image"
    assert not Event.objects.exists()
    assert not list(tmp_path.rglob("*"))


@pytest.mark.django_db
def test_an_image_needs_a_description(teacher, school, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(partner_items.PartnerItemError, match="afbeelding"):
        _submit(teacher, school, image=_photo())
    assert not Event.objects.exists()


# --- The team's review -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_team_accepts_with_edits_and_the_item_is_published(
    teacher, school, team_member, django_capture_on_commit_callbacks
):
    event = _submit(teacher, school)
    speerpunt = Speerpunt.objects.order_by("position")[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = partner_items.accept_item(
            event=event,
            by=team_member,
            values={"title": "Studiedag begrijpend lezen", "target_audience": "Leraren en zorg"},
            speerpunten=[speerpunt],
        )
    accepted.refresh_from_db()
    assert accepted.review == Event.Review.ACCEPTED
    assert accepted.is_published
    assert accepted.title == "Studiedag begrijpend lezen"
    assert list(accepted.speerpunten.all()) == [speerpunt]
    entry = AuditEntry.objects.get(action="event.accepted", object_id=str(event.pk))
    assert entry.changes["title"] == ["Studiedag: lezen in de klas", "Studiedag begrijpend lezen"]
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert "Studiedag begrijpend lezen" in mail.outbox[0].subject


@pytest.mark.django_db
def test_only_the_team_reviews(teacher, school, school_contact):
    event = _submit(teacher, school)
    with pytest.raises(DomainError):
        partner_items.accept_item(event=event, by=school_contact)
    with pytest.raises(DomainError):
        partner_items.decline_item(event=event, reason="Nee", by=teacher)
    event.refresh_from_db()
    assert event.review == Event.Review.SUBMITTED and not event.is_published


@pytest.mark.django_db
def test_a_decline_needs_a_reason_and_mails_it(
    teacher, school, team_member, django_capture_on_commit_callbacks
):
    event = _submit(teacher, school)
    with pytest.raises(partner_items.PartnerItemError) as refused:
        partner_items.decline_item(event=event, reason="  \n ", by=team_member)
    assert refused.value.code == "reason_missing"
    event.refresh_from_db()
    assert event.review == Event.Review.SUBMITTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partner_items.decline_item(
            event=event,
            reason="Dit gaat over een betalende opleiding buiten Leuven.",
            by=team_member,
        )
    event.refresh_from_db()
    assert event.review == Event.Review.DECLINED
    assert not event.is_published
    assert event.review_note == "Dit gaat over een betalende opleiding buiten Leuven."
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert "betalende opleiding buiten Leuven" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="event.declined", object_id=str(event.pk)).exists()
    with pytest.raises(partner_items.PartnerItemError):
        partner_items.accept_item(event=event, by=team_member)  # declined: not waiting any more


@pytest.mark.django_db
def test_a_bad_edit_while_accepting_changes_nothing(teacher, school, team_member):
    event = _submit(teacher, school)
    with pytest.raises(partner_items.PartnerItemError):
        partner_items.accept_item(event=event, by=team_member, values={"external_url": ""})
    event.refresh_from_db()
    assert event.review == Event.Review.SUBMITTED and not event.is_published
    assert event.external_url


# --- The calendar --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_public_calendar_shows_an_item_only_once_accepted(
    client, teacher, school, team_member, django_capture_on_commit_callbacks
):
    event = _submit(teacher, school)
    assert event not in selectors.calendar_events()
    assert event.title not in client.get(reverse("events:calendar")).content.decode()
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is invalidated
        partner_items.accept_item(event=event, by=team_member)
    page = client.get(reverse("events:calendar")).content.decode()
    assert event.title in page
    assert "van Basisschool De Linde" in page
    detail = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "van Basisschool De Linde" in detail
    assert event.external_url in detail


@pytest.mark.django_db
def test_a_declined_item_stays_off_the_calendar(client, teacher, school, team_member):
    event = _submit(teacher, school)
    partner_items.decline_item(event=event, reason="Geen onderwijs", by=team_member)
    assert event.title not in client.get(reverse("events:calendar")).content.decode()


@pytest.mark.django_db
def test_the_image_is_served_with_its_alt_text_once_accepted(
    client, client_of, teacher, school, team_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = _submit(teacher, school, image=_photo(), image_alt="De affiche van de studiedag")
    image_url = reverse("events:image", args=[event.slug])
    assert client.get(image_url).status_code == 404  # not accepted yet
    assert client_of(teacher).get(image_url).status_code == 200  # their own proposal
    partner_items.accept_item(event=event, by=team_member)
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    page = client.get(reverse("events:calendar")).content.decode()
    assert f'src="{image_url}" alt="De affiche van de studiedag"' in page


# --- The pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_partner_proposes_through_the_form_and_sees_its_state(
    client_of, teacher, school, team_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_of(teacher)
    url = reverse("events:propose")
    page = client.get(url)
    assert page.status_code == 200
    day = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "organisation": school.pk,
        "title": "Open lesdag wiskunde",
        "day": day.isoformat(),
        "starts": "14:00",
        "ends": "16:30",
        "venue_name": "De Linde",
        "external_url": "https://delinde.example/open-lesdag",
        "target_audience": "Leraren wiskunde",
        "image": _photo(),
        "image_alt": "Kinderen aan het rekenen",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    event = Event.objects.get(title="Open lesdag wiskunde")
    assert timezone.localtime(event.starts_at).hour == 14
    assert event.image
    mine = client.get(url).content.decode()
    assert "Open lesdag wiskunde" in mine and "wacht op het team" in mine
    partner_items.decline_item(event=event, reason="Valt samen met de netwerkdag.", by=team_member)
    mine = client.get(url).content.decode()
    assert "Valt samen met de netwerkdag." in mine


@pytest.mark.django_db
def test_a_bad_form_answers_400_with_the_message_and_saves_nothing(client_of, teacher, school):
    data = {
        "organisation": school.pk,
        "title": "Open lesdag",
        "day": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "starts": "14:00",
        "ends": "13:00",
        "external_url": "https://delinde.example/x",
        "image": SimpleUploadedFile("a.jpg", b"not an image at all"),
        "image_alt": "x",
    }
    response = client_of(teacher).post(reverse("events:propose"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "geen afbeelding" in body.lower() or "not an image" in body.lower()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_without_an_organisation_the_page_explains_who_may(client_of, expert):
    page = client_of(expert).get(reverse("events:propose"))
    assert page.status_code == 200
    assert b'<form method="post" enctype' not in page.content


@pytest.mark.django_db
def test_the_team_reviews_from_its_pages(client_of, teacher, school, team_member):
    event = _submit(teacher, school)
    team = client_of(team_member)
    listing = team.get(reverse("events:partner_items")).content.decode()
    assert event.title in listing
    review = team.get(reverse("events:partner_item", args=[event.pk]))
    assert review.status_code == 200
    local = timezone.localtime(event.starts_at)
    response = team.post(
        reverse("events:partner_item", args=[event.pk]),
        {
            "title": "Studiedag lezen (aangepast)",
            "day": local.date().isoformat(),
            "starts": local.strftime("%H:%M"),
            "ends": timezone.localtime(event.ends_at).strftime("%H:%M"),
            "venue_name": event.venue_name,
            "external_url": event.external_url,
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_published and event.title == "Studiedag lezen (aangepast)"


@pytest.mark.django_db
def test_the_team_declines_from_its_page_and_an_empty_reason_is_refused(
    client_of, teacher, school, team_member
):
    event = _submit(teacher, school)
    team = client_of(team_member)
    url = reverse("events:decline_partner_item", args=[event.pk])
    team.post(url, {"reason": ""})
    event.refresh_from_db()
    assert event.review == Event.Review.SUBMITTED
    team.post(url, {"reason": "Buiten Leuven"})
    event.refresh_from_db()
    assert event.review == Event.Review.DECLINED


@pytest.mark.django_db
def test_the_review_pages_are_the_teams_only(client_of, teacher, school):
    event = _submit(teacher, school)
    client = client_of(teacher)
    assert client.get(reverse("events:partner_items")).status_code == 404
    assert client.get(reverse("events:partner_item", args=[event.pk])).status_code == 404
    assert client.post(reverse("events:accept_partner_item", args=[event.pk])).status_code == 404
    event.refresh_from_db()
    assert not event.is_published


@pytest.mark.django_db
def test_the_calendar_links_the_form_and_the_team_home_links_the_review(
    client, client_of, team_member
):
    assert reverse("events:propose") in client.get(reverse("events:calendar")).content.decode()
    home = client_of(team_member).get(reverse("reports:team_home")).content.decode()
    assert reverse("events:partner_items") in home
    assert reverse("events:partner_feeds") in home
