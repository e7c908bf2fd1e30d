from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from som.accounts.models import Person
from som.finance import documents, permissions


def _person(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)
    return request.user


@login_required
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    invoice = permissions.get_invoice_for_viewer(_person(request), number)
    pdf = documents.invoice_pdf(invoice, translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factuur-{invoice.number}.pdf"'
    return response
