"""The invoice as people see it: its EPC QR code and its PDF."""

import segno.helpers
from django.conf import settings

from som.core.pdf import render_pdf
from som.finance.models import Invoice
from som.finance.payment_codes import epc_qr_fields, epc_qr_payload, formatted


def epc_payload(invoice: Invoice) -> str:
    """The text in the invoice's QR code, as the API shows it."""
    return epc_qr_payload(
        name=settings.SOM_LEGAL_NAME,
        iban=settings.SOM_IBAN,
        bic=settings.SOM_BIC,
        amount=invoice.amount,
        reference=invoice.structured_reference,
    )


def qr_svg_data_uri(invoice: Invoice) -> str:
    """The EPC QR code as an SVG data URI, drawn by segno's EPC helper (error correction M, at
    most version 13, as the standard asks) from the same fields as `epc_payload`."""
    fields = epc_qr_fields(
        name=settings.SOM_LEGAL_NAME,
        iban=settings.SOM_IBAN,
        bic=settings.SOM_BIC,
        amount=invoice.amount,
        reference=invoice.structured_reference,
    )
    qr = segno.helpers.make_epc_qr(**fields, encoding="utf-8")
    return str(qr.svg_data_uri(scale=4, border=2))


def invoice_context(invoice: Invoice) -> dict[str, object]:
    """A paid or cancelled invoice says so and asks for nothing: no payment QR code, no transfer."""
    payable = invoice.is_open
    return {
        "invoice": invoice,
        "payable": payable,
        "structured_reference": formatted(invoice.structured_reference),
        "qr": qr_svg_data_uri(invoice) if payable else "",
        "som_name": settings.SOM_LEGAL_NAME,
        "som_address": settings.SOM_ADDRESS,
        "som_iban": settings.SOM_IBAN,
        "som_bic": settings.SOM_BIC,
        "som_enterprise_number": settings.SOM_ENTERPRISE_NUMBER,
        "team_email": settings.SOM_TEAM_EMAIL,
    }


def invoice_pdf(invoice: Invoice, language: str = "nl") -> bytes:
    return render_pdf("finance/invoice_pdf.html", invoice_context(invoice), language)
