from allauth.account.models import EmailAddress

from som.network import selectors
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person


def test_organisations_of_includes_affiliations(school, teacher, other_school):
    assert list(selectors.organisations_of(teacher)) == [school]


def test_a_verified_address_on_an_email_domain_is_recognised_as_staff(school):
    person = make_person(email="juf@delinde.be")
    assert list(selectors.organisations_of(person)) == [school]


def test_an_unverified_address_on_an_email_domain_is_not_recognised(school):
    person = make_person(email="juf@delinde.be", email_verified=False)
    assert list(selectors.organisations_of(person)) == []


def test_a_second_verified_address_counts_too(school, expert):
    EmailAddress.objects.create(user=expert, email="eva@delinde.be", verified=True)
    assert list(selectors.organisations_of(expert)) == [school]


def test_an_organisation_is_listed_once_when_recognised_twice(school, teacher):
    # teacher is affiliated and has an address on delinde.be
    assert selectors.organisations_of(teacher).count() == 1


def test_the_anonymous_visitor_has_no_organisations(db):
    from django.contrib.auth.models import AnonymousUser

    assert list(selectors.organisations_of(AnonymousUser())) == []  # type: ignore[arg-type]


def test_my_organisations_shows_roles_and_who_manages(school, other_school, school_contact):
    affiliate(school_contact, other_school, Affiliation.Role.STAFF)
    mine = selectors.my_organisations(school_contact)
    assert [(m.organisation, m.can_manage) for m in mine] == [(other_school, False), (school, True)]
    assert [a.role for a in mine[1].affiliations] == ["contact"]


def test_my_organisations_marks_recognition_by_email_only(school):
    person = make_person(email="juf@delinde.be")
    [membership] = selectors.my_organisations(person)
    assert membership.recognised_by_email_only
    assert not membership.can_manage


def test_staff_of_is_sorted_by_name_and_can_be_searched(school, school_contact, teacher):
    assert [a.person.full_name for a in selectors.staff_of(school)] == [
        "Carla Contact",
        "Lotte Leraar",
    ]
    assert [a.person for a in selectors.staff_of(school, search="leraar@")] == [teacher]
    assert [a.person for a in selectors.staff_of(school, search="carla")] == [school_contact]


def test_organisations_contacted_by_only_counts_the_contact_role(school, school_contact, teacher):
    assert list(selectors.organisations_contacted_by(school_contact)) == [school]
    assert list(selectors.organisations_contacted_by(teacher)) == []


def test_another_organisation_is_not_mixed_in(school, other_school):
    make_organisation(name="Derde School", email_domains=["derde.be"])
    person = make_person(email="x@derde.be")
    assert school not in selectors.organisations_of(person)


def test_the_domain_is_recognised_whatever_the_case_of_the_address(school, expert):
    EmailAddress.objects.create(user=expert, email="Eva.Peeters@DeLinde.BE", verified=True)
    assert list(selectors.organisations_of(expert)) == [school]


def test_a_domain_that_only_ends_like_a_known_one_is_not_recognised(school, expert):
    EmailAddress.objects.create(user=expert, email="eva@nietdelinde.be", verified=True)
    EmailAddress.objects.create(user=expert, email="eva@delinde.be.example.org", verified=True)
    assert list(selectors.organisations_of(expert)) == []


def test_organisations_of_is_one_query(school, teacher, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(selectors.organisations_of(teacher)) == [school]
