"""Build the demo: real Leuven institutions (with visibly fake institution numbers starting
with 9) and the people of a SOM year, all through the services a user would go through."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

from som.accounts.models import Person
from som.accounts.services import activate_totp, create_person
from som.demo import (
    attendance_history,
    certificates,
    events,
    governance,
    labs,
    memberships,
    partner_calendar,
    publishing,
    reconfirmation,
    selection,
)
from som.demo import directory as demo_directory
from som.network.models import Organisation
from som.network.services import (
    OrganisationData,
    add_staff_member,
    create_organisation,
    data_of,
    update_organisation,
)
from som.network.services.invitations import invite_staff_member

DEMO_PASSWORD = "som-demo-2026"
TEAM_TOTP_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA"
INSTITUTIONS_CSV = Path(__file__).resolve().parent / "data" / "charter-institutions.csv"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    full_name: str
    organisation: str
    affiliation_role: str
    is_staff: bool = False


LOGINS = [
    DemoLogin("team member", "team@som-leuven.demo", "Tine Janssens", "", "", is_staff=True),
    DemoLogin(
        "board member", "bestuur@som-leuven.demo", "Bart Peeters", "Atheneum De Ring", "director"
    ),
    DemoLogin("school contact", "contact@dewijnpers.demo", "Sofie Claes", "De Wijnpers", "contact"),
    DemoLogin("teacher", "leraar@dewijnpers.demo", "Youssef El Amrani", "De Wijnpers", "staff"),
    DemoLogin("lab lead", "trekker@ucll.demo", "Lien Wouters", "UCLL", "staff"),
    DemoLogin("outsider", "buitenstaander@example.org", "Olivier Dubois", "", ""),
]

EXTRA_ORGANISATIONS = [
    OrganisationData(
        name="Stad Leuven – Dienst Onderwijs",
        kind=Organisation.Kind.CITY,
        sector=Organisation.Sector.GOVERNMENT,
        street="Professor Van Overstraetenplein 1",
        postal_code="3000",
        email_domains=["leuven.demo"],
    ),
    OrganisationData(
        name="Huiswerkklas De Brug vzw",
        kind=Organisation.Kind.NON_PROFIT,
        sector=Organisation.Sector.WELFARE,
        enterprise_number="0403.170.701",
    ),
]

EMAIL_DOMAINS = {"De Wijnpers": ["dewijnpers.demo"], "UCLL": ["ucll.demo"]}


def logins_text(site: str) -> str:
    """Where to start and who to log in as, for the terminal (`load_demo`, `serve_demo`)."""
    site = site.rstrip("/")
    lines = [
        f"  Start here:  {site}/demo/  (what to try, per person)",
        f"  Mailbox:     {site}/demo/mail/  (every mail the demo sends: login codes, tickets)",
        f"  Back office: {site}/admin/",
        "",
        f"Demo logins (password for all: {DEMO_PASSWORD}):",
    ]
    for login in LOGINS:
        where = f" – {login.organisation}" if login.organisation else ""
        lines.append(f"  {login.role:<15} {login.email:<30} {login.full_name}{where}")
    lines += [
        "  The team member needs a two-factor code: run `make totp` in another terminal",
        f"  (or add the secret {TEAM_TOTP_SECRET} to an authenticator app).",
        "",
    ]
    return "\n".join(lines)


def is_loaded() -> bool:
    return Person.objects.filter(email=LOGINS[0].email).exists()


@transaction.atomic
def load() -> None:
    call_command("import_organisations", str(INSTITUTIONS_CSV), verbosity=0)
    for data in EXTRA_ORGANISATIONS:
        create_organisation(data=data, by=None)
    _add_email_domains()
    team = _create_people()
    _affiliate(team)
    _invite_a_colleague()
    memberships.load(team)
    calendar = events.load(team)
    partner_calendar.load(team)  # partners' items: accepted, waiting, declined, a feed
    attendance_history.load(team)  # past events: show-up rates, the overbooking proposal
    certificates.load(team)  # a study afternoon the teacher attended: a certificate issued
    reconfirmation.load(team)  # a full study day in 5 days: asked to reconfirm, an open offer
    governance.load(team)  # the board first: its secretary confirms the lab selection
    selection.load(team, calendar.som_start, calendar.today, calendar.next_day)
    labs.load(team, calendar.today)
    demo_directory.load(team)  # who is in the network: a few profiles, a partner, listed people
    publishing.load(team)  # the public site's stories and portraits, with their consents


def _add_email_domains() -> None:
    for name, domains in EMAIL_DOMAINS.items():
        organisation = Organisation.objects.get(name=name)
        data = data_of(organisation)
        data.email_domains = domains
        update_organisation(organisation=organisation, data=data, by=None)


def _invite_a_colleague() -> None:
    """The school contact has invited a new colleague, who has not answered yet: the staff page
    lists the address (and nothing else) with "Send again" and "Withdraw"."""
    contact = next(login for login in LOGINS if login.affiliation_role == "contact")
    invite_staff_member(
        organisation=Organisation.objects.get(name=contact.organisation),
        email="nieuwe.collega@dewijnpers.demo",
        job_title="Leerkracht",
        by=Person.objects.get(email=contact.email),
    )


def _create_people() -> Person:
    # One hash for the one public password: PBKDF2's million rounds took 5 of the build's seconds
    # when each login was hashed on its own (docs/performance.md, "From a fresh clone").
    shared_hash = make_password(DEMO_PASSWORD)
    team = None
    for login in LOGINS:
        person = create_person(
            email=login.email,
            full_name=login.full_name,
            is_staff=login.is_staff,
            email_verified=True,
        )
        Person.objects.filter(pk=person.pk).update(password=shared_hash)
        if login.is_staff:
            activate_totp(person=person, secret=TEAM_TOTP_SECRET)
            team = person
    assert team is not None
    return team


def _affiliate(team: Person) -> None:
    for login in LOGINS:
        if not login.organisation:
            continue
        add_staff_member(
            organisation=Organisation.objects.get(name=login.organisation),
            email=login.email,
            full_name=login.full_name,
            role=login.affiliation_role,
            by=team,
        )
