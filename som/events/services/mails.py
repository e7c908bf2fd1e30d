"""The registration's mails, queued with the registration (a transactional outbox), and the
reminders two days before an event."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from som.events.models import Registration
from som.events.tasks import mail_registration_task


def _send_confirmation(registration: Registration, *, promoted: bool = False) -> None:
    if not registration.is_walk_in:
        _enqueue_mail(registration, "promoted" if promoted else registration.status)


# The mail that confirms a cancellation, by its reason: a place released by the no-show loop
# (`services.reconfirmation`) is told kindly, with the way back to the waiting list.
_CANCEL_MAILS: dict[str, str] = {
    Registration.CancelReason.PERSON: "cancelled",
    Registration.CancelReason.CONTACT: "cancelled",
    Registration.CancelReason.TEAM: "cancelled",
    Registration.CancelReason.NOT_RECONFIRMED: "released",
    Registration.CancelReason.OFFER_EXPIRED: "offer_expired",
}


def _send_cancellation(registration: Registration, reason: str) -> None:
    kind = _CANCEL_MAILS.get(reason)
    if kind is not None and not registration.is_walk_in:
        _enqueue_mail(registration, kind)


def _enqueue_mail(registration: Registration, kind: str) -> None:
    """Queue the mail with the registration: with the database task backend (production's) the
    task's row is written in the same transaction, so a registration never commits without its
    mail, nor a mail without its registration (a transactional outbox). A backend that runs the
    task at once (development, the tests) runs it after the commit, so nothing is mailed about
    a registration rolled back."""
    registration_id, language = registration.pk, registration.person.language

    def enqueue() -> None:
        mail_registration_task.enqueue(
            registration_id=registration_id, kind=kind, language=language
        )

    if isinstance(mail_registration_task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Two days before an event, remind everybody registered (once), with the cancel link."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        offer_expires_at__isnull=True,  # an offered place is not theirs yet
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=2),
    ).select_related("person")
    count = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not updated:
                continue
            _enqueue_mail(registration, "reminder")
            count += 1
    return count
