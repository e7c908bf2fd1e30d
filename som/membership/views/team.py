"""The team's membership pages: applications, the overview with its export, and the member
register with its exports and corrections. Everybody else gets 404 (som.core.roles.require_team_page)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.core import spreadsheets
from som.core.pdf import render_pdf
from som.core.roles import require_team_page
from som.membership import permissions, selectors, services
from som.membership.forms import (
    ApplicationFilterForm,
    CorrectEntryForm,
    DeclineForm,
    MembershipFilterForm,
    RegisterDateForm,
)
from som.membership.models import Application, Membership, MembershipType, MembershipYear
from som.membership.services import register as member_register

HANDLED_PER_PAGE = 50
MEMBERSHIPS_PER_PAGE = 100


# --- The team: applications -----------------------------------------------------------------------


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    form = ApplicationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.applications_for_team(
        search=filters.get("q", ""), status=filters.get("status", "")
    )
    pending, handled = selectors.pending_and_handled(found)
    page = Paginator(handled, HANDLED_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "pending": list(pending), "handled": page, "query": _query(request)}
    return render(request, "membership/applications.html", context)


@require_POST
@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = permissions.get_application_for_team(person_of(request), pk)
    try:
        services.approve(application=application, by=person_of(request))
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(holder)s is approved; the invoice is on its way.")
            % {"holder": _holder(application)},
        )
    return redirect("membership:applications")


@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    application = permissions.get_application_for_team(person_of(request), pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline(application=application, by=person_of(request), **form.cleaned_data)
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The application of %(holder)s is declined; the applicant gets the reason.")
                % {"holder": _holder(application)},
            )
            return redirect("membership:applications")
    context = {"application": application, "form": form}
    return render(request, "membership/decline.html", context)


def _holder(application: Application) -> str:
    return str(application.organisation or application.applicant)


def _query(request: HttpRequest) -> str:
    """The page's query string without `page`, for pagination and export links."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


# --- The team: overview ---------------------------------------------------------------------------


@login_required
@cache_control(private=True, no_store=True)  # the page and its exports hold personal data
def overview(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    today = timezone.localdate()
    data = request.GET.copy()
    default_year = selectors.year_running_on(today)
    if not data.get("year") and default_year is not None:
        data["year"] = str(default_year.year)
    form = MembershipFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {"year": default_year}
    memberships = selectors.memberships_for_team(
        year=filters.get("year"),
        membership_type=filters.get("membership_type"),
        status=filters.get("status", ""),
        search=filters.get("q", ""),
    )
    if request.GET.get("format") == "csv":
        return _memberships_csv(memberships)
    context = {
        "form": form,
        "year": filters.get("year"),
        "counts": _counts(filters.get("year")),
        "statuses": Membership.Status.choices,
        "memberships": Paginator(memberships, MEMBERSHIPS_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "unpaid": [
            (invoice, (today - invoice.issued_on).days)
            for invoice in selectors.unpaid_membership_invoices()
        ],
        "income": selectors.income_per_year(),
        "query": _query(request),
        "today": today,
    }
    return render(request, "membership/overview.html", context)


@dataclass(frozen=True)
class CountRow:
    membership_type: MembershipType
    counts: list[int]
    total: int


def _counts(year: MembershipYear | None) -> list[CountRow]:
    counts = selectors.membership_counts(year) if year else {}
    rows = []
    for membership_type in selectors.all_membership_types():
        row = [counts.get((membership_type.code, status), 0) for status in Membership.Status]
        rows.append(CountRow(membership_type=membership_type, counts=row, total=sum(row)))
    return rows


def _memberships_csv(memberships: Iterable[Membership]) -> HttpResponse:
    header = [
        _("Holder"),
        _("Institution number"),
        _("Membership"),
        _("Year"),
        _("Tariff"),
        _("Amount (EUR)"),
        _("Status"),
        _("Counts from"),
        _("Ended on"),
        _("Representative"),
        _("Representative's email"),
    ]
    rows = [
        [
            membership.holder_name,
            membership.organisation.instellingsnummer if membership.organisation else "",
            capfirst(membership.membership_type.display_name),
            membership.year.year,
            capfirst(membership.tariff.get_code_display()),
            membership.tariff.amount,
            capfirst(membership.get_status_display()),
            membership.counts_from or "",
            membership.ended_on or "",
            membership.representative or "",
            membership.representative.email if membership.representative else "",
        ]
        for membership in memberships
    ]
    return spreadsheets.csv_response("som-memberships.csv", header, rows)


# --- The team: the member register ----------------------------------------------------------------


@login_required
@cache_control(private=True, no_store=True)  # the page and its exports hold personal data
def register(request: HttpRequest) -> HttpResponse:
    require_team_page(person_of(request))
    today = timezone.localdate()
    form = RegisterDateForm(request.GET if "date" in request.GET else None, initial={"date": today})
    on = form.cleaned_data["date"] if form.is_bound and form.is_valid() else today
    lines = selectors.voting_members_on(on)
    export = request.GET.get("format")
    if export in REGISTER_EXPORTS:
        return REGISTER_EXPORTS[export](lines, on)
    context = {
        "form": form,
        "on": on,
        "lines": lines,
        "entries": selectors.register_entries().prefetch_related("corrections"),
    }
    return render(request, "membership/register.html", context)


def _register_header() -> list[str]:
    return [
        _("Number"),
        _("Member"),
        _("Legal form"),
        _("Seat"),
        _("Enterprise number"),
        _("Institution number"),
        _("Representative"),
        _("Admitted on"),
    ]


def _register_rows(lines: list[selectors.RegisterLine]) -> list[list[Any]]:
    rows = []
    for line in lines:
        details = line.latest.details
        rows.append(
            [
                line.admission.number,
                details.get("name") or line.organisation.name,
                capfirst(details.get("legal_form", "")),
                details.get("seat", ""),
                details.get("enterprise_number", ""),
                details.get("instellingsnummer", ""),
                details.get("representative", ""),
                line.admitted_on,
            ]
        )
    return rows


def _register_csv(lines: list[selectors.RegisterLine], on: datetime.date) -> HttpResponse:
    return spreadsheets.csv_response(
        f"som-ledenregister-{on}.csv", _register_header(), _register_rows(lines)
    )


def _register_xlsx(lines: list[selectors.RegisterLine], on: datetime.date) -> HttpResponse:
    return spreadsheets.xlsx_response(
        f"som-ledenregister-{on}.xlsx",
        title=str(on),
        header=_register_header(),
        rows=_register_rows(lines),
    )


def _register_pdf(lines: list[selectors.RegisterLine], on: datetime.date) -> HttpResponse:
    pdf = render_pdf(
        "membership/register_pdf.html",
        {"header": _register_header(), "rows": _register_rows(lines), "on": on},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="som-ledenregister-{on}.pdf"'
    return response


REGISTER_EXPORTS = {"csv": _register_csv, "xlsx": _register_xlsx, "pdf": _register_pdf}


@login_required
def correct_entry(request: HttpRequest, number: int) -> HttpResponse:
    entry = permissions.get_register_entry_for_team(person_of(request), number)
    form = CorrectEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = member_register.correct_register_entry(
                entry=entry, by=person_of(request), **form.cleaned_data
            )
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Entry %(number)s is corrected by entry %(correction)s.")
                % {"number": entry.number, "correction": correction.number},
            )
            return redirect("membership:register")
    return render(request, "membership/correct_entry.html", {"entry": entry, "form": form})
