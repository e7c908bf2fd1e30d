from decimal import Decimal

import pytest
from django.urls import reverse

from som.accounts.services import create_api_token
from som.finance import documents, services
from som.finance.models import Invoice


@pytest.fixture
def invoice(team_member, school) -> Invoice:
    return services.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=services.Holder(name=school.name, email="contact@delinde.be", organisation=school),
        description="Algemeen lidmaatschap",
        amount=Decimal("100"),
        by=team_member,
    )


def bearer(person) -> dict[str, str]:
    _token, secret = create_api_token(person=person)
    return {"Authorization": f"Bearer {secret}"}


def url(invoice: Invoice) -> str:
    return f"/api/v1/invoices/{invoice.number}"


def test_the_contact_person_of_the_holder_gets_the_invoice_with_what_it_takes_to_pay(
    client, school_contact, invoice
):
    response = client.get(url(invoice), headers=bearer(school_contact))
    assert response.status_code == 200
    ogm = invoice.structured_reference
    assert response.json() == {
        "number": invoice.number,
        "holder": "Basisschool De Linde",
        "amount": "100.00",
        "currency": "EUR",
        "status": "open",
        "structured_reference": f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++",
        "epc_qr_payload": documents.epc_payload(invoice),
        "pdf_url": "http://testserver"
        + reverse("finance:invoice_pdf", kwargs={"number": invoice.number}),
    }


def test_the_payload_is_the_one_in_the_qr_code_with_the_ogm_digits(client, team_member, invoice):
    body = client.get(url(invoice), headers=bearer(team_member)).json()
    lines = body["epc_qr_payload"].split("\n")
    assert lines[:4] == ["BCD", "002", "1", "SCT"]
    assert lines[7] == "EUR100"
    assert lines[9] == invoice.structured_reference
    assert body["structured_reference"].strip("+").replace("/", "") == lines[9]


def test_the_team_gets_an_invoice_in_a_logged_in_session(client_of, team_member, invoice):
    assert client_of(team_member).get(url(invoice)).json()["number"] == invoice.number


def test_the_status_follows_the_payment(client, team_member, invoice):
    services.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=invoice.issued_on, by=team_member
    )
    assert client.get(url(invoice), headers=bearer(team_member)).json()["status"] == "paid"


def test_a_teacher_and_an_outsider_get_404_as_for_a_missing_invoice(
    client, teacher, outsider, invoice
):
    for person in (teacher, outsider):
        response = client.get(url(invoice), headers=bearer(person))
        assert response.status_code == 404
    missing = client.get("/api/v1/invoices/1999-0001", headers=bearer(outsider))
    assert missing.status_code == 404


def test_anonymous_callers_and_bad_tokens_get_401(client, invoice):
    assert client.get(url(invoice)).status_code == 401
    bad = client.get(url(invoice), headers={"Authorization": "Bearer som_nonsense"})
    assert bad.status_code == 401


def test_the_invoice_endpoint_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/invoices/{number}"]["get"]
    assert set(operation["responses"]) == {"200", "400", "401", "403", "404", "422"}
    assert "InvoiceOut" in schema["components"]["schemas"]
