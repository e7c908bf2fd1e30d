"""The demo's directory of the network: the member institutions appear by themselves (their
membership counts); here a few contacts describe their school, some show their address, two
people put their name on their school's page, and the team marks the city's education department
as a partner. All through the directory's services, as the people themselves would."""

from som.accounts.models import Person
from som.network.models import Affiliation, Organisation
from som.publishing import directory

PROFILES = {
    "De Wijnpers": (
        "Secundaire school in het centrum van Leuven met een brede eerste graad, STEM en "
        "kunstrichtingen. We werken graag samen met basisscholen rond de overstap naar het "
        "secundair.",
        True,
    ),
    "UCLL": (
        "Hogeschool met lerarenopleidingen voor kleuter-, lager en secundair onderwijs. Onze "
        "studenten lopen stage in heel wat scholen van het netwerk.",
        True,
    ),
    "Atheneum De Ring": (
        "Atheneum met een sterke werking rond welbevinden en leerlingenparticipatie.",
        False,
    ),
    "CVO Volt": (
        "Centrum voor volwassenenonderwijs: Nederlands als tweede taal, talen en "
        "beroepsopleidingen.",
        True,
    ),
}
PARTNER = "Stad Leuven – Dienst Onderwijs"
PARTNER_TEXT = (
    "De Dienst Onderwijs van de stad Leuven ondersteunt scholen en partners bij gelijke "
    "onderwijskansen, brede school en de overgang tussen onderwijsniveaus."
)
# Who puts their own name on their organisation's page, with the role they choose.
LISTED_PEOPLE = [
    ("contact@dewijnpers.demo", "De Wijnpers", "Directeur en aanspreekpunt voor SOM"),
    ("trekker@ucll.demo", "UCLL", "Lector lerarenopleiding, trekker van een SOM-lab"),
]


def load(team: Person) -> None:
    for name, (description, show_address) in PROFILES.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            continue
        directory.update_profile(
            organisation=organisation,
            by=_contact_of(organisation) or team,
            listed=True,
            description=description,
            show_address=show_address,
            show_levels=True,
            show_network=True,
        )
    partner = Organisation.objects.filter(name=PARTNER).first()
    if partner is not None:
        directory.set_partner(organisation=partner, is_partner=True, by=team)
        directory.update_profile(
            organisation=partner,
            by=team,
            listed=True,
            description=PARTNER_TEXT,
            show_address=True,
            show_levels=False,
            show_network=False,
        )
    for email, organisation_name, role in LISTED_PEOPLE:
        person = Person.objects.filter(email=email).first()
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if person is not None and organisation is not None:
            directory.set_own_listing(
                person=person, organisation=organisation, listed=True, shown_role=role
            )


def _contact_of(organisation: Organisation) -> Person | None:
    affiliation = (
        organisation.affiliations.filter(role=Affiliation.Role.CONTACT, until__isnull=True)
        .select_related("person")
        .first()
    )
    return affiliation.person if affiliation else None
