from typing import Any

from django_tasks import task

from som.core import mail


@task()
def send_mail_task(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str,
    reply_to: list[str] | None = None,
) -> None:
    mail.send_mail(to=to, template=template, context=context, language=language, reply_to=reply_to)
