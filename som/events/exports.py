"""An event's attendee list as CSV or XLSX, and name badges as a PDF, for the team."""

import csv
import io
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from som.events.models import Event, Registration

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    """UTF-8 with a byte order mark and `;` between the fields, so Excel opens it as it is."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(_header())
    writer.writerows(_rows(registrations))
    return _attachment(response, f"som-attendees-{event.slug}.csv")


def attendees_xlsx(event: Event, registrations: Sequence[Registration]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Attendees")
    sheet.append(_header())
    for row in _rows(registrations):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (30, 34, 34, 22, 12, 18), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, f"som-attendees-{event.slug}.xlsx")


def badges_pdf(event: Event, registrations: Sequence[Registration]) -> HttpResponse:
    """A4 pages of 2 x 4 badges (name, organisation, event), to cut out."""
    from weasyprint import HTML  # imported here: loading Pango costs time at start-up

    html = render_to_string(
        "events/badges_pdf.html", {"event": event, "registrations": registrations}
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return _attachment(
        HttpResponse(pdf, content_type="application/pdf"), f"som-badges-{event.slug}.pdf"
    )


EXPORTS = {"csv": attendees_csv, "xlsx": attendees_xlsx, "pdf": badges_pdf}
