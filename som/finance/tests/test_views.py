"""The treasurer's pages, the invoice PDF and the import_coda command."""

import datetime
import html
import shutil
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from conftest import shared_data_or_skip
from som.finance import services
from som.finance.coda import CodaError, parse
from som.finance.models import Invoice, Payment, StatementImport
from som.finance.payment_codes import formatted
from som.finance.testing import coda_file


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """URLs reversed here carry /en/, so the pages answer in English."""
    with translation.override("en"):
        yield


def sample(name: str) -> Path:
    return shared_data_or_skip("coda") / name


def issue(team_member, *, organisation=None, person=None, amount="100.00") -> Invoice:
    holder = organisation or person
    return services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(
            name=str(holder), email="holder@example.org", organisation=organisation, person=person
        ),
        description="Lidgeld",
        amount=Decimal(amount),
        by=team_member,
    )


@pytest.fixture
def invoice(team_member, school) -> Invoice:
    return issue(team_member, organisation=school)


def pdf_url(invoice: Invoice) -> str:
    return reverse("finance:invoice_pdf", kwargs={"number": invoice.number})


# --- The invoice PDF ------------------------------------------------------------------------------


def test_the_contact_person_of_the_school_opens_its_invoice_pdf(client_of, school_contact, invoice):
    response = client_of(school_contact).get(pdf_url(invoice))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="factuur-{invoice.number}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_the_team_opens_any_invoice_pdf(client_of, team_member, invoice):
    assert client_of(team_member).get(pdf_url(invoice)).status_code == 200


def test_a_person_opens_the_pdf_of_their_own_invoice(client_of, team_member, expert):
    own = issue(team_member, person=expert)
    assert client_of(expert).get(pdf_url(own)).status_code == 200


def test_a_teacher_of_the_school_does_not_see_its_invoices(client_of, teacher, invoice):
    """Decided: staff of a member organisation are not its contact person, so its invoices are
    not theirs to see (amounts and payment status stay with the contact person and the team)."""
    assert client_of(teacher).get(pdf_url(invoice)).status_code == 404


def test_an_outsider_gets_404_for_another_schools_invoice_and_for_a_missing_one(
    client_of, outsider, invoice
):
    client = client_of(outsider)
    assert client.get(pdf_url(invoice)).status_code == 404
    missing = reverse("finance:invoice_pdf", kwargs={"number": "1999-0001"})
    assert client.get(missing).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_for_a_pdf(client, invoice):
    response = client.get(pdf_url(invoice))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- Payments and bank statements -----------------------------------------------------------------


def upload(client, data: bytes, name: str = "statement.cod"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("finance:payments"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("persona", ["school_contact", "teacher", "outsider"])
def test_only_the_team_sees_the_payments_page(client_of, persona, request):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse("finance:payments")).status_code == 404
    assert upload(client, coda_file([("gift", Decimal("5.00"))])).status_code == 404
    assert not StatementImport.objects.exists()


def test_uploading_a_statement_pays_the_invoice_and_shows_the_report(
    client_of, team_member, invoice, school
):
    under = issue(team_member, organisation=school)
    data = coda_file(
        [
            (invoice.structured_reference, Decimal("100.00")),
            (under.structured_reference, Decimal("60.00")),
            ("gift voor de labo's", Decimal("20.00")),
        ]
    )
    response = upload(client_of(team_member), data)
    assert response.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    report = response.context["report"]
    assert [p.invoice for p in report.paid] == [invoice]
    assert [p.invoice for p in report.amount_differs] == [under]
    assert len(report.unmatched) == 1
    page = response.content.decode()
    assert "Imported: statement.cod" in page
    assert "Underpaid" in page
    assert "gift voor de labo" in page


def test_a_faulty_file_shows_its_line_and_reason_and_books_nothing(
    client_of, team_member, invoice, tmp_path
):
    copy = tmp_path / "Coda_faulty_version.txt"
    shutil.copy(sample("Coda_faulty_version.txt"), copy)
    with pytest.raises(CodaError) as expected:
        parse(copy.read_bytes())
    response = upload(client_of(team_member), copy.read_bytes(), copy.name)
    assert response.status_code == 200
    assert response.context["report"] is None
    reason = f"line {expected.value.line}: {expected.value.reason}"
    assert reason in html.unescape(response.content.decode())
    assert not StatementImport.objects.exists()
    assert not Payment.objects.exists()


def test_the_same_file_twice_says_it_was_imported_before(client_of, team_member, invoice):
    client = client_of(team_member)
    data = coda_file([(invoice.structured_reference, Decimal("100.00"))])
    upload(client, data)
    response = upload(client, data, "again.cod")
    assert "This file was imported before" in response.content.decode()
    assert Payment.objects.count() == 1
    assert StatementImport.objects.count() == 1


def test_an_unmatched_payment_is_assigned_by_the_invoice_number(client_of, team_member, invoice):
    client = client_of(team_member)
    upload(client, coda_file([("lidgeld De Linde", Decimal("100.00"))]))
    payment = Payment.objects.get()
    page = client.get(reverse("finance:payments"))
    assert list(page.context["attention"]) == [payment]
    response = client.post(
        reverse("finance:assign_payment", kwargs={"pk": payment.pk}),
        {"number": invoice.number},
        follow=True,
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert f"assigned to invoice {invoice.number}" in response.content.decode()
    assert list(response.context["attention"]) == []


def test_assigning_to_an_unknown_invoice_says_so_and_changes_nothing(client_of, team_member, db):
    client = client_of(team_member)
    upload(client, coda_file([("lidgeld", Decimal("100.00"))]))
    payment = Payment.objects.get()
    url = reverse("finance:assign_payment", kwargs={"pk": payment.pk})
    response = client.post(url, {"number": "1999-0042"}, follow=True)
    assert "There is no invoice 1999-0042." in response.content.decode()
    payment.refresh_from_db()
    assert payment.invoice is None


def test_an_outsider_cannot_assign_a_payment(client_of, team_member, outsider, invoice):
    upload(client_of(team_member), coda_file([("lidgeld", Decimal("100.00"))]))
    payment = Payment.objects.get()
    url = reverse("finance:assign_payment", kwargs={"pk": payment.pk})
    assert client_of(outsider).post(url, {"number": invoice.number}).status_code == 404
    payment.refresh_from_db()
    assert payment.invoice is None


PAYMENTS_PAGE_QUERIES = 8  # session, user, MFA check, payments, invoice totals, imports, messages


def test_the_payments_page_costs_the_same_queries_for_many_payments(
    client_of, team_member, school, django_assert_max_num_queries
):
    client = client_of(team_member)
    upload(client, coda_file([("gift", Decimal("5.00"))]), "one.cod")
    with django_assert_max_num_queries(PAYMENTS_PAGE_QUERIES):
        client.get(reverse("finance:payments"))
    invoices = [issue(team_member, organisation=school) for _ in range(10)]
    credits = [(i.structured_reference, Decimal("60.00")) for i in invoices]
    upload(client, coda_file(credits + [("gift", Decimal("7.00"))] * 10), "many.cod")
    with django_assert_max_num_queries(PAYMENTS_PAGE_QUERIES):
        response = client.get(reverse("finance:payments"))
    assert len(response.context["attention"]) == 21
    assert "received €\xa060.00 in all" in response.content.decode()


# --- Invoices -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["school_contact", "teacher", "outsider"])
def test_only_the_team_sees_the_invoice_list(client_of, persona, request, invoice):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse("finance:invoices")).status_code == 404
    url = reverse("finance:cancel_invoice", kwargs={"number": invoice.number})
    assert client.post(url, {f"{invoice.number}-reason": "weg"}).status_code == 404
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN


def test_the_invoice_list_filters_on_status_and_finds_the_structured_communication(
    client_of, team_member, invoice, school, other_school
):
    other = issue(team_member, organisation=other_school)
    services.register_payment(
        invoice=other, amount=other.amount, booked_on=other.issued_on, by=team_member
    )
    client = client_of(team_member)
    url = reverse("finance:invoices")
    assert list(client.get(url, {"status": "paid"}).context["page"]) == [other]
    found = client.get(url, {"q": formatted(invoice.structured_reference)}).context["page"]
    assert list(found) == [invoice]
    assert list(client.get(url, {"q": "De Ring"}).context["page"]) == [other]
    newest_first = list(client.get(url).context["page"])
    assert newest_first == [other, invoice]


def test_the_invoice_list_shows_the_age_of_open_invoices(client_of, team_member, school):
    old = services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(name=school.name, email="a@delinde.be", organisation=school),
        description="Lidgeld",
        amount=Decimal("50.00"),
        by=team_member,
        issued_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    response = client_of(team_member).get(reverse("finance:invoices"))
    assert [i.age_days for i in response.context["page"]] == [40]
    assert "40 days old" in response.content.decode()
    assert old.number in response.content.decode()


INVOICE_LIST_QUERIES = 7  # session, user, MFA check, years, count, invoices, messages


def test_the_invoice_list_costs_the_same_queries_for_many_invoices(
    client_of, team_member, school, django_assert_max_num_queries
):
    client = client_of(team_member)
    issue(team_member, organisation=school)
    with django_assert_max_num_queries(INVOICE_LIST_QUERIES):
        client.get(reverse("finance:invoices"))
    for _ in range(30):
        issue(team_member, organisation=school)
    with django_assert_max_num_queries(INVOICE_LIST_QUERIES):
        response = client.get(reverse("finance:invoices"))
    assert len(response.context["page"]) == 31


def test_a_manual_payment_of_the_full_amount_pays_the_invoice(client_of, team_member, invoice):
    url = reverse("finance:register_payment", kwargs={"number": invoice.number})
    prefix = invoice.number
    response = client_of(team_member).post(
        url,
        {
            f"{prefix}-amount": "100.00",
            f"{prefix}-booked_on": timezone.localdate().isoformat(),
            f"{prefix}-note": "cash at the network day",
            "next": reverse("finance:invoices") + "?status=open",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?status=open")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert invoice.payments.get().note == "cash at the network day"


def test_a_manual_payment_without_an_amount_is_refused_with_the_reason(
    client_of, team_member, invoice
):
    url = reverse("finance:register_payment", kwargs={"number": invoice.number})
    response = client_of(team_member).post(
        url, {f"{invoice.number}-booked_on": "2026-01-15"}, follow=True
    )
    assert "was not registered" in response.content.decode()
    assert not Payment.objects.exists()


def test_cancelling_an_invoice_keeps_it_with_its_reason(client_of, team_member, invoice):
    url = reverse("finance:cancel_invoice", kwargs={"number": invoice.number})
    response = client_of(team_member).post(
        url, {f"{invoice.number}-reason": "Dubbel gefactureerd"}, follow=True
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED
    assert invoice.cancelled_reason == "Dubbel gefactureerd"
    assert f"Invoice {invoice.number} is cancelled." in response.content.decode()


def test_cancelling_a_paid_invoice_is_refused(client_of, team_member, invoice):
    services.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=invoice.issued_on, by=team_member
    )
    url = reverse("finance:cancel_invoice", kwargs={"number": invoice.number})
    response = client_of(team_member).post(url, {f"{invoice.number}-reason": "x"}, follow=True)
    assert "Only an open invoice can be cancelled." in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_a_next_address_elsewhere_is_not_followed(client_of, team_member, invoice):
    url = reverse("finance:cancel_invoice", kwargs={"number": invoice.number})
    response = client_of(team_member).post(
        url, {f"{invoice.number}-reason": "x", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("finance:invoices")


# --- The import_coda command ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Coda_v2_3_single_statement.txt",
        "Coda_v2_3_multi_statements.txt",
        "Coda_v2_3_globalisation.txt",
        "Coda_foreign_account.txt",
        # Byte-identical to a statement of the multi-statement sample, so consistent: accepted.
        "Coda_v2_3_faulty_globalisation.txt",
    ],
)
def test_the_command_imports_every_valid_sample(name, team_member):
    out = StringIO()
    call_command("import_coda", str(sample(name)), "--by", team_member.email, stdout=out)
    statement_import = StatementImport.objects.get()
    assert statement_import.imported_by == team_member
    assert out.getvalue().startswith(f"{name}: {statement_import.statements} statement(s)")


def test_the_command_accepts_a_trailer_that_miscounts_with_a_warning(db):
    out = StringIO()
    call_command("import_coda", str(sample("Coda_v2_3_globalisation_2.txt")), stdout=out)
    assert "warning: line 21: the trailer counts 23 records" in out.getvalue()
    assert StatementImport.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["Coda_faulty_version.txt", "Coda_v2_3_faulty_globalisation_2.txt"]
)
def test_the_command_rejects_a_faulty_sample_with_its_line_and_books_nothing(name, db):
    path = sample(name)
    with pytest.raises(CodaError) as expected:
        parse(path.read_bytes())
    with pytest.raises(CommandError) as error:
        call_command("import_coda", str(path))
    assert str(error.value) == f"{name}: line {expected.value.line}: {expected.value.reason}"
    assert not StatementImport.objects.exists()
    assert not Payment.objects.exists()


def test_the_command_prints_unmatched_and_differing_payments(tmp_path, team_member, invoice):
    path = tmp_path / "statement.cod"
    path.write_bytes(
        coda_file([(invoice.structured_reference, Decimal("90.00")), ("gift", Decimal("20.00"))])
    )
    out = StringIO()
    call_command("import_coda", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert "paid 0, amount differs 1, unmatched 1" in lines[0]
    assert any(line.startswith("amount differs:") and invoice.number in line for line in lines)
    assert any(line.startswith("unmatched:") and "gift" in line for line in lines)


def test_the_command_refuses_the_same_file_twice(team_member, invoice):
    path = str(sample("Coda_v2_3_single_statement.txt"))
    call_command("import_coda", path, stdout=StringIO())
    with pytest.raises(CommandError, match="imported before"):
        call_command("import_coda", path, stdout=StringIO())
    assert StatementImport.objects.count() == 1


def test_the_command_refuses_an_unknown_team_member(db):
    with pytest.raises(CommandError, match="No team member"):
        call_command(
            "import_coda", str(sample("Coda_foreign_account.txt")), "--by", "x@example.org"
        )
    assert not StatementImport.objects.exists()
