from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from som.finance.documents import invoice_pdf
from som.finance.models import Invoice
from som.finance.payment_codes import formatted


@task()
def mail_invoice_task(*, invoice_id: int, language: str, reminder: bool) -> None:
    """Mail the invoice (or a reminder) with its PDF attached."""
    invoice = Invoice.objects.get(pk=invoice_id)
    template = "finance/mail/invoice_reminder" if reminder else "finance/mail/invoice"
    context = {
        "invoice": invoice,
        "structured_reference": formatted(invoice.structured_reference),
        "iban": settings.SOM_IBAN,
        "reminder_number": invoice.reminders_sent,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invoice.holder_email],
    )
    message.attach(
        f"factuur-{invoice.number}.pdf", invoice_pdf(invoice, language), "application/pdf"
    )
    message.send()
