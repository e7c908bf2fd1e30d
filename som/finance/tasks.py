from django.conf import settings
from django_tasks import task

from som.core.mail import send_mail
from som.finance.documents import invoice_pdf
from som.finance.models import Invoice
from som.finance.payment_codes import formatted


@task()
def mail_invoice_task(*, invoice_id: int, language: str, reminder: bool) -> None:
    """Mail the invoice (or a reminder) with its PDF attached."""
    invoice = Invoice.objects.get(pk=invoice_id)
    send_mail(
        to=[invoice.holder_email],
        template="finance/mail/invoice_reminder" if reminder else "finance/mail/invoice",
        context={
            "invoice": invoice,
            "structured_reference": formatted(invoice.structured_reference),
            "iban": settings.SOM_IBAN,
            "reminder_number": invoice.reminders_sent,
        },
        language=language,
        attachments=[
            (f"factuur-{invoice.number}.pdf", invoice_pdf(invoice, language), "application/pdf")
        ],
    )
