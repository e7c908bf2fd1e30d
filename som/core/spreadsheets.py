"""Spreadsheets made from what people typed: every CSV and XLSX export goes through here.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
LibreOffice, so a person named `=HYPERLINK("http://x","y")` would put a link (or worse) in the
team's attendee list (CSV injection, OWASP). In a CSV such a cell gets a leading apostrophe; in an
XLSX every text cell is written as a string, never as a formula, with Excel's quote prefix.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: numbers, dates and empty cells as they are, anything else (a
    person, a lazy translation) as its text, with a leading apostrophe when a spreadsheet would
    read that text as a formula. -5 is a number; "-5" typed in a name is not."""
    if _is_plain(value):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, int | float | Decimal | datetime.date | datetime.time)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """UTF-8 with a byte order mark and `;` between the fields, so Excel opens it as it is."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return _attachment(response, filename)


def xlsx_response(
    filename: str,
    *,
    title: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] = (),
) -> HttpResponse:
    """One sheet with a bold header; text is always a string cell, never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit for a sheet's name
    for row in [header, *rows]:
        sheet.append([_xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes "=..." a formula otherwise
                cell.quotePrefix = True
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def _xlsx_value(value: Any) -> Any:
    """Text without the control characters an XLSX cannot hold (openpyxl refuses the file)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if _is_plain(value):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))
