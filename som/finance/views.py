from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
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
from som.core.roles import require_team_page
from som.finance import documents, permissions, selectors, services
from som.finance.coda import CodaError
from som.finance.forms import (
    AssignPaymentForm,
    CancelInvoiceForm,
    InvoiceFilterForm,
    ManualPaymentForm,
    StatementUploadForm,
)

INVOICES_PER_PAGE = 100
RECENT_IMPORTS = 10


@login_required
@cache_control(private=True, no_store=True)  # personal data: no browser or proxy keeps it
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    invoice = permissions.get_invoice_for_viewer(person_of(request), number)
    pdf = documents.invoice_pdf(invoice, translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factuur-{invoice.number}.pdf"'
    return response


# --- Payments and bank statements -----------------------------------------------------------------


@login_required
def payments(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    require_team_page(person)
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
    context = {
        "form": form,
        "report": report,
        "amount_differs": (
            selectors.payments_with_invoice_received(report.amount_differs) if report else []
        ),
        "attention": list(selectors.payments_needing_attention()),
        "assign_form": AssignPaymentForm(),
        "imports": selectors.recent_imports(RECENT_IMPORTS),
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
    invoice = selectors.invoice_numbered(number)
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


@login_required
def invoices(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    form = InvoiceFilterForm(request.GET, years=selectors.invoice_years())
    # A wrong filter value is ignored: the whole list.
    found = selectors.invoices(**form.cleaned_data) if form.is_valid() else selectors.invoices()
    page = Paginator(found, INVOICES_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
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
