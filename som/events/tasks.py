import io

import segno
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from som.events import calendar
from som.events.links import cancel_token
from som.events.models import Registration


def _context(registration: Registration) -> dict[str, object]:
    event = registration.event
    return {
        "name": registration.person.get_short_name(),
        "event": event.title,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "venue": ", ".join(part for part in [event.venue_name, event.venue_address] if part),
        "online_url": event.online_url,
        "basis_reason": _basis_reason(registration),
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


def _basis_reason(registration: Registration) -> str:
    """Why the person comes free (or pays), in the mail's language: the sentence stored with the
    registration is in the language of whoever registered, say a school contact registering a
    colleague who reads English. Said again only while the basis is the same one."""
    from som.events import services  # services enqueues this module's task

    try:
        basis, reason = services.basis_for(registration.event, registration.person)
    except services.RegistrationError:
        return registration.basis_reason
    return str(reason) if basis == registration.basis else registration.basis_reason


def _qr_png(registration: Registration) -> bytes:
    """The ticket's QR code as a picture, for phones that show attachments offline too."""
    buffer = io.BytesIO()
    segno.make_qr(registration.ticket_code, error="m").save(buffer, kind="png", scale=8, border=3)
    return buffer.getvalue()


@task()
def mail_registration_task(*, registration_id: int, kind: str, language: str) -> None:
    """Mail a registration's news: registered (with the ticket), waiting, promoted, reminder."""
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
        }
        subject = " ".join(render_to_string(f"events/mail/{kind}_subject.txt", context).split())
        body = render_to_string(f"events/mail/{kind}_body.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.person.email],
    )
    if kind in {"registered", "promoted", "reminder"}:
        message.attach(f"ticket-{registration.event.slug}.png", _qr_png(registration), "image/png")
        message.attach(
            f"{registration.event.slug}.ics", calendar.single(registration.event), "text/calendar"
        )
    message.send()
