import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from som.finance import services as finance
from som.finance.models import Invoice
from som.finance.testing import coda_file
from som.membership import selectors, services
from som.membership.errors import MembershipError
from som.membership.models import Membership, RegisterEntry
from som.membership.services import register
from som.membership.tests.factories import approved_membership, invoice_of, paid_membership
from som.network.services import data_of, update_organisation


def test_a_paid_invoice_from_the_bank_activates_the_membership_and_admits_the_member(
    school_contact, school, general, this_year, team_member
):
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    invoice = invoice_of(membership)
    finance.import_statement_file(
        data=coda_file([(invoice.structured_reference, Decimal("100.00"))]),
        file_name="bank.cod",
        by=team_member,
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.counts_from is not None
    [entry] = RegisterEntry.objects.filter(organisation=school)
    assert entry.kind == RegisterEntry.Kind.ADMISSION
    assert entry.details["name"] == school.name
    assert entry.details["representative"] == str(school_contact)


def test_an_underpayment_leaves_the_membership_waiting(
    school_contact, school, general, this_year, team_member
):
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    finance.register_payment(
        invoice=invoice_of(membership),
        amount=Decimal("50"),
        booked_on=timezone.localdate(),
        by=team_member,
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.AWAITING_PAYMENT
    assert not RegisterEntry.objects.exists()


def test_lab_members_are_not_in_the_register_of_voting_members(expert, lab, this_year, team_member):
    paid_membership(applicant=expert, team=team_member, year=this_year, membership_type=lab)
    assert not RegisterEntry.objects.exists()


def test_the_register_shows_the_voting_members_on_any_date(
    school_contact, school, outsider, other_school, general, this_year, team_member
):
    first = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    paid_membership(
        applicant=outsider,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=other_school,
    )
    today = timezone.localdate()
    assert [line.organisation for line in selectors.voting_members_on(today)] == sorted(
        [school, other_school], key=lambda o: o.name.lower()
    )
    tomorrow = today + datetime.timedelta(days=1)
    services.resign(membership=first, by=school_contact, on=tomorrow)
    assert school in [line.organisation for line in selectors.voting_members_on(today)]
    assert school not in [line.organisation for line in selectors.voting_members_on(tomorrow)]
    assert [
        line.organisation
        for line in selectors.voting_members_on(today - datetime.timedelta(days=1))
    ] == []
    kinds = list(RegisterEntry.objects.filter(organisation=school).values_list("kind", flat=True))
    assert kinds == [RegisterEntry.Kind.ADMISSION, RegisterEntry.Kind.RESIGNATION]


def test_a_wrong_entry_is_corrected_by_a_new_entry_never_changed(
    school_contact, school, general, this_year, team_member
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    admission = RegisterEntry.objects.get(organisation=school)
    correction = register.correct_register_entry(
        entry=admission, note="Dubbel ingeschreven", by=team_member
    )
    assert correction.number == admission.number + 1
    assert correction.corrects == admission
    assert RegisterEntry.objects.get(pk=admission.pk).kind == RegisterEntry.Kind.ADMISSION
    assert selectors.voting_members_on(timezone.localdate()) == []
    with pytest.raises(MembershipError):
        register.correct_register_entry(entry=admission, note="nog eens", by=team_member)


def test_a_members_new_address_goes_into_the_register(
    school_contact, school, general, this_year, team_member
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    data = data_of(school)
    data.street = "Nieuwe Straat 7"
    update_organisation(organisation=school, data=data, by=school_contact)
    entry = RegisterEntry.objects.filter(organisation=school).latest("number")
    assert entry.kind == RegisterEntry.Kind.ADDRESS
    assert entry.details["seat"].startswith("Nieuwe Straat 7")


def test_a_new_representative_goes_into_the_register(
    school_contact, teacher, school, general, this_year, team_member
):
    membership = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    services.change_representative(membership=membership, representative=teacher, by=school_contact)
    entry = RegisterEntry.objects.filter(organisation=school).latest("number")
    assert entry.kind == RegisterEntry.Kind.REPRESENTATIVE
    assert entry.details["representative"] == str(teacher)


def test_only_the_member_resigns(school_contact, teacher, school, general, this_year, team_member):
    membership = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    with pytest.raises(MembershipError) as error:
        services.resign(membership=membership, by=teacher)
    assert error.value.code == "not_member"


def test_exclusion_needs_the_general_assemblys_decision(
    school_contact, school, general, this_year, team_member
):
    membership = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    with pytest.raises(MembershipError):
        services.exclude(
            membership=membership, decision_date=timezone.localdate(), decision="", by=None
        )
    services.exclude(
        membership=membership,
        decision_date=timezone.localdate(),
        decision="AV 2026-06-12, punt 4",
        by=team_member,
    )
    assert RegisterEntry.objects.filter(kind=RegisterEntry.Kind.EXCLUSION).count() == 1


# --- Renewal, reminders, lapse --------------------------------------------------------------------


def test_renewal_invoices_every_active_member_once(
    school_contact,
    school,
    expert,
    general,
    lab,
    this_year,
    team_member,
    django_capture_on_commit_callbacks,
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    paid_membership(applicant=expert, team=team_member, year=this_year, membership_type=lab)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("renew_memberships", str(this_year.year + 1))
    call_command("renew_memberships", str(this_year.year + 1))
    renewals = Membership.objects.filter(year__year=this_year.year + 1)
    assert renewals.count() == 2
    assert all(m.status == Membership.Status.AWAITING_PAYMENT for m in renewals)
    assert Invoice.objects.filter(status=Invoice.Status.OPEN).count() == 2
    assert len([m for m in mail.outbox if m.attachments]) == 2


def test_a_renewal_keeps_the_member_in_the_register_and_counting_while_unpaid(
    school_contact, school, general, this_year, team_member
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    call_command("renew_memberships", str(this_year.year + 1))
    renewal = Membership.objects.get(year__year=this_year.year + 1)
    first_day = renewal.year.starts_on
    assert selectors.memberships_counting_on(first_day).filter(pk=renewal.pk).exists()
    assert school in [line.organisation for line in selectors.voting_members_on(first_day)]


def test_two_reminders_then_the_membership_lapses_with_a_mail(
    school_contact, school, general, this_year, team_member, django_capture_on_commit_callbacks
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    call_command("renew_memberships", str(this_year.year + 1))
    renewal = Membership.objects.get(year__year=this_year.year + 1)
    invoice = invoice_of(renewal)
    year = renewal.year

    def run(days_after_due):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_reminders_and_lapse(
                today=invoice.due_on + datetime.timedelta(days=days_after_due)
            )

    assert run(1) == {"first_reminder": 0, "second_reminder": 0, "lapsed": 0}
    assert run(year.first_reminder_after_days)["first_reminder"] == 1
    assert "Reminder" in mail.outbox[0].subject or "Herinnering" in mail.outbox[0].subject
    assert run(year.first_reminder_after_days + 1)["first_reminder"] == 0
    assert run(year.second_reminder_after_days)["second_reminder"] == 1
    assert run(year.second_reminder_after_days + 1) == {
        "first_reminder": 0,
        "second_reminder": 0,
        "lapsed": 0,
    }
    lapse_day = invoice.due_on + datetime.timedelta(days=year.grace_days)
    assert run(year.grace_days)["lapsed"] == 1
    renewal.refresh_from_db()
    invoice.refresh_from_db()
    assert renewal.status == Membership.Status.LAPSED
    assert invoice.status == Invoice.Status.CANCELLED
    assert len(mail.outbox) == 1
    assert school not in [line.organisation for line in selectors.voting_members_on(lapse_day)]
    assert (
        RegisterEntry.objects.filter(organisation=school).latest("number").kind
        == RegisterEntry.Kind.LAPSE
    )


def test_a_first_application_never_paid_lapses_without_a_register_entry(
    school_contact, school, general, this_year, team_member
):
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    invoice = invoice_of(membership)
    services.send_reminders_and_lapse(
        today=invoice.due_on + datetime.timedelta(days=this_year.grace_days)
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LAPSED
    assert not RegisterEntry.objects.exists()


def test_the_representative_must_work_for_the_member(
    school_contact, school, outsider, general, this_year, team_member
):
    membership = paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    with pytest.raises(MembershipError) as error:
        services.change_representative(
            membership=membership, representative=outsider, by=school_contact
        )
    assert error.value.code == "not_staff"
