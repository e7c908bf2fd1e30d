import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from som.accounts.models import Person
from som.core import audit
from som.network import selectors
from som.network.models import Affiliation, EmailDomain, Organisation
from som.network.services import (
    OrganisationData,
    StaffError,
    add_staff_member,
    create_organisation,
    data_of,
    end_affiliation,
    update_organisation,
)
from som.network.tests.factories import affiliate, make_organisation, make_person


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English; that they are translated is tested with the views."""
    with translation.override("en"):
        yield


def test_creating_an_organisation_writes_an_audit_entry_with_its_details(db, team_member):
    organisation = create_organisation(
        data=OrganisationData(
            name=" Sint-Pieterscollege ",
            instellingsnummer="12345",
            levels=["secundair"],
            email_domains=["SPC.be"],
        ),
        by=team_member,
    )
    assert organisation.name == "Sint-Pieterscollege"
    assert organisation.slug == "sint-pieterscollege"
    assert organisation.instellingsnummer == "012345"
    entry = audit.entries_for(organisation).get()
    assert entry.action == "organisation.created"
    assert entry.actor == team_member
    assert entry.changes["instellingsnummer"] == [None, "012345"]
    assert entry.changes["levels"] == [None, ["secundair"]]
    assert entry.changes["email_domains"] == [None, ["spc.be"]]


def test_two_organisations_with_the_same_name_get_different_slugs(db):
    first = make_organisation(name="De Ark")
    second = make_organisation(name="De Ark")
    assert first.slug == "de-ark"
    assert second.slug == "de-ark-2"


def test_updating_an_organisation_records_before_and_after(school, school_contact):
    data = data_of(school)
    data.city = "Heverlee"
    data.levels = ["kleuter", "lager"]
    update_organisation(organisation=school, data=data, by=school_contact)
    entry = audit.entries_for(school).filter(action="organisation.updated").get()
    assert entry.actor == school_contact
    assert entry.changes == {
        "city": ["Leuven", "Heverlee"],
        "levels": [["lager"], ["kleuter", "lager"]],
    }


def test_saving_unchanged_details_writes_no_audit_entry(school, school_contact):
    update_organisation(organisation=school, data=data_of(school), by=school_contact)
    assert not audit.entries_for(school).filter(action="organisation.updated").exists()


def test_a_duplicate_institution_number_is_refused_and_nothing_changes(school, other_school):
    data = data_of(other_school)
    data.instellingsnummer = school.instellingsnummer
    data.city = "Kessel-Lo"
    with pytest.raises(ValidationError) as error:
        update_organisation(organisation=other_school, data=data, by=None)
    assert error.value.message_dict["instellingsnummer"] == [
        f"Basisschool De Linde already has institution number {school.instellingsnummer}."
    ]
    other_school.refresh_from_db()
    assert other_school.city == "Leuven"
    assert not audit.entries_for(other_school).filter(action="organisation.updated").exists()


def test_a_duplicate_enterprise_number_is_refused_with_a_clear_message(db):
    make_organisation(name="Vzw Een", enterprise_number="0403.170.701")
    with pytest.raises(ValidationError) as error:
        make_organisation(name="Vzw Twee", enterprise_number="0403170701")
    assert "already has enterprise number 0403.170.701" in str(error.value)
    assert not Organisation.objects.filter(name="Vzw Twee").exists()


def test_an_email_domain_of_another_organisation_is_refused(school, other_school):
    data = data_of(other_school)
    data.email_domains = ["dering.be", "delinde.be"]
    with pytest.raises(ValidationError) as error:
        update_organisation(organisation=other_school, data=data, by=None)
    assert error.value.message_dict["email_domains"] == [
        "delinde.be already belongs to Basisschool De Linde."
    ]
    assert list(EmailDomain.objects.values_list("domain", flat=True)) == ["delinde.be"]


def test_all_problems_are_reported_at_once(school):
    data = data_of(school)
    data.name = ""
    data.instellingsnummer = "12ab"
    data.website = "not a url"
    with pytest.raises(ValidationError) as error:
        update_organisation(organisation=school, data=data, by=None)
    assert set(error.value.message_dict) == {"instellingsnummer"}
    data.instellingsnummer = ""
    with pytest.raises(ValidationError) as error:
        update_organisation(organisation=school, data=data, by=None)
    assert set(error.value.message_dict) == {"name", "website"}


def test_removing_an_email_domain_deletes_it(school):
    data = data_of(school)
    data.email_domains = []
    update_organisation(organisation=school, data=data, by=None)
    assert not school.email_domains.exists()


def test_a_contact_cannot_put_somebody_on_the_staff_list_directly(school, school_contact, expert):
    with pytest.raises(StaffError) as error:
        add_staff_member(
            organisation=school,
            email=expert.email,
            full_name="",
            role=Affiliation.Role.STAFF,
            by=school_contact,
        )
    assert error.value.code == "not_team"
    assert not school.affiliations.filter(person=expert).exists()


def test_the_team_adding_an_existing_person_links_them_and_tells_them(
    school, team_member, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        affiliation = add_staff_member(
            organisation=school,
            email=" Expert@KULeuven.example ",
            full_name="",
            role=Affiliation.Role.STAFF,
            job_title="Zorgco",
            by=team_member,
        )
    assert affiliation.person == expert
    assert affiliation.job_title == "Zorgco"
    assert affiliation.since == timezone.localdate()
    assert Person.objects.filter(email="expert@kuleuven.example").count() == 1
    assert [message.to for message in mail.outbox] == [["expert@kuleuven.example"]]
    assert "Basisschool De Linde" in mail.outbox[0].subject
    entry = audit.entries_for(school).filter(action="affiliation.created").first()
    assert entry is not None
    assert entry.changes == {"person": "expert@kuleuven.example", "role": "staff"}


def test_the_team_adding_a_new_person_creates_an_account_and_tells_them(
    school, team_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_staff_member(
            organisation=school,
            email="nieuw@delinde.be",
            full_name="Nina Nieuw",
            role=Affiliation.Role.STAFF,
            by=team_member,
        )
    person = Person.objects.get(email="nieuw@delinde.be")
    assert person.full_name == "Nina Nieuw"
    assert not person.has_usable_password()
    assert school in selectors.organisations_of(person)
    assert len(mail.outbox) == 1
    assert "Nina" in mail.outbox[0].body


def test_a_new_person_without_a_name_is_refused(school, team_member):
    with pytest.raises(StaffError) as error:
        add_staff_member(
            organisation=school,
            email="nieuw@delinde.be",
            full_name=" ",
            role=Affiliation.Role.STAFF,
            by=team_member,
        )
    assert error.value.code == "name_required"
    assert not Person.objects.filter(email="nieuw@delinde.be").exists()


@pytest.mark.parametrize(
    ("email", "role", "code"),
    [
        ("not-an-email", "staff", "invalid_email"),
        ("nieuw@delinde.be", "boss", "invalid_role"),
    ],
)
def test_a_bad_email_or_role_is_refused(school, team_member, email, role, code):
    with pytest.raises(StaffError) as error:
        add_staff_member(organisation=school, email=email, full_name="X", role=role, by=team_member)
    assert error.value.code == code


def test_a_second_affiliation_in_the_same_role_is_refused_and_nothing_changes(
    school, team_member, teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(StaffError) as error:
        add_staff_member(
            organisation=school,
            email=teacher.email,
            full_name="",
            role=Affiliation.Role.STAFF,
            by=team_member,
        )
    assert error.value.code == "already_affiliated"
    assert school.affiliations.filter(person=teacher).count() == 1
    assert mail.outbox == []


def test_the_same_person_may_have_a_second_role(school, team_member, teacher):
    add_staff_member(
        organisation=school,
        email=teacher.email,
        full_name="",
        role=Affiliation.Role.DIRECTOR,
        by=team_member,
    )
    assert school.affiliations.filter(person=teacher).count() == 2


def test_ending_an_affiliation_takes_the_person_off_the_staff_list_today(
    school, school_contact, teacher
):
    affiliation = school.affiliations.get(person=teacher)
    end_affiliation(affiliation=affiliation, by=school_contact)
    affiliation.refresh_from_db()
    assert affiliation.until == timezone.localdate()
    assert teacher not in [a.person for a in selectors.staff_of(school)]
    entry = audit.entries_for(school).filter(action="affiliation.ended").get()
    assert entry.actor == school_contact


def test_ending_an_affiliation_twice_is_refused(school, school_contact, teacher):
    affiliation = school.affiliations.get(person=teacher)
    end_affiliation(affiliation=affiliation, by=school_contact)
    with pytest.raises(StaffError) as error:
        end_affiliation(affiliation=affiliation, by=school_contact)
    assert error.value.code == "already_ended"


def test_a_contact_cannot_end_the_last_contact_person(school, school_contact):
    affiliation = school.affiliations.get(person=school_contact)
    with pytest.raises(StaffError) as error:
        end_affiliation(affiliation=affiliation, by=school_contact)
    assert error.value.code == "last_contact"
    affiliation.refresh_from_db()
    assert affiliation.until is None


def test_a_contact_can_step_down_when_there_is_another_contact(school, school_contact, teacher):
    affiliate(teacher, school, Affiliation.Role.CONTACT)
    affiliation = school.affiliations.get(person=school_contact)
    end_affiliation(affiliation=affiliation, by=school_contact)
    assert school not in selectors.organisations_contacted_by(school_contact)


def test_the_team_can_end_the_last_contact_person(school, school_contact, team_member):
    affiliation = school.affiliations.get(person=school_contact)
    end_affiliation(affiliation=affiliation, by=team_member)
    affiliation.refresh_from_db()
    assert affiliation.until is not None


def test_an_affiliation_that_starts_later_is_ended_on_its_first_day(
    school, school_contact, team_member
):
    person = make_person()
    future = timezone.localdate() + datetime.timedelta(days=30)
    affiliation = add_staff_member(
        organisation=school,
        email=person.email,
        full_name="",
        role="staff",
        since=future,
        by=team_member,
    )
    end_affiliation(affiliation=affiliation, by=school_contact)
    affiliation.refresh_from_db()
    assert affiliation.until == future
