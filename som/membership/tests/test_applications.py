import pytest
from django.core import mail

from som.membership import services
from som.membership.errors import MembershipError
from som.membership.models import Application, Membership
from som.membership.tests.conftest import tariff
from som.membership.tests.factories import approved_membership, invoice_of
from som.network.tests.factories import make_organisation


def _apply(**kwargs):
    return services.apply(**kwargs)


def test_a_contact_applies_for_general_membership_of_their_school(
    school_contact, school, general, this_year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = _apply(
            applicant=school_contact,
            membership_type=general,
            tariff=tariff(general),
            year=this_year,
            organisation=school,
        )
    assert application.status == Application.Status.PENDING
    assert {message.to[0] for message in mail.outbox} == {
        "hallo@samenonderwijsmaken.be",
        school_contact.email,
    }


def test_a_person_cannot_take_general_membership_for_themselves(teacher, general, this_year):
    with pytest.raises(MembershipError) as error:
        _apply(applicant=teacher, membership_type=general, tariff=tariff(general), year=this_year)
    assert error.value.code == "general_needs_organisation"
    assert not Application.objects.exists()


def test_a_school_without_institution_number_cannot_take_general_membership(
    teacher, general, this_year
):
    from som.network.models import Affiliation
    from som.network.tests.factories import affiliate

    vzw = make_organisation(name="Huiswerkklas vzw", kind="non_profit", instellingsnummer="")
    affiliate(teacher, vzw, Affiliation.Role.CONTACT)
    with pytest.raises(MembershipError) as error:
        _apply(
            applicant=teacher,
            membership_type=general,
            tariff=tariff(general),
            year=this_year,
            organisation=vzw,
        )
    assert error.value.code == "no_instellingsnummer"


def test_an_institution_with_a_number_is_pointed_to_general_membership(
    school_contact, school, lab, this_year
):
    with pytest.raises(MembershipError) as error:
        _apply(
            applicant=school_contact,
            membership_type=lab,
            tariff=tariff(lab),
            year=this_year,
            organisation=school,
        )
    assert error.value.code == "institution_takes_general"


def test_only_the_contact_applies_for_an_organisation(teacher, school, general, this_year):
    with pytest.raises(MembershipError) as error:
        _apply(
            applicant=teacher,
            membership_type=general,
            tariff=tariff(general),
            year=this_year,
            organisation=school,
        )
    assert error.value.code == "not_contact"


def test_the_reduced_tariff_asks_a_justification(school_contact, school, general, this_year):
    with pytest.raises(MembershipError) as error:
        _apply(
            applicant=school_contact,
            membership_type=general,
            tariff=tariff(general, "reduced"),
            year=this_year,
            organisation=school,
            justification="  ",
        )
    assert error.value.code == "justification_required"


def test_one_open_application_per_organisation_and_year(school_contact, school, general, this_year):
    kwargs = dict(
        applicant=school_contact,
        membership_type=general,
        tariff=tariff(general),
        year=this_year,
        organisation=school,
    )
    _apply(**kwargs)
    with pytest.raises(MembershipError) as error:
        _apply(**kwargs)
    assert error.value.code == "already_applied"
    assert Application.objects.count() == 1


def test_a_person_applies_for_lab_membership_for_themselves(expert, lab, this_year):
    application = _apply(applicant=expert, membership_type=lab, tariff=tariff(lab), year=this_year)
    assert application.organisation is None


def test_approval_invoices_the_tariff_with_a_structured_reference_and_mails_a_pdf(
    school_contact, school, general, this_year, team_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = approved_membership(
            applicant=school_contact,
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=school,
            tariff_code="reduced",
        )
    invoice = invoice_of(membership)
    assert membership.status == Membership.Status.AWAITING_PAYMENT
    assert invoice.amount == tariff(general, "reduced").amount
    assert invoice.holder_name == school.name
    [invoice_mail] = [m for m in mail.outbox if invoice.number in m.subject]
    assert invoice_mail.to == [school_contact.email]
    _name, content, mimetype = invoice_mail.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_a_tariff_change_never_alters_an_issued_invoice(
    school_contact, school, general, this_year, team_member
):
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    standard = tariff(general)
    standard.amount = 120
    standard.save()
    assert str(invoice_of(membership).amount) == "100.00"


def test_decline_needs_a_reason_which_is_mailed(
    school_contact, school, general, this_year, team_member, django_capture_on_commit_callbacks
):
    application = _apply(
        applicant=school_contact,
        membership_type=general,
        tariff=tariff(general),
        year=this_year,
        organisation=school,
    )
    with pytest.raises(MembershipError):
        services.decline(application=application, reason="", by=team_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline(application=application, reason="Geen Leuvense school", by=team_member)
    assert any("Geen Leuvense school" in str(m.body) for m in mail.outbox)
    assert not Membership.objects.exists()


def test_only_the_team_approves(school_contact, school, general, this_year):
    application = _apply(
        applicant=school_contact,
        membership_type=general,
        tariff=tariff(general),
        year=this_year,
        organisation=school,
    )
    with pytest.raises(MembershipError) as error:
        services.approve(application=application, by=school_contact)
    assert error.value.code == "not_team"
