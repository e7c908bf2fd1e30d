"""The demo's mailbox: an e-mail backend that keeps every message in the database instead of
sending it, and the reading of a kept message for the mailbox page (som/demo/views.py).

Nobody reads the demo's addresses, yet a newcomer needs its mails: the code that finishes a login
by code, a colleague's ticket to scan at the door, the invitation to co-author a proposal. With
SOM_ENV=demo, settings.EMAIL_BACKEND is this backend; `load_demo` uses it whatever the
environment, so the demo's own mails never go out.

A message is kept whole (its RFC 5322 bytes, attachments included) and read back with the
standard library's e-mail parser, so the page shows what a mail client would.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage as ParsedMessage
from email.utils import getaddresses
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from som.demo.models import SentMail


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        kept = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            SentMail.objects.create(
                from_email=message.from_email or "",
                recipients="\n".join(address.lower() for address in recipients),
                subject=str(message.subject)[:500],
                message=message.message().as_bytes(linesep="\r\n"),
            )
            kept += 1
        return kept


@dataclass(frozen=True)
class Attachment:
    number: int
    filename: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type in {"image/png", "image/jpeg", "image/gif"}


@dataclass(frozen=True)
class ReadMail:
    """A kept mail as its recipient reads it: the headers, the text and the attachments."""

    mail: SentMail
    from_header: str
    to: list[str]
    cc: list[str]
    subject: str
    text: str
    attachments: list[Attachment]


def _parsed(mail: SentMail) -> ParsedMessage:
    parsed = message_from_bytes(bytes(mail.message), policy=policy.default)
    assert isinstance(parsed, ParsedMessage)
    return parsed


def _parts(parsed: ParsedMessage) -> list[ParsedMessage]:
    return [part for part in parsed.iter_attachments() if isinstance(part, ParsedMessage)]


def read(mail: SentMail) -> ReadMail:
    parsed = _parsed(mail)
    body = parsed.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    attachments = []
    for number, part in enumerate(_parts(parsed)):
        payload: Any = part.get_payload(decode=True) or b""
        attachments.append(
            Attachment(
                number=number,
                filename=part.get_filename() or f"attachment-{number + 1}",
                content_type=part.get_content_type(),
                size=len(payload),
            )
        )
    return ReadMail(
        mail=mail,
        from_header=str(parsed.get("From", mail.from_email)),
        to=[address for _name, address in getaddresses(parsed.get_all("To", []))],
        cc=[address for _name, address in getaddresses(parsed.get_all("Cc", []))],
        subject=str(parsed.get("Subject", mail.subject)),
        text=text,
        attachments=attachments,
    )


def attachment(mail: SentMail, number: int) -> tuple[Attachment, bytes] | None:
    """The attachment numbered `number` (0 first) and its bytes, or None."""
    parts = _parts(_parsed(mail))
    if not 0 <= number < len(parts):
        return None
    part = parts[number]
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    return (
        Attachment(
            number=number,
            filename=part.get_filename() or f"attachment-{number + 1}",
            content_type=part.get_content_type(),
            size=len(data),
        ),
        data,
    )
