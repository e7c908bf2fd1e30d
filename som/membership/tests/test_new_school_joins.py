"""A school SOM Leuven never heard of becomes a member: its director adds it, applies for its
general membership at the reduced tariff, the team approves once, the invoice is paid, and the
director gets the welcome mail. Nobody touches the database."""

import pytest
from django.core import mail

from som.finance import services as finance
from som.membership import services
from som.membership.models import Membership
from som.membership.tests.factories import invoice_of
from som.network.models import Organisation
from som.network.services import OrganisationData, claims
from som.network.tests.factories import make_person


def _add_school(director):
    return claims.add_organisation(
        person=director,
        data=OrganisationData(
            name="Basisschool Het Nieuwe Veld",
            kind=Organisation.Kind.SCHOOL,
            instellingsnummer="912345",
            network=Organisation.Network.OVSG_POV,
            street="Veldstraat 1",
            postal_code="3010",
            city="Kessel-Lo",
            levels=["kleuter", "lager"],
            email_domains=["hetnieuweveld.be"],
        ),
        job_title="directeur",
    ).organisation


def test_a_new_school_goes_from_adding_itself_to_an_active_membership(
    general, this_year, team_member, django_capture_on_commit_callbacks
):
    director = make_person(email="directie@hetnieuweveld.be", full_name="Dana Directeur")
    school = _add_school(director)
    application = services.apply(
        applicant=director,
        membership_type=general,
        tariff=general.tariffs.get(code="reduced"),
        year=this_year,
        organisation=school,
        justification="Veel leerlingen met een schooltoelage.",
    )
    membership = services.approve(application=application, by=team_member)
    invoice = invoice_of(membership)
    assert invoice.amount == general.tariffs.get(code="reduced").amount
    assert (invoice.holder_name, invoice.holder_address) == (
        "Basisschool Het Nieuwe Veld",
        "Veldstraat 1, 3010 Kessel-Lo",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        finance.register_payment(
            invoice=invoice, amount=invoice.amount, booked_on=invoice.issued_on, by=team_member
        )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.representative == director
    assert [message.to for message in mail.outbox] == [[director.email]]  # the welcome mail


def test_while_the_request_waits_the_person_cannot_apply_for_the_school(general, this_year, school):
    person = make_person(email="dirk@gmail.com")
    claims.claim_organisation(person=person, organisation=school, reason="Nieuwe directeur")
    with pytest.raises(services.MembershipError) as error:
        services.apply(
            applicant=person,
            membership_type=general,
            tariff=general.tariffs.get(code="standard"),
            year=this_year,
            organisation=school,
        )
    assert error.value.code == "not_contact"
