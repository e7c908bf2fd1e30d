"""Mails go out after the transaction commits, in the recipient's language, through a task."""

from typing import Any

from django.db import transaction

from som.core.tasks import send_mail_task


def send_mail_on_commit(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str = "nl",
    reply_to: list[str] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them.

    The context must be JSON-serialisable (tasks take plain data, never model instances).
    `reply_to` is for a visitor's address: a reply goes to them, while the mail itself only ever
    goes to addresses the platform chose.
    """
    kwargs: dict[str, Any] = {"reply_to": reply_to} if reply_to else {}
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            to=to, template=template, context=context, language=language, **kwargs
        )
    )
