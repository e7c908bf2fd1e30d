"""Membership years that roll over (issue 16): from the organisation's day the next year is
offered and is the default, a late application starts the next year (or includes the rest of
this one), renewal invoices go out before the year starts, and the team sets it all on its
"Membership years" page. All at a fixed clock (clock.py), 7 December 2026 unless a test says."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from som.core.models import AuditEntry
from som.finance import services as finance
from som.finance.models import Invoice
from som.membership import selectors, services, years
from som.membership.errors import MembershipError
from som.membership.models import Application, Membership, MembershipYear, YearSettings
from som.membership.services import rollover
from som.membership.tests.clock import BRUSSELS, at, today
from som.membership.tests.conftest import tariff
from som.membership.tests.factories import invoice_of, paid_membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person

__all__ = ["today"]  # the autouse clock

DAY = datetime.date


def url(name, *args):
    """The Dutch address: the pages answer in Dutch, the site's first language."""
    with translation.override("nl"):
        return reverse(f"membership:{name}", args=args)


def set_late_application(value):
    YearSettings.objects.filter(pk=1).update(late_application=value)


def member_since_march(team_member, general, today, name="Lidschool"):
    """A school that joined and paid in March 2026; the clock goes back to where it was."""
    now = datetime.datetime.now(tz=BRUSSELS)
    today.move_to(at("2026-03-02"))
    year = services.open_year(year=2026, by=None)
    school = make_organisation(name=name)
    contact = make_person(full_name=f"Contact {name}")
    affiliate(contact, school, Affiliation.Role.CONTACT)
    membership = paid_membership(
        team=team_member, applicant=contact, year=year, membership_type=general, organisation=school
    )
    today.move_to(now)
    return membership


def pay(membership, team_member, on):
    invoice = invoice_of(membership)
    finance.register_payment(invoice=invoice, amount=invoice.amount, booked_on=on, by=team_member)
    membership.refresh_from_db()
    return membership


# --- Which years are offered ----------------------------------------------------------------------


@pytest.mark.parametrize("today", ["2026-09-30"], indirect=True)
def test_before_the_settings_day_only_this_year_is_offered(db):
    assert [(o.year, o.is_default) for o in years.offered_years(DAY(2026, 9, 30))] == [(2026, True)]


@pytest.mark.parametrize("today", ["2026-10-01"], indirect=True)
def test_from_the_settings_day_the_next_year_is_offered_and_the_default(db):
    offers = years.offered_years(DAY(2026, 10, 1))
    assert [(o.year, o.is_default, o.counts_from_payment) for o in offers] == [
        (2026, False, False),
        (2027, True, False),
    ]
    assert offers[1].starts_on == DAY(2027, 1, 1)


def test_with_the_rest_of_the_year_included_only_the_next_year_is_offered(db):
    set_late_application(YearSettings.LateApplication.REST_AND_NEXT)
    offers = years.offered_years(DAY(2026, 12, 7))
    assert [(o.year, o.counts_from_payment) for o in offers] == [(2027, True)]


def test_the_team_moves_the_day_and_a_day_that_is_not_every_year_is_refused(team_member):
    rollover.update_settings(
        by=team_member,
        next_year_month=11,
        next_year_day=15,
        late_application="next_year",
        renewal_month=12,
        renewal_day=1,
    )
    assert [o.year for o in years.offered_years(DAY(2026, 11, 14))] == [2026]
    assert [o.year for o in years.offered_years(DAY(2026, 11, 15))] == [2026, 2027]
    assert AuditEntry.objects.filter(action="membership_year_settings.changed").count() == 1
    with pytest.raises(ValidationError) as error:
        rollover.update_settings(
            by=team_member,
            next_year_month=2,
            next_year_day=29,
            late_application="next_year",
            renewal_month=12,
            renewal_day=1,
        )
    assert "next_year_day" in error.value.message_dict
    assert YearSettings.objects.get().next_year_month == 11


def test_only_the_team_changes_the_settings(school_contact):
    with pytest.raises(MembershipError) as error:
        rollover.update_settings(
            by=school_contact,
            next_year_month=1,
            next_year_day=1,
            late_application="next_year",
            renewal_month=1,
            renewal_day=1,
        )
    assert error.value.code == "not_team"
    assert YearSettings.objects.get().next_year_month == 10


# --- Applying late in the year --------------------------------------------------------------------


def apply_data(general, school, year):
    return {
        "membership_type": general.code,
        "tariff": tariff(general).pk,
        "year": year,
        "organisation": school.pk,
        "justification": "",
    }


def test_on_7_december_a_contact_chooses_2027_and_it_is_the_default(
    client_of, school_contact, school, general
):
    client = client_of(school_contact)
    page = client.get(url("apply"))
    assert page.context["form"]["year"].value() == 2027
    assert [value for value, _label in page.context["form"].fields["year"].choices] == [2026, 2027]
    response = client.post(url("apply"), apply_data(general, school, 2027))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.year.year == 2027
    assert application.year.starts_on == DAY(2027, 1, 1)
    assert not application.counts_from_payment


def test_a_year_that_is_not_offered_is_refused_and_changes_nothing(
    client_of, school_contact, school, general
):
    response = client_of(school_contact).post(url("apply"), apply_data(general, school, 2028))
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    with pytest.raises(MembershipError) as error:
        services.apply(
            applicant=school_contact,
            membership_type=general,
            tariff=tariff(general),
            year=2028,
            organisation=school,
        )
    assert error.value.code == "year_not_offered"
    assert not Application.objects.exists()
    assert not MembershipYear.objects.filter(year=2028).exists()


def test_a_december_applicant_for_next_year_counts_from_1_january(
    school_contact, school, general, team_member
):
    application = services.apply(
        applicant=school_contact,
        membership_type=general,
        tariff=tariff(general),
        year=2027,
        organisation=school,
    )
    membership = pay(
        services.approve(application=application, by=team_member), team_member, DAY(2026, 12, 10)
    )
    assert membership.status == Membership.Status.ACTIVE
    assert membership.counts_from == DAY(2027, 1, 1)
    assert not selectors.memberships_counting_on(DAY(2026, 12, 15)).filter(pk=membership.pk)
    assert selectors.memberships_counting_on(DAY(2027, 1, 2)).filter(pk=membership.pk)


def test_with_the_rest_of_the_year_included_the_membership_counts_from_the_payment(
    school_contact, school, general, team_member
):
    set_late_application(YearSettings.LateApplication.REST_AND_NEXT)
    application = services.apply(
        applicant=school_contact,
        membership_type=general,
        tariff=tariff(general),
        year=2027,
        organisation=school,
    )
    assert application.counts_from_payment
    membership = pay(
        services.approve(application=application, by=team_member), team_member, DAY(2026, 12, 10)
    )
    assert membership.counts_from == DAY(2026, 12, 10)
    assert selectors.memberships_counting_on(DAY(2026, 12, 15)).filter(pk=membership.pk)
    assert selectors.memberships_counting_on(DAY(2027, 12, 31)).filter(pk=membership.pk)


# --- Renewals before the year starts --------------------------------------------------------------


@pytest.mark.parametrize("today", ["2026-11-30"], indirect=True)
def test_renewal_invoices_go_out_from_the_renewal_day_once(
    today, team_member, general, django_capture_on_commit_callbacks
):
    member = member_since_march(team_member, general, today)
    done = rollover.roll_over(today=DAY(2026, 11, 30))
    assert [year.year for year in done.opened] == [2027]
    assert done.renewed == []
    today.move_to(at("2026-12-01"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = rollover.roll_over(today=DAY(2026, 12, 1))
    assert done.opened == []
    [renewal] = done.renewed
    assert renewal.renewal_of == member and renewal.year.year == 2027
    invoice = invoice_of(renewal)
    assert invoice.issued_on == DAY(2026, 12, 1) and invoice.due_on < DAY(2027, 1, 1)
    assert "2027" in invoice.description
    assert len([message for message in mail.outbox if message.attachments]) == 1
    assert rollover.roll_over(today=DAY(2026, 12, 2)).renewed == []


def test_a_member_that_pays_after_the_renewal_day_is_renewed_by_the_next_run(
    today, team_member, general, school, school_contact
):
    year = services.open_year(year=2026, by=None)
    rollover.roll_over(today=DAY(2026, 12, 7))
    membership = pay(
        services.approve(
            application=services.apply(
                applicant=school_contact,
                membership_type=general,
                tariff=tariff(general),
                year=year,
                organisation=school,
            ),
            by=team_member,
        ),
        team_member,
        DAY(2026, 12, 7),
    )
    [renewal] = rollover.roll_over(today=DAY(2026, 12, 8)).renewed
    assert renewal.renewal_of == membership


def test_approving_an_application_for_a_year_with_a_renewal_says_why_not(
    today, team_member, general
):
    member = member_since_march(team_member, general, today)
    assert member.organisation is not None
    contact = member.organisation.affiliations.get(role=Affiliation.Role.CONTACT).person
    application = services.apply(
        applicant=contact,
        membership_type=general,
        tariff=tariff(general),
        year=2027,
        organisation=member.organisation,
    )
    rollover.roll_over(today=DAY(2026, 12, 7))
    with pytest.raises(MembershipError) as error:
        services.approve(application=application, by=team_member)
    assert error.value.code == "already_member"
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_the_daily_command_prints_only_what_it_did(today, team_member, general, capsys):
    member_since_march(team_member, general, today)
    call_command("roll_over_membership_years")
    assert capsys.readouterr().out.splitlines() == [
        "Membership year 2027 opened.",
        "1 membership(s) renewed and invoiced.",
    ]
    call_command("roll_over_membership_years")
    assert capsys.readouterr().out == ""


# --- The team's page ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["outsider", "teacher", "school_contact", "board_member"])
def test_the_years_page_does_not_exist_for_others(client_of, request, person):
    client = client_of(request.getfixturevalue(person))
    assert client.get(url("years")).status_code == 404
    response = client.post(url("years"), {"action": "open"})
    assert response.status_code == 404
    assert not MembershipYear.objects.filter(year=2027).exists()


def test_the_team_sends_the_renewals_early_from_its_page(
    today, client_of, team_member, general, django_assert_max_num_queries
):
    member_since_march(team_member, general, today)
    YearSettings.objects.filter(pk=1).update(renewal_month=12, renewal_day=20)
    client = client_of(team_member)
    with django_assert_max_num_queries(14):
        page = client.get(url("years"))
    text = page.content.decode()
    assert "2027" in text and 'value="renew"' in text
    response = client.post(url("years"), {"action": "renew", "year": "2027"})
    assert response.status_code == 302
    assert Membership.objects.filter(year__year=2027, renewal_of__isnull=False).count() == 1
    assert Invoice.objects.filter(status=Invoice.Status.OPEN).count() == 1
    client.post(url("years"), {"action": "renew", "year": "2027"})  # twice: nobody twice
    assert Invoice.objects.filter(status=Invoice.Status.OPEN).count() == 1


def test_the_team_cannot_renew_into_a_far_year_and_gets_the_reason(client_of, team_member):
    response = client_of(team_member).post(
        url("years"), {"action": "renew", "year": "2031"}, follow=True
    )
    assert "2031" in response.content.decode()
    assert not MembershipYear.objects.filter(year=2031).exists()


def test_the_team_saves_the_settings_and_a_wrong_day_is_shown_in_dutch(client_of, team_member):
    client = client_of(team_member)
    data = {
        "action": "settings",
        "next_year_day": "30",
        "next_year_month": "2",
        "late_application": "rest_and_next",
        "renewal_day": "1",
        "renewal_month": "12",
    }
    response = client.post(url("years"), data)
    assert response.status_code == 200
    assert "Die dag bestaat niet in elk jaar." in response.content.decode()
    assert YearSettings.objects.get().late_application == "next_year"
    response = client.post(url("years"), {**data, "next_year_day": "15", "next_year_month": "9"})
    assert response.status_code == 302
    settings = YearSettings.objects.get()
    assert (settings.next_year_month, settings.next_year_day) == (9, 15)
    assert settings.late_application == "rest_and_next"


@pytest.mark.parametrize("today", ["2027-01-02"], indirect=True)
def test_next_years_renewals_do_not_go_out_in_january(today, client_of, team_member, general):
    member_since_march(team_member, general, today)
    [renewal] = rollover.roll_over(today=DAY(2027, 1, 2)).renewed  # caught up into 2027
    pay(renewal, team_member, DAY(2027, 1, 2))
    with pytest.raises(MembershipError) as error:
        rollover.send_renewals(year=2028, by=team_member, today=DAY(2027, 1, 2))
    assert error.value.code == "too_early"
    assert not MembershipYear.objects.filter(year=2028).exists()
    page = client_of(team_member).get(url("years")).content.decode()
    assert 'value="renew"' not in page
