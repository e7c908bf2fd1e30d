"""The invoice's PDF says what is left to do: an open invoice asks for the transfer with its
payment QR code; a paid one says paid, and when, and asks for nothing; a cancelled one too."""

import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from som.finance import documents, services
from som.finance.models import Invoice
from som.finance.tests.test_views import issue

QR = "data:image/svg+xml"


def page(invoice: Invoice, language: str = "en") -> str:
    with translation.override(language):
        return render_to_string("finance/invoice_pdf.html", documents.invoice_context(invoice))


def test_an_open_invoice_asks_for_the_transfer_with_its_qr_code(team_member, school):
    html = page(issue(team_member, organisation=school))
    assert QR in html and "Please transfer" in html and "€\xa0100.00" in html


def test_a_paid_invoice_says_paid_and_shows_no_payment_qr_code(team_member, school):
    invoice = issue(team_member, organisation=school)
    services.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=datetime.date(2026, 12, 7), by=team_member
    )
    invoice.refresh_from_db()
    html = page(invoice)
    assert QR not in html and "Please transfer" not in html
    assert "Paid on 7 December 2026" in html and "nothing left to pay" in html


def test_a_cancelled_invoice_asks_for_nothing(team_member, school):
    invoice = issue(team_member, organisation=school)
    services.cancel_invoice(invoice=invoice, reason="Dubbel verstuurd.", by=team_member)
    invoice.refresh_from_db()
    html = page(invoice)
    assert QR not in html and "Please transfer" not in html and "do not pay it" in html


def test_the_dutch_invoice_writes_amounts_with_a_decimal_comma(team_member, school):
    invoice = issue(team_member, organisation=school, amount="1250.5")
    assert "€\xa01.250,50" in page(invoice, "nl")
    assert invoice.amount == Decimal("1250.50")
