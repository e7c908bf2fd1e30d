"""Every template that shows a time is rendered on a clock that is not UTC (issue 16): the
apps' test_local_times.py cover their own; this module covers the back office's history, the
member register and the bank statements, and checks that no template is left out."""

import pytest
from django.urls import reverse

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

COVERS = {
    "admin/audit_history.html",
    "finance/payments.html",
    "membership/correct_entry.html",
    "membership/register_entries_table.html",
}


def test_every_template_that_shows_a_time_is_rendered_in_a_local_times_test():
    covered = COVERS | demo_times.COVERS | events_times.COVERS | governance_times.COVERS
    covered |= labs_times.COVERS
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
