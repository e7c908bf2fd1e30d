"""The only gate to finance objects: return the object or answer 404, for "missing" and
"not yours" alike."""

from django.http import Http404

from som.accounts.models import Person
from som.core.roles import is_team, require_team_page
from som.finance.models import Invoice, Payment
from som.network.selectors import organisations_contacted_by


def can_see_invoice(person: Person, invoice: Invoice) -> bool:
    """The team; the person the invoice is addressed to; a current contact person of the
    organisation it is addressed to. Other staff of that organisation do not see its invoices:
    paying them is the contact person's job, and the amounts are not everybody's business."""
    if not person.is_authenticated or not person.is_active:
        return False
    if is_team(person) or (invoice.person_id is not None and invoice.person_id == person.pk):
        return True
    return (
        invoice.organisation_id is not None
        and organisations_contacted_by(person).filter(pk=invoice.organisation_id).exists()
    )


def get_invoice_for_viewer(person: Person, number: str) -> Invoice:
    invoice = Invoice.objects.filter(number=number).first()
    if invoice is None or not can_see_invoice(person, invoice):
        raise Http404
    return invoice


def get_invoice_for_team(person: Person, number: str) -> Invoice:
    """The treasurer's pages exist for the team only; others get 404, as for a missing page."""
    require_team_page(person)
    invoice = Invoice.objects.filter(number=number).first()
    if invoice is None:
        raise Http404
    return invoice


def get_payment_for_team(person: Person, pk: int) -> Payment:
    require_team_page(person)
    payment = Payment.objects.select_related("invoice").filter(pk=pk).first()
    if payment is None:
        raise Http404
    return payment
