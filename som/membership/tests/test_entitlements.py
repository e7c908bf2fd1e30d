import datetime

import pytest
from django.utils import timezone

from som.membership import entitlements, services
from som.membership.tests.factories import approved_membership, paid_membership
from som.network.models import Affiliation
from som.network.services import end_affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person

TODAY = timezone.localdate


def _member(school, contact, team, year, general):
    return paid_membership(
        applicant=contact, team=team, year=year, membership_type=general, organisation=school
    )


def test_staff_of_a_member_institution_come_free_to_network_days_and_join_labs(
    teacher, school, school_contact, team_member, this_year, general
):
    membership = _member(school, school_contact, team_member, this_year, general)
    answer = entitlements.free_network_day(teacher, TODAY())
    assert answer.granted and answer.code == "member_staff"
    assert answer.membership == membership
    assert school.name in answer.reason
    assert entitlements.lab_participation(teacher, TODAY())


def test_staff_of_an_institution_that_is_not_a_member_are_told_why_not(teacher):
    answer = entitlements.free_network_day(teacher, TODAY())
    assert not answer.granted
    assert answer.code == "no_membership"
    assert answer.reason


def test_a_membership_waiting_for_payment_gives_nothing_yet(
    teacher, school, school_contact, team_member, this_year, general
):
    approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    assert not entitlements.free_network_day(teacher, TODAY())


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_a_membership_ending_mid_year_counts_until_the_day_before_it_ends(
    teacher, school, school_contact, team_member, this_year, general
):
    membership = _member(school, school_contact, team_member, this_year, general)
    end = TODAY() + datetime.timedelta(days=10)
    services.resign(membership=membership, by=school_contact, on=end)
    assert entitlements.free_network_day(teacher, end - datetime.timedelta(days=1))
    assert not entitlements.free_network_day(teacher, end)
    assert not entitlements.free_network_day(teacher, TODAY() - datetime.timedelta(days=400))


def test_a_person_with_two_affiliations_is_entitled_through_the_member_one(
    school, school_contact, team_member, this_year, general
):
    person = make_person(email="twee@example.org")
    not_member = make_organisation(name="Niet-lid school")
    affiliate(person, not_member)
    affiliate(person, school)
    _member(school, school_contact, team_member, this_year, general)
    answer = entitlements.free_network_day(person, TODAY())
    assert answer.granted and answer.membership is not None
    assert answer.membership.organisation == school


def test_an_affiliation_that_ended_stops_the_entitlement(
    teacher, school, school_contact, team_member, this_year, general
):
    _member(school, school_contact, team_member, this_year, general)
    affiliation = Affiliation.objects.get(person=teacher, organisation=school)
    end_affiliation(affiliation=affiliation, by=school_contact, on=TODAY())
    # Also though the teacher's verified address is on the school's domain: they left.
    assert not entitlements.free_network_day(teacher, TODAY())


def test_a_verified_address_on_the_schools_domain_counts_as_staff(
    school, school_contact, team_member, this_year, general
):
    _member(school, school_contact, team_member, this_year, general)
    newcomer = make_person(email="nieuw@delinde.be")  # school's domain is delinde.be
    assert entitlements.free_network_day(newcomer, TODAY()).code == "member_staff"
    unverified = make_person(email="ander@delinde.be", email_verified=False)
    assert not entitlements.free_network_day(unverified, TODAY())


def test_a_personal_lab_membership_gives_network_days_and_labs_but_no_vote(
    expert, team_member, this_year, lab, school
):
    paid_membership(applicant=expert, team=team_member, year=this_year, membership_type=lab)
    assert entitlements.free_network_day(expert, TODAY()).code == "lab_member"
    assert entitlements.lab_participation(expert, TODAY())
    assert not entitlements.general_assembly_vote(expert, school, TODAY())


def test_an_invited_expert_of_a_lab_is_entitled_through_the_lab(outsider, monkeypatch):
    sources: list = []
    monkeypatch.setattr(entitlements, "_expert_sources", sources)
    entitlements.register_expert_source(
        lambda person, on, lab: "Samen naar school" if person == outsider else None
    )
    answer = entitlements.lab_participation(outsider, TODAY())
    assert answer.code == "invited_expert" and "Samen naar school" in answer.reason


def test_the_representative_votes_for_a_member_institution(
    school_contact, teacher, school, team_member, this_year, general
):
    membership = _member(school, school_contact, team_member, this_year, general)
    assert entitlements.general_assembly_vote(school_contact, school, TODAY()).granted
    assert not entitlements.general_assembly_vote(teacher, school, TODAY()).granted
    services.change_representative(membership=membership, representative=teacher, by=school_contact)
    assert entitlements.general_assembly_vote(teacher, school, TODAY()).code == "representative"
    answer = entitlements.general_assembly_vote(school_contact, school, TODAY())
    assert not answer.granted and str(teacher) in answer.reason


def test_nobody_votes_for_an_institution_that_is_not_a_member(school_contact, school):
    answer = entitlements.general_assembly_vote(school_contact, school, TODAY())
    assert answer.code == "not_voting_member"


def test_without_a_named_representative_the_contact_person_votes(
    school_contact, school, team_member, this_year, general
):
    membership = _member(school, school_contact, team_member, this_year, general)
    membership.representative = None
    membership.save()
    assert entitlements.general_assembly_vote(school_contact, school, TODAY()).code == (
        "contact_represents"
    )


def test_anonymous_visitors_are_asked_to_log_in(db):
    from django.contrib.auth.models import AnonymousUser

    assert entitlements.free_network_day(AnonymousUser(), TODAY()).code == "anonymous"
