"""Every template that shows a time is rendered on a clock that is not UTC (issue 16): the
apps' test_local_times.py cover their own; this module covers the back office's history, the
member register and the bank statements, and checks that no template is left out."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from som.accounts.tests import test_local_times as accounts_times
from som.core import audit
from som.core.tests.local_times import HALF_PAST_THREE, assert_local, templates_showing_time
from som.demo.tests import test_local_times as demo_times
from som.events.tests import test_local_times as events_times
from som.finance import services as finance
from som.finance.testing import coda_file
from som.governance.tests import test_local_times as governance_times
from som.labs.tests import test_local_times as labs_times
from som.membership.models import RegisterEntry
from som.membership.tests.factories import paid_membership
from som.publishing.tests import test_local_times as publishing_times
from som.reports.tests import test_local_times as reports_times

COVERS = {
    "admin/audit_history.html",
    "finance/payments.html",
    "membership/correct_entry.html",
    "membership/register_entries_table.html",
}


def test_every_template_that_shows_a_time_is_rendered_in_a_local_times_test():
    covered = COVERS | demo_times.COVERS | events_times.COVERS | governance_times.COVERS
    covered |= labs_times.COVERS | reports_times.COVERS | accounts_times.COVERS
    covered |= publishing_times.COVERS
    missing = templates_showing_time() - covered
    assert not missing, (
        f"{sorted(missing)} show a time: render them in an app's test_local_times.py on the "
        "15:30 clock and add them to its COVERS"
    )


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


def test_the_history_in_the_back_office_is_in_local_time(client_of, team_member, school):
    audit.record(actor=team_member, action="organisation.checked", obj=school)
    assert_local(
        client_of(team_member),
        f"/admin/network/organisation/{school.pk}/history/",
        {"admin/audit_history.html"},
    )


def test_the_member_register_is_in_local_time(
    client_of, team_member, school_contact, school, general, this_year
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    client = client_of(team_member)
    entry = RegisterEntry.objects.get()
    assert_local(client, reverse("membership:register"), {"membership/register_entries_table.html"})
    assert_local(
        client,
        reverse("membership:correct_entry", args=[entry.number]),
        {"membership/correct_entry.html"},
    )


def test_the_bank_statements_are_in_local_time(client_of, team_member):
    finance.import_statement_file(data=coda_file([]), file_name="dec.cod", by=team_member)
    assert_local(client_of(team_member), reverse("finance:payments"), {"finance/payments.html"})


# --- In Python: a model's moment is formatted through localtime, never as it comes (UTC) ---------


def _formats_a_field_as_it_comes(node: ast.AST) -> bool:
    """`obj.starts_at.strftime(...)`, `f"{obj.starts_at:%H:%M}"` or `obj.starts_at.hour`: a
    datetime read from a row (UTC from the database) formatted without timezone.localtime."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "strftime" and isinstance(node.func.value, ast.Attribute)
    if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
        return isinstance(node.value, ast.Attribute) and "%" in ast.unparse(node.format_spec)
    if isinstance(node, ast.Attribute) and node.attr in {"hour", "minute"}:
        return isinstance(node.value, ast.Attribute) and node.value.attr.endswith("_at")
    return False


def test_no_code_formats_a_stored_moment_without_converting_it_to_local_time():
    root = Path(settings.BASE_DIR) / "som"
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if _formats_a_field_as_it_comes(node):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")  # type: ignore[attr-defined]
    assert not found, f"format through timezone.localtime() or localdate(): {found}"
