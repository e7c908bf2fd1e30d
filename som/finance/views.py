from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core.money import euros
from som.core.params import ascii_digits
from som.finance import documents, permissions, services
from som.finance.coda import CodaError
from som.finance.forms import (
    AssignPaymentForm,
    CancelInvoiceForm,
    InvoiceFilterForm,
    ManualPaymentForm,
    StatementUploadForm,
)
from som.finance.models import Invoice, Payment, StatementImport

CENT = Decimal("0.01")
INVOICES_PER_PAGE = 100
RECENT_IMPORTS = 10
NEEDS_ATTENTION = [
    Payment.Match.UNMATCHED,
    Payment.Match.AMOUNT_DIFFERS,
    Payment.Match.INVOICE_NOT_OPEN,
]


@login_required
@cache_control(private=True, no_store=True)  # personal data: no browser or proxy keeps it
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    invoice = permissions.get_invoice_for_viewer(person_of(request), number)
    pdf = documents.invoice_pdf(invoice, translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factuur-{invoice.number}.pdf"'
    return response


# --- Payments and bank statements -----------------------------------------------------------------


def _with_invoice_totals(payments: list[Payment]) -> list[Payment]:
    """Give each payment `invoice_received`, all that was paid on its invoice (one query), so
    the page can say whether the invoice is under- or overpaid."""
    invoice_ids = {p.invoice_id for p in payments if p.invoice_id is not None}
    totals = dict(
        Payment.objects.filter(invoice_id__in=invoice_ids)
        .values("invoice_id")
        .annotate(total=Sum("amount"))
        .values_list("invoice_id", "total")
    )
    for payment in payments:
        received = totals.get(payment.invoice_id) if payment.invoice_id else None
        # SQLite's SUM drops the decimal places; money is shown with two.
        payment.invoice_received = received and received.quantize(CENT)  # type: ignore[attr-defined]
    return payments


@login_required
def payments(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    permissions.require_team(person)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["file"], form.file_name
        try:
            report = services.import_statement_file(data=data, file_name=name, by=person)
        except CodaError as error:
            form.add_error(
                "file",
                _("Nothing was booked: the file has an error on %(error)s.") % {"error": error},
            )
        except services.FinanceError as error:
            form.add_error("file", error.message)
        else:
            form = StatementUploadForm()
    attention = Payment.objects.filter(match__in=NEEDS_ATTENTION).select_related("invoice")
    if report is not None:
        _with_invoice_totals(report.amount_differs)
    context = {
        "form": form,
        "report": report,
        "attention": _with_invoice_totals(list(attention.order_by("-booked_on", "-pk"))),
        "assign_form": AssignPaymentForm(),
        "imports": StatementImport.objects.select_related("imported_by")[:RECENT_IMPORTS],
    }
    return render(request, "finance/payments.html", context)


@require_POST
@login_required
def assign_payment(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    payment = permissions.get_payment_for_team(person, pk)
    form = AssignPaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the invoice this payment is for."))
        return redirect("finance:payments")
    number = form.cleaned_data["number"].strip()
    invoice = Invoice.objects.filter(number=number).first()
    if invoice is None:
        messages.error(request, _("There is no invoice %(number)s.") % {"number": number})
        return redirect("finance:payments")
    try:
        payment = services.assign_payment(payment=payment, invoice=invoice, by=person)
    except services.FinanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The payment of %(amount)s is assigned to invoice %(number)s: %(result)s.")
            % {
                "amount": euros(payment.amount),
                "number": invoice.number,
                "result": payment.get_match_display(),
            },
        )
    return redirect("finance:payments")


# --- Invoices -------------------------------------------------------------------------------------


def _filtered_invoices(form: InvoiceFilterForm) -> QuerySet[Invoice]:
    invoices = Invoice.objects.annotate(
        received=Coalesce(Sum("payments__amount"), Value(0), output_field=DecimalField())
    ).order_by("-issued_on", "-year", "-sequence")
    if not form.is_valid():
        return invoices
    data = form.cleaned_data
    if data["status"]:
        invoices = invoices.filter(status=data["status"])
    if data["purpose"]:
        invoices = invoices.filter(purpose=data["purpose"])
    if data["year"]:
        invoices = invoices.filter(year=data["year"])
    if query := data["q"].strip():
        # People copy the structured communication with its +++ and slashes.
        digits = ascii_digits(query)
        match = (
            Q(number__icontains=query)
            | Q(holder_name__icontains=query)
            | Q(holder_email__icontains=query)
        )
        if len(digits) >= 3:
            match |= Q(structured_reference__contains=digits)
        invoices = invoices.filter(match)
    return invoices


@login_required
def invoices(request: HttpRequest) -> HttpResponse:
    permissions.require_team(person_of(request))
    years = list(Invoice.objects.order_by("-year").values_list("year", flat=True).distinct())
    form = InvoiceFilterForm(request.GET, years=years)
    page = Paginator(_filtered_invoices(form), INVOICES_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for invoice in page:
        invoice.age_days = (today - invoice.issued_on).days  # type: ignore[attr-defined]
        invoice.received = invoice.received.quantize(CENT)  # type: ignore[attr-defined]
        invoice.outstanding = invoice.amount - invoice.received  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "payment_form": ManualPaymentForm(),
        "cancel_form": CancelInvoiceForm(),
        "here": request.get_full_path(),
        "today": today,
    }
    return render(request, "finance/invoices.html", context)


def _back_to_list(request: HttpRequest) -> HttpResponse:
    """Back to the invoice list with the filters the treasurer was using."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(reverse("finance:invoices"))


def _form_errors(form: ManualPaymentForm | CancelInvoiceForm) -> str:
    """The form's errors in one line, for a message above the list the form sits in."""
    return " ".join(
        f"{form.fields[name].label}: {' '.join(str(error) for error in errors)}"
        for name, errors in form.errors.items()
    )


@require_POST
@login_required
def register_payment(request: HttpRequest, number: str) -> HttpResponse:
    person = person_of(request)
    invoice = permissions.get_invoice_for_team(person, number)
    form = ManualPaymentForm(request.POST, prefix=invoice.number)
    if not form.is_valid():
        messages.error(
            request,
            _("The payment for %(number)s was not registered. %(errors)s")
            % {"number": invoice.number, "errors": _form_errors(form)},
        )
        return _back_to_list(request)
    try:
        payment = services.register_payment(invoice=invoice, by=person, **form.cleaned_data)
    except services.FinanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A payment of %(amount)s for %(number)s is registered: %(result)s.")
            % {
                "amount": euros(payment.amount),
                "number": invoice.number,
                "result": payment.get_match_display(),
            },
        )
    return _back_to_list(request)


@require_POST
@login_required
def cancel_invoice(request: HttpRequest, number: str) -> HttpResponse:
    person = person_of(request)
    invoice = permissions.get_invoice_for_team(person, number)
    form = CancelInvoiceForm(request.POST, prefix=invoice.number)
    if not form.is_valid():
        messages.error(
            request,
            _("Invoice %(number)s was not cancelled. %(errors)s")
            % {"number": invoice.number, "errors": _form_errors(form)},
        )
        return _back_to_list(request)
    try:
        services.cancel_invoice(invoice=invoice, reason=form.cleaned_data["reason"], by=person)
    except services.FinanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Invoice %(number)s is cancelled.") % {"number": invoice.number}
        )
    return _back_to_list(request)
