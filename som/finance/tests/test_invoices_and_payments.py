from decimal import Decimal

import pytest

from som.core.testing import in_threads, needs_postgres
from som.finance import services
from som.finance.coda import CodaError
from som.finance.models import Invoice, Payment, StatementImport
from som.finance.testing import coda_file


def _invoice(team_member, school, amount="100.00"):
    return services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(name=school.name, email="contact@delinde.be", organisation=school),
        description="Test",
        amount=Decimal(amount),
        by=team_member,
    )


def test_invoice_numbers_follow_each_other_per_year(team_member, school):
    first, second = _invoice(team_member, school), _invoice(team_member, school)
    assert second.sequence == first.sequence + 1
    assert first.number.endswith("-0001") and second.number.endswith("-0002")


def test_a_manual_payment_of_the_full_amount_pays_the_invoice(team_member, school):
    invoice = _invoice(team_member, school)
    payment = services.register_payment(
        invoice=invoice, amount=Decimal("100.00"), booked_on=invoice.issued_on, by=team_member
    )
    invoice.refresh_from_db()
    assert payment.match == Payment.Match.PAID
    assert invoice.status == Invoice.Status.PAID


def test_a_partial_payment_leaves_the_invoice_open_until_the_rest_comes(team_member, school):
    invoice = _invoice(team_member, school)
    first = services.register_payment(
        invoice=invoice, amount=Decimal("60"), booked_on=invoice.issued_on, by=team_member
    )
    assert first.match == Payment.Match.AMOUNT_DIFFERS
    services.register_payment(
        invoice=invoice, amount=Decimal("40"), booked_on=invoice.issued_on, by=team_member
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert set(invoice.payments.values_list("match", flat=True)) == {Payment.Match.PAID}


def test_a_coda_file_pays_matching_invoices_and_lists_the_rest(team_member, school):
    exact = _invoice(team_member, school)
    under = _invoice(team_member, school)
    data = coda_file(
        [
            (exact.structured_reference, Decimal("100.00")),
            (under.structured_reference, Decimal("50.00")),
            ("gift voor de labo's", Decimal("20.00")),
            (f"lidgeld +++{exact.structured_reference}", Decimal("5.00")),
        ]
    )
    report = services.import_statement_file(data=data, file_name="a.cod", by=team_member)
    exact.refresh_from_db()
    under.refresh_from_db()
    assert exact.status == Invoice.Status.PAID
    assert under.status == Invoice.Status.OPEN
    assert [p.invoice for p in report.amount_differs] == [under]
    assert len(report.unmatched) == 2  # the gift, and a payment to an already paid invoice
    assert Payment.objects.count() == 4


def test_the_same_file_twice_books_nothing_twice(team_member, school):
    invoice = _invoice(team_member, school)
    data = coda_file([(invoice.structured_reference, Decimal("100.00"))])
    services.import_statement_file(data=data, file_name="a.cod", by=team_member)
    with pytest.raises(services.FinanceError) as error:
        services.import_statement_file(data=data, file_name="again.cod", by=team_member)
    assert error.value.code == "already_imported"
    assert Payment.objects.count() == 1


def test_a_movement_in_two_different_files_is_booked_once(team_member, school):
    invoice = _invoice(team_member, school)
    movement = (invoice.structured_reference, Decimal("100.00"))
    services.import_statement_file(data=coda_file([movement]), file_name="a", by=team_member)
    report = services.import_statement_file(
        data=coda_file([movement], statement="001") + b"\r\n", file_name="b", by=team_member
    )
    assert report.already_booked == 1
    assert Payment.objects.count() == 1


def test_a_faulty_file_books_nothing(team_member, school):
    invoice = _invoice(team_member, school)
    data = coda_file([(invoice.structured_reference, Decimal("100.00"))])
    truncated_trailer = data[:-40] + b"\r\n"
    with pytest.raises(CodaError):
        services.import_statement_file(data=truncated_trailer, file_name="bad", by=team_member)
    assert not Payment.objects.exists()
    assert not StatementImport.objects.exists()


def test_an_unmatched_payment_is_assigned_by_hand(team_member, school):
    invoice = _invoice(team_member, school)
    data = coda_file([("lidgeld De Linde", Decimal("100.00"))])
    report = services.import_statement_file(data=data, file_name="a", by=team_member)
    [payment] = report.unmatched
    services.assign_payment(payment=payment, invoice=invoice, by=team_member)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


# --- Concurrency (PostgreSQL: real row locks and real parallel transactions) ----------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_invoices_get_gapless_unique_numbers(team_member, school):
    needs_postgres()
    errors = in_threads(8, lambda i: _invoice(team_member, school))
    assert errors == []
    sequences = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 9))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_importing_one_file_twice_at_the_same_time_books_it_once(team_member, school):
    needs_postgres()
    invoice = _invoice(team_member, school)
    data = coda_file([(invoice.structured_reference, Decimal("100.00"))])
    results: list[str] = []

    def upload(index):
        try:
            services.import_statement_file(data=data, file_name=f"{index}", by=team_member)
            results.append("booked")
        except services.FinanceError as error:
            results.append(error.code)

    assert in_threads(4, upload) == []
    assert sorted(results) == ["already_imported"] * 3 + ["booked"]
    assert Payment.objects.count() == 1
    assert StatementImport.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_files_at_the_same_time_book_each_movement_once(team_member, school):
    """Two different files (another day's statement, the same credit) uploaded at once: both
    passed the 'booked before?' check, the second insert hit the unique movement key and the
    upload answered 500. Now the imports take turns: the second says 'booked before'."""
    needs_postgres()
    invoice = _invoice(team_member, school)
    other = _invoice(team_member, school)
    shared = (invoice.structured_reference, Decimal("100.00"))
    files = [
        coda_file([shared]),
        coda_file([shared, (other.structured_reference, Decimal("100.00"))]),
    ]
    reports: list[services.ImportReport] = []

    def upload(index):
        reports.append(
            services.import_statement_file(data=files[index], file_name=f"{index}", by=team_member)
        )

    assert in_threads(2, upload) == []
    assert sum(report.already_booked for report in reports) == 1
    assert Payment.objects.count() == 2
    assert StatementImport.objects.count() == 2
    invoice.refresh_from_db()
    other.refresh_from_db()
    assert invoice.status == other.status == Invoice.Status.PAID
