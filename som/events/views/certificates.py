"""Attendance certificates: the attendee's own (Mijn SOM), the public check page, the team's for
an event, and a contact person's for their staff who shared them, per school year."""

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from som.accounts.requests import person_of
from som.core import limits
from som.core.params import positive_int
from som.events import permissions
from som.events.documents import certificates as certificates_pdf
from som.events.models import Certificate
from som.events.selectors import certificates
from som.events.services import certificates as service


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data: no browser or proxy keeps it
    return response


def _issued_message(request: HttpRequest, issued: service.Issued) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)s certificate issued now",
            "%(count)s certificates issued now",
            issued.new,
        )
        % {"count": issued.new}
        + "; "
        + ngettext(
            "%(count)s had been issued before.",
            "%(count)s had been issued before.",
            issued.existing,
        )
        % {"count": issued.existing},
    )


# --- The attendee's own ---------------------------------------------------------------------------


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    registrations = certificates.attended_by(person_of(request))
    return render(request, "events/my_certificates.html", {"registrations": registrations})


@require_POST
@login_required
def issue_mine(request: HttpRequest, pk: int) -> HttpResponse:
    """Issued on the first download, the same certificate afterwards; then the PDF."""
    person = person_of(request)
    registration = permissions.get_attended_registration(person, pk)
    try:
        certificate = service.issue_certificate(registration=registration, by=person)
    except service.CertificateError as error:
        messages.error(request, error.message)
        return redirect("events:my_certificates")
    return redirect("events:certificate_pdf", pk=certificate.pk)


@require_safe
@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = permissions.get_certificate_for_download(person_of(request), pk)
    return _pdf(
        certificates_pdf.certificates_pdf([certificate]), certificates_pdf.filename_of(certificate)
    )


# --- The public check -----------------------------------------------------------------------------


@require_safe
def check(request: HttpRequest, code: str) -> HttpResponse:
    """Confirms a certificate with what it states, nothing more. A wrong code: 404 with a
    message; too many lookups from one address: 429 (`certificate_check` in ACCOUNT_RATE_LIMITS)."""
    normalised = service.normalised_code(code)
    if not limits.consume_lookup(request, action="certificate_check", key=normalised or "-"):
        response = render(request, "events/certificate_check.html", {"too_many": True}, status=429)
    else:
        found = Certificate.objects.filter(code=normalised).first() if normalised else None
        response = render(
            request,
            "events/certificate_check.html",
            {"certificate": found, "code": code},
            status=200 if found else 404,
        )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-cache"
    return response


# --- The team, for an event -----------------------------------------------------------------------


@require_POST
@login_required
def issue_for_event(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    event = permissions.get_event_for_team(person, pk)
    try:
        issued = service.issue_for_event(event=event, by=person)
    except service.CertificateError as error:
        messages.error(request, error.message)
    else:
        _issued_message(request, issued)
    return redirect("events:attendance_event", pk=event.pk)


@require_safe
@login_required
@cache_control(private=True, no_store=True)
def event_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event_for_team(person_of(request), pk)
    issued = certificates.of_event(event)
    if not issued:
        messages.error(request, _("No certificates have been issued for this event yet."))
        return redirect("events:attendance_event", pk=event.pk)
    return _pdf(certificates_pdf.certificates_pdf(issued), f"attesten-{event.slug}.pdf")


# --- A contact person, for their staff ------------------------------------------------------------


def _school_year(offered: Sequence[int], value: str | None) -> int:
    year = positive_int(value)
    return year if year is not None and year in offered else offered[0]


@require_safe
@login_required
def staff(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_certificates(person_of(request), slug)
    offered = certificates.school_years_offered(timezone.localdate())
    year = _school_year(offered, request.GET.get("year"))
    context = {
        "organisation": organisation,
        "year": year,
        "offered": offered,
        "registrations": list(certificates.shared_by_staff(organisation, year)),
    }
    return render(request, "events/staff_certificates.html", context)


@require_POST
@login_required
def staff_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Issues what is missing, then the school year's certificates as one PDF."""
    person = person_of(request)
    organisation = permissions.get_organisation_for_certificates(person, slug)
    offered = certificates.school_years_offered(timezone.localdate())
    year = _school_year(offered, request.POST.get("year"))
    try:
        issued = service.issue_for_staff(organisation=organisation, school_year=year, by=person)
    except service.CertificateError as error:
        messages.error(request, error.message)
        return redirect("events:staff_certificates", slug=organisation.slug)
    if not issued.certificates:
        messages.error(request, _("There are no certificates for this school year."))
        url = reverse("events:staff_certificates", kwargs={"slug": organisation.slug})
        return redirect(f"{url}?year={year}")
    return _pdf(
        certificates_pdf.certificates_pdf(issued.certificates),
        f"attesten-{organisation.slug}-{year}-{year + 1}.pdf",
    )
