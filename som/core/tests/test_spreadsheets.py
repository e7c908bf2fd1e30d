"""A name that a spreadsheet would run as a formula stays text in every CSV and XLSX export."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from som.core.spreadsheets import safe_cell
from som.events import services as events
from som.events.tests.factories import make_event
from som.membership.tests.factories import paid_membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("text", [FORMULA, "+32 16", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Lotte Leraar", "a=b", "", None, -5, Decimal("-1.50")])
def test_other_cells_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_dates_stay_dates():
    assert safe_cell(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 7)


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    content = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def _assert_no_formula(response) -> list[tuple]:
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return list(sheet.values)


@pytest.fixture
def formula_person(db, school):
    person = make_person(email="formule@delinde.be", full_name=FORMULA)
    affiliate(person, school, Affiliation.Role.CONTACT)
    return person


def test_the_attendee_lists_keep_a_formula_as_text(client_of, team_member, formula_person):
    event = make_event(title="Netwerkdag")
    events.register(event=event, person=formula_person)
    client = client_of(team_member)
    export = "events:attendees_export"
    rows = _csv_rows(client.get(reverse(export, kwargs={"pk": event.pk, "format": "csv"})))
    assert rows[1][0] == "'" + FORMULA
    values = _assert_no_formula(
        client.get(reverse(export, kwargs={"pk": event.pk, "format": "xlsx"}))
    )
    assert values[1][0] == FORMULA  # the name itself, written as a string


def test_the_membership_overview_keeps_a_formula_as_text(
    client_of, team_member, formula_person, general, this_year
):
    organisation = make_organisation(name="=1+1 school")
    affiliate(formula_person, organisation, Affiliation.Role.CONTACT)
    paid_membership(
        applicant=formula_person,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=organisation,
    )
    response = client_of(team_member).get(reverse("membership:overview"), {"format": "csv"})
    (row,) = [row for row in _csv_rows(response)[1:] if "school" in row[0]]
    assert row[0] == "'=1+1 school"
    assert row[9] == "'" + FORMULA  # the representative


def test_the_member_register_keeps_a_formula_as_text(
    client_of, team_member, formula_person, school, general, this_year
):
    paid_membership(
        applicant=formula_person,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    client = client_of(team_member)
    rows = _csv_rows(client.get(reverse("membership:register"), {"format": "csv"}))
    assert rows[1][6] == "'" + FORMULA
    values = _assert_no_formula(client.get(reverse("membership:register"), {"format": "xlsx"}))
    assert values[1][6] == FORMULA
