"""An event's attendee list as CSV or XLSX, and name badges as a PDF, for the team."""

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from som.core import spreadsheets
from som.core.pdf import render_pdf
from som.events.models import Event, Registration


def _header() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Comes as"),
        _("Registered at the door"),
        _("Checked in at"),
    ]


def _rows(registrations: Sequence[Registration]) -> list[list[str]]:
    return [
        [
            str(registration.person),
            registration.person.email,
            registration.organisation.name if registration.organisation else "",
            capfirst(registration.get_basis_display()),
            _("yes") if registration.is_walk_in else "",
            timezone.localtime(registration.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if registration.checked_in_at
            else "",
        ]
        for registration in registrations
    ]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attendees_csv(event: Event, registrations: Sequence[Registration]) -> HttpResponse:
    return spreadsheets.csv_response(
        f"som-attendees-{event.slug}.csv", _header(), _rows(registrations)
    )


def attendees_xlsx(event: Event, registrations: Sequence[Registration]) -> HttpResponse:
    return spreadsheets.xlsx_response(
        f"som-attendees-{event.slug}.xlsx",
        title=_("Attendees"),
        header=_header(),
        rows=_rows(registrations),
        widths=(30, 34, 34, 22, 12, 18),
    )


def badges_pdf(event: Event, registrations: Sequence[Registration]) -> HttpResponse:
    """A4 pages of 2 x 4 badges (name, organisation, event), to cut out."""
    pdf = render_pdf("events/badges_pdf.html", {"event": event, "registrations": registrations})
    return _attachment(
        HttpResponse(pdf, content_type="application/pdf"), f"som-badges-{event.slug}.pdf"
    )


EXPORTS = {"csv": attendees_csv, "xlsx": attendees_xlsx, "pdf": badges_pdf}
