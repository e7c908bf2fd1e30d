"""The invoice mail is queued with the invoice: with the database task backend (production's) the
task's row is written in the invoice's transaction, so a crash after the commit cannot lose it and
a rolled-back invoice is never mailed."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from som.core.testing import needs_postgres
from som.finance import services
from som.finance.models import Invoice

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _invoice_and_mail(team_member, school):
    invoice = services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(name=school.name, email="contact@delinde.be", organisation=school),
        description="Test",
        amount=Decimal("100.00"),
        by=team_member,
    )
    services.mail_invoice(invoice=invoice, language="nl")
    return invoice


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_invoice_mails_task_commits_with_the_invoice_and_not_without(
    settings, team_member, school
):
    needs_postgres()
    settings.TASKS = DATABASE_TASKS

    class Crash(Exception):
        pass

    queued_before_the_commit = []

    def crash_after_queueing() -> None:
        with transaction.atomic():
            _invoice_and_mail(team_member, school)
            queued_before_the_commit.append(DBTaskResult.objects.count())
            raise Crash

    with pytest.raises(Crash):
        crash_after_queueing()
    assert queued_before_the_commit == [1]  # in the same transaction, before the commit
    assert not Invoice.objects.exists() and not DBTaskResult.objects.exists()

    with transaction.atomic():
        invoice = _invoice_and_mail(team_member, school)
    [task] = DBTaskResult.objects.all()
    assert task.task_path.endswith("mail_invoice_task")
    assert task.args_kwargs["kwargs"]["invoice_id"] == invoice.pk


def test_with_a_backend_that_runs_at_once_the_mail_leaves_after_the_commit_with_its_pdf(
    team_member, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = _invoice_and_mail(team_member, school)
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.to == ["contact@delinde.be"]
    assert invoice.number in message.subject
    [(name, content, content_type)] = message.attachments
    assert (name, content_type) == (f"factuur-{invoice.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")
