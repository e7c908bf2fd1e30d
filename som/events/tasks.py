import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from som.core.mail import Attachment, send_mail
from som.events import calendar
from som.events.links import cancel_token, place_token
from som.events.models import Event, Registration


def _context(registration: Registration) -> dict[str, object]:
    event = registration.event
    return {
        "name": registration.person.get_short_name(),
        "event": event.title,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "venue": ", ".join(part for part in [event.venue_name, event.venue_address] if part),
        "online_url": event.online_url,
        "basis_reason": registration.basis_reason,  # in the mail's language
        "status": registration.status,
        **_registered_by(registration),
    }


def _registered_by(registration: Registration) -> dict[str, str]:
    """Who registered the person, when it was somebody else (their school's contact person, or
    the team): the mail names them, so a colleague knows why a ticket arrives and whom to ask."""
    by = registration.registered_by
    if by is None or by.pk == registration.person_id:
        return {}
    return {"registered_by": by.full_name or by.email, "registered_by_email": by.email}


def _qr_png(registration: Registration) -> bytes:
    """The ticket's QR code as a picture, for phones that show attachments offline too."""
    buffer = io.BytesIO()
    segno.make_qr(registration.ticket_code, error="m").save(buffer, kind="png", scale=8, border=3)
    return buffer.getvalue()


def _place_links(registration: Registration, site: str) -> dict[str, object]:
    """The reconfirmation's and the offer's one-tap links and their moments (local time)."""
    from som.events.services import reconfirmation  # services enqueues this module's task

    place_url = site + reverse("events:place", kwargs={"token": place_token(registration)})
    offer_until = registration.offer_expires_at
    return {
        "place_url": place_url,
        "release_url": place_url + "?do=release",
        "rejoin_url": place_url + "?do=rejoin",
        "event_url": site + reverse("events:detail", kwargs={"slug": registration.event.slug}),
        "deadline": timezone.localtime(reconfirmation.deadline(registration.event)),
        "offer_until": timezone.localtime(offer_until) if offer_until else None,
    }


def _cancelled_by(registration: Registration) -> dict[str, object]:
    """Who cancelled (the "cancelled" mail): the person, their contact person (named, from the
    audit entry of the cancellation), or the team."""
    from som.core import audit

    reason = registration.cancel_reason
    found: dict[str, object] = {"cancel_reason": reason}
    if reason == Registration.CancelReason.CONTACT:
        entry = audit.entries_for(registration).filter(action="registration.cancelled").first()
        actor = entry.actor if entry is not None else None
        if actor is not None:
            found |= {"cancelled_by": actor.full_name or actor.email}
    return found


@task()
def mail_registration_task(*, registration_id: int, kind: str, language: str) -> None:
    """Mail a registration's news: registered (with the ticket), waiting, promoted, reminder;
    the no-show loop's reconfirm_request, reconfirm_warning, released, offer, offer_expired
    (`services.reconfirmation`), without the ticket: the place is not certain yet, or gone."""
    registration = Registration.objects.select_related("event", "person", "registered_by").get(
        pk=registration_id
    )
    site = settings.SITE_URL.rstrip("/")
    with translation.override(language):
        context = {
            **_context(registration),
            "kind": kind,
            "ticket_url": site
            + reverse("events:ticket", kwargs={"code": registration.ticket_code}),
            "cancel_url": site
            + reverse("events:cancel_link", kwargs={"token": cancel_token(registration)}),
            "programme": list(registration.event.programme.all()),
            **_place_links(registration, site),
            **(_cancelled_by(registration) if kind == "cancelled" else {}),
        }
    attachments: list[Attachment] = []
    if kind in {"registered", "promoted", "reminder"}:
        slug = registration.event.slug
        attachments = [
            (f"ticket-{slug}.png", _qr_png(registration), "image/png"),
            (f"{slug}.ics", calendar.single(registration.event), "text/calendar"),
        ]
    send_mail(
        to=[registration.person.email],
        template=f"events/mail/{kind}",
        context=context,
        language=language,
        attachments=attachments,
    )


# The next events a "we missed you" mail points to.
NEXT_EVENTS = 3


@task()
def mail_follow_up_task(*, registration_id: int, kind: str, language: str) -> None:
    """Mail after the event (`services.follow_up`): kind "thank_you" to those who came, with the
    materials and the event's page; "missed_you" to those who did not, with the next events. The
    text written for the event, or the standard one in the person's language."""
    registration = Registration.objects.select_related("event", "person").get(pk=registration_id)
    event = registration.event
    site = settings.SITE_URL.rstrip("/")
    own_text = event.thank_you_text if kind == "thank_you" else event.missed_you_text
    now = timezone.now()
    with translation.override(language):
        next_events = [
            {
                "title": upcoming.title,
                "starts_at": timezone.localtime(upcoming.starts_at),
                "url": site + reverse("events:detail", kwargs={"slug": upcoming.slug}),
            }
            for upcoming in Event.objects.filter(is_published=True, starts_at__gt=now)
            .exclude(pk=event.pk)
            .order_by("starts_at", "pk")[:NEXT_EVENTS]
        ]
        context = {
            "name": registration.person.get_short_name(),
            "event": event.title,
            "starts_at": timezone.localtime(event.starts_at),
            "own_text": own_text.strip(),
            "materials_url": event.materials_url,
            "event_url": site + reverse("events:detail", kwargs={"slug": event.slug}),
            "calendar_url": site + reverse("events:calendar"),
            "next_events": next_events,
        }
    send_mail(
        to=[registration.person.email],
        template=f"events/mail/{kind}",
        context=context,
        language=language,
    )
