"""Mails: one way to write them and one way to send them.

A mail is a pair of templates, `<template>_subject.txt` and `<template>_body.txt`, rendered in the
recipient's language. `send_mail_on_commit` queues it after the transaction commits (a task takes
plain data, never model instances); a task that builds its own context (an invoice with its PDF, a
ticket with its QR code) calls `send_mail` itself.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

# (file name, content, content type)
Attachment = tuple[str, bytes, str]


def render_mail(template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """The subject (on one line) and the body of the mail in `language`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body


def build_mail(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str,
    reply_to: list[str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    subject, body = render_mail(template, context, language)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    for name, content, content_type in attachments:
        message.attach(name, content, content_type)
    return message


def send_mail(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str,
    reply_to: list[str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Render and send now (from a task)."""
    build_mail(
        to=to,
        template=template,
        context=context,
        language=language,
        reply_to=reply_to,
        attachments=attachments,
    ).send()


def send_mail_on_commit(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str = "nl",
    reply_to: list[str] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them,
    through a task, once the transaction commits.

    The context must be JSON-serialisable (tasks take plain data, never model instances).
    `reply_to` is for a visitor's address: a reply goes to them, while the mail itself only ever
    goes to addresses the platform chose.
    """
    from som.core.tasks import send_mail_task

    kwargs: dict[str, Any] = {"reply_to": reply_to} if reply_to else {}
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            to=to, template=template, context=context, language=language, **kwargs
        )
    )
