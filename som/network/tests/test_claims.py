"""Acting for an organisation: nobody becomes its contact person, or is attached to it, without
proof (a verified address on its domain) or a human decision (the team, or a contact person
handing over)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from som.core.models import AuditEntry
from som.network import selectors
from som.network.models import Affiliation, Claim, Organisation
from som.network.services import OrganisationData, claims
from som.network.services.claims import ClaimError
from som.network.tests.factories import make_organisation, make_person


def _contacts(organisation: Organisation) -> set[str]:
    return set(selectors.contacts_of(organisation).values_list("email", flat=True))


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent():` runs the mails the block queues on commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _new_school(**overrides: object) -> OrganisationData:
    values: dict[str, object] = {
        "name": "Basisschool Het Nieuwe Veld",
        "kind": Organisation.Kind.SCHOOL,
        "instellingsnummer": "912345",
        "network": Organisation.Network.OVSG_POV,
        "sector": Organisation.Sector.EDUCATION,
        "street": "Veldstraat 1",
        "postal_code": "3010",
        "city": "Kessel-Lo",
        "levels": ["kleuter", "lager"],
        "email_domains": ["hetnieuweveld.be"],
    }
    values.update(overrides)
    return OrganisationData(**values)  # type: ignore[arg-type]


# --- Proof: a verified address on the organisation's domain ---------------------------------------


def test_a_verified_address_on_the_domain_makes_the_person_contact_at_once(
    school, school_contact, sent
):
    director = make_person(email="directie@delinde.be", full_name="Dirk Directeur")
    mail.outbox.clear()
    with sent():
        claim = claims.claim_organisation(
            person=director, organisation=school, job_title="directeur"
        )
    assert claim.status == Claim.Status.GRANTED
    assert claim.basis == Claim.Basis.EMAIL_DOMAIN
    assert claim.decided_by is None
    assert _contacts(school) == {"directie@delinde.be", "contact@delinde.be"}
    assert Affiliation.objects.get(person=director, role="contact").job_title == "directeur"
    # The person hears it, and so does the current contact person (who can hand over).
    assert _recipients() == ["contact@delinde.be", "directie@delinde.be"]
    told = next(m for m in mail.outbox if m.to == ["contact@delinde.be"])
    assert "Dirk Directeur" in told.body
    assert f"/organisaties/verzoeken/{claim.pk}/" in told.body


def test_an_unverified_address_on_the_domain_is_no_proof(school):
    unverified = make_person(email="nog-niet@delinde.be", email_verified=False)
    claim = claims.claim_organisation(person=unverified, organisation=school, reason="Nieuw hier")
    assert claim.status == Claim.Status.PENDING
    assert "nog-niet@delinde.be" not in _contacts(school)


def test_a_public_mail_domain_is_never_proof(db):
    # The team could put gmail.com on an organisation by mistake; it still proves nothing.
    organisation = make_organisation(name="Vzw Gmail", email_domains=["gmail.com"])
    person = make_person(email="iemand@gmail.com")
    claim = claims.claim_organisation(person=person, organisation=organisation, reason="Echt")
    assert claim.status == Claim.Status.PENDING
    assert not selectors.is_contact(person, organisation)


# --- Without proof: the request waits -------------------------------------------------------------


def test_without_proof_the_request_waits_and_the_team_and_the_contact_hear_of_it(
    school, school_contact, settings, sent
):
    director = make_person(email="dirk@gmail.com", full_name="Dirk Directeur")
    mail.outbox.clear()
    with sent():
        claim = claims.claim_organisation(
            person=director,
            organisation=school,
            reason="Ik ben de nieuwe directeur sinds september.",
        )
    assert claim.status == Claim.Status.PENDING
    assert _contacts(school) == {"contact@delinde.be"}
    assert not selectors.organisations_of(director).exists()
    assert _recipients() == sorted(
        ["contact@delinde.be", "dirk@gmail.com", settings.SOM_TEAM_EMAIL]
    )
    team_mail = next(m for m in mail.outbox if m.to == [settings.SOM_TEAM_EMAIL])
    assert "Dirk Directeur" in team_mail.subject
    assert "nieuwe directeur sinds september" in team_mail.body
    assert list(selectors.pending_claims()) == [claim]
    assert list(selectors.claims_to_hand_over(school_contact)) == [claim]
    assert list(selectors.claims_of(director)) == [claim]


def test_without_proof_a_reason_is_needed_and_nothing_is_written(school):
    person = make_person(email="iemand@example.org")
    with pytest.raises(ClaimError) as error:
        claims.claim_organisation(person=person, organisation=school, reason="  ")
    assert error.value.code == "reason_required"
    assert not Claim.objects.exists()
    assert mail.outbox == []


def test_a_second_request_for_the_same_organisation_is_refused(school):
    person = make_person(email="iemand@example.org")
    claims.claim_organisation(person=person, organisation=school, reason="Eerste keer")
    with pytest.raises(ClaimError) as error:
        claims.claim_organisation(person=person, organisation=school, reason="Tweede keer")
    assert error.value.code == "already_pending"
    assert Claim.objects.count() == 1


def test_the_contact_person_cannot_ask_again(school, school_contact):
    with pytest.raises(ClaimError) as error:
        claims.claim_organisation(person=school_contact, organisation=school, reason="Nog eens")
    assert error.value.code == "already_contact"


# --- Decisions ------------------------------------------------------------------------------------


@pytest.fixture
def waiting(school) -> Claim:
    person = make_person(email="dirk@gmail.com", full_name="Dirk Directeur")
    return claims.claim_organisation(person=person, organisation=school, reason="Nieuwe directeur")


def test_the_team_approves_and_the_person_becomes_contact(waiting, team_member, school, sent):
    mail.outbox.clear()
    with sent():
        claims.grant_claim(claim=waiting, by=team_member)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.basis, waiting.decided_by) == ("granted", "team", team_member)
    assert "dirk@gmail.com" in _contacts(school)
    assert "dirk@gmail.com" in _recipients()
    assert AuditEntry.objects.filter(action="claim.granted", actor=team_member).exists()


def test_an_outsider_cannot_approve_and_nothing_changes(waiting, outsider, school):
    with pytest.raises(ClaimError) as error:
        claims.grant_claim(claim=waiting, by=outsider)
    assert error.value.code == "not_allowed"
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.PENDING
    assert "dirk@gmail.com" not in _contacts(school)


def test_the_person_who_asks_cannot_approve_their_own_request(waiting):
    with pytest.raises(ClaimError):
        claims.grant_claim(claim=waiting, by=waiting.person)
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.PENDING


def test_the_contact_person_hands_over_and_steps_down(waiting, school_contact, school, sent):
    mail.outbox.clear()
    with sent():
        claims.grant_claim(claim=waiting, by=school_contact, step_down=True)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.basis) == ("granted", "handover")
    assert _contacts(school) == {"dirk@gmail.com"}
    # The one who handed over gets no mail telling them what they just did.
    assert _recipients() == ["dirk@gmail.com"]


def test_the_contact_person_adds_a_second_contact(waiting, school_contact, school):
    claims.grant_claim(claim=waiting, by=school_contact)
    assert _contacts(school) == {"dirk@gmail.com", "contact@delinde.be"}


def test_a_request_is_decided_once(waiting, team_member):
    claims.grant_claim(claim=waiting, by=team_member)
    with pytest.raises(ClaimError) as error:
        claims.decline_claim(claim=waiting, reason="Toch niet", by=team_member)
    assert error.value.code == "already_decided"


def test_the_team_declines_with_a_reason_the_person_receives(waiting, team_member, school, sent):
    mail.outbox.clear()
    with sent():
        claims.decline_claim(claim=waiting, reason="De directie kent u niet.", by=team_member)
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.DECLINED
    assert "dirk@gmail.com" not in _contacts(school)
    assert mail.outbox[0].to == ["dirk@gmail.com"]
    assert "De directie kent u niet." in mail.outbox[0].body


def test_only_the_team_declines_and_only_with_a_reason(waiting, school_contact, team_member):
    with pytest.raises(ClaimError) as error:
        claims.decline_claim(claim=waiting, reason="Nee", by=school_contact)
    assert error.value.code == "not_team"
    with pytest.raises(ClaimError) as error:
        claims.decline_claim(claim=waiting, reason=" ", by=team_member)
    assert error.value.code == "reason_required"


def test_only_the_person_who_asked_withdraws(waiting, outsider):
    with pytest.raises(ClaimError):
        claims.withdraw_claim(claim=waiting, by=outsider)
    claims.withdraw_claim(claim=waiting, by=waiting.person)
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.WITHDRAWN
    assert not selectors.pending_claims().exists()


def test_the_last_contact_person_cannot_step_down(school, school_contact):
    with pytest.raises(ClaimError) as error:
        claims.step_down_as_contact(organisation=school, by=school_contact)
    assert error.value.code == "last_contact"


# --- Adding an organisation SOM Leuven does not know ----------------------------------------------


def test_a_director_adds_a_new_school_on_their_own_domain_and_is_its_contact_at_once(db):
    director = make_person(email="directie@hetnieuweveld.be", full_name="Dana Directeur")
    claim = claims.add_organisation(
        person=director, data=_new_school(), reason="", job_title="directeur"
    )
    school = claim.organisation
    assert (claim.status, claim.basis, claim.added_organisation) == (
        "granted",
        "email_domain",
        True,
    )
    assert school.instellingsnummer == "912345"
    assert sorted(school.levels.values_list("code", flat=True)) == ["kleuter", "lager"]
    assert list(school.email_domains.values_list("domain", flat=True)) == ["hetnieuweveld.be"]
    assert selectors.is_contact(director, school)
    assert AuditEntry.objects.filter(action="organisation.created", actor=director).exists()


def test_a_new_school_on_another_domain_waits_for_the_team(db):
    person = make_person(email="dana@gmail.com")
    claim = claims.add_organisation(person=person, data=_new_school(), reason="Ik ben directeur")
    assert claim.status == Claim.Status.PENDING
    assert claim.added_organisation
    assert not selectors.is_contact(person, claim.organisation)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"instellingsnummer": "12ab5"}, "instellingsnummer"),
        ({"instellingsnummer": "1234567"}, "instellingsnummer"),
        ({"email_domains": ["gmail.com"]}, "email_domains"),
        ({"email_domains": ["niet een domein"]}, "email_domains"),
    ],
)
def test_bad_details_of_a_new_school_are_refused_and_nothing_is_written(db, overrides, field):
    person = make_person(email="directie@hetnieuweveld.be")
    with pytest.raises(ValidationError) as error:
        claims.add_organisation(person=person, data=_new_school(**overrides), reason="x")
    assert field in error.value.message_dict
    assert not Organisation.objects.filter(name="Basisschool Het Nieuwe Veld").exists()
    assert not Claim.objects.exists()


def test_a_known_institution_number_points_to_the_known_school(school):
    person = make_person(email="directie@hetnieuweveld.be")
    with pytest.raises(ValidationError) as error:
        claims.add_organisation(
            person=person,
            data=_new_school(instellingsnummer=school.instellingsnummer),
            reason="x",
        )
    assert "Basisschool De Linde" in error.value.message_dict["instellingsnummer"][0]
    assert not Claim.objects.exists()


def test_the_same_name_in_the_same_town_is_refused(school):
    person = make_person(email="iemand@example.org")
    with pytest.raises(ValidationError) as error:
        claims.add_organisation(
            person=person,
            data=_new_school(name="basisschool de linde", city="Leuven", instellingsnummer=""),
            reason="x",
        )
    assert "name" in error.value.message_dict


def test_nobody_outside_the_team_adds_more_than_a_few_organisations(db):
    person = make_person(email="veel@example.org")
    for n in range(claims.MAX_ADDED_ORGANISATIONS):
        claims.add_organisation(
            person=person,
            data=_new_school(name=f"School {n}", instellingsnummer="", email_domains=[]),
            reason="x",
        )
    with pytest.raises(ClaimError) as error:
        claims.add_organisation(
            person=person,
            data=_new_school(name="Nog een", instellingsnummer="", email_domains=[]),
            reason="x",
        )
    assert error.value.code == "too_many_added"


# --- Finding an organisation ----------------------------------------------------------------------


def test_search_by_name_town_or_institution_number(db):
    linde = make_organisation(
        name="Basisschool De Linde", city="Heverlee", instellingsnummer="12345"
    )
    ring = make_organisation(name="Atheneum De Ring", city="Leuven", instellingsnummer="098765")
    assert selectors.search_organisations("linde") == [linde]
    assert selectors.search_organisations("de heverlee") == [linde]
    assert selectors.search_organisations("Leuven") == [ring]
    assert selectors.search_organisations("012345") == [linde]
    assert selectors.search_organisations("12345") == [linde]
    assert selectors.search_organisations("98765") == [ring]
    assert selectors.search_organisations("   ") == []
    assert selectors.search_organisations("school die niet bestaat") == []
