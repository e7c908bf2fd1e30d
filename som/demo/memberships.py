"""The demo's membership year: most charter institutions are members, a few still have to pay or
wait for the team, a non-profit and a person have a lab membership, and one bank statement
brought in the payments (with one the treasurer still has to match by hand). Late in the year
the next year is open and, from the renewal day, its renewal invoices are out."""

from decimal import Decimal

from django.utils import timezone

from som.accounts.models import Person
from som.accounts.services import create_person
from som.finance import services as finance
from som.finance.models import Invoice
from som.finance.testing import coda_file
from som.membership import services as membership
from som.membership.models import Membership, MembershipType, MembershipYear
from som.membership.services import rollover
from som.network.models import Affiliation, Organisation
from som.network.services import add_staff_member

CONTACT_NAMES = [
    "An Vermeulen",
    "Koen Maes",
    "Els Jacobs",
    "Pieter Willems",
    "Nathalie Goossens",
    "Tom Wouters",
    "Sarah Mertens",
    "Jan De Smet",
    "Fatima Benali",
    "Hilde Peeters",
    "Wim Claes",
    "Katrien Dubois",
    "Bram Verhoeven",
    "Leen Hermans",
    "Ahmed Ouali",
    "Griet Van Damme",
    "Joris Lambrechts",
    "Ines Vandenberghe",
    "Dirk Michiels",
    "Sofie Aerts",
    "Marc Stevens",
    "Evi Segers",
    "Stijn Hendrickx",
    "Lore Coppens",
    "Geert Smets",
]
# Of the charter institutions with a number, in alphabetical order: which do what this year.
REDUCED_EVERY = 7  # every seventh member asks the kansentarief
AWAITING_PAYMENT = {"Bovenlo", "De Ark", "Eureka", "Stroom"}
PENDING = {"De Nova Kids", "Vlierbeek"}
NOT_MEMBERS = {"KieM", "Pee & Nel", "TAnder", "Hertog Karel", "Terbank-Egenhoven"}
PAID_WITHOUT_OGM = "De Met"  # paid with a typo in the communication: for the treasurer
# Of next year's renewals, invoiced from 1 December: these two have not paid yet.
RENEWAL_NOT_YET_PAID = ("Bleydenberg", "Campus Redingenhof")


def load(team: Person) -> None:
    year = membership.open_year(year=timezone.localdate().year, by=team)
    general = MembershipType.objects.get(code=MembershipType.Code.GENERAL)
    lab = MembershipType.objects.get(code=MembershipType.Code.LAB)
    paid: list[Invoice] = []
    institutions = Organisation.objects.filter(instellingsnummer__isnull=False).order_by("name")
    for number, organisation in enumerate(institutions):
        if organisation.name in NOT_MEMBERS:
            continue
        contact = _contact_of(organisation, number, team)
        tariff = "reduced" if number % REDUCED_EVERY == 3 else "standard"
        application = membership.apply(
            applicant=contact,
            membership_type=general,
            tariff=general.tariffs.get(code=tariff),
            year=year,
            organisation=organisation,
            justification="Veel leerlingen met een schooltoelage; een krap werkingsbudget."
            if tariff == "reduced"
            else "",
        )
        if organisation.name in PENDING:
            continue
        invoice = _approve(application, team)
        if organisation.name not in AWAITING_PAYMENT:
            paid.append(invoice)
    paid += _lab_members(lab, year, team)
    _bank_statement(paid, team)
    # What the daily roll-over has done by today: from 1 October the next year is open, from
    # 1 December its renewal invoices are out (the organisation's settings).
    rollover.roll_over(today=timezone.localdate())
    _renewals_paid(team)


def _contact_of(organisation: Organisation, number: int, team: Person) -> Person:
    existing = organisation.affiliations.filter(role=Affiliation.Role.CONTACT).first()
    if existing is not None:
        return existing.person
    name = CONTACT_NAMES[number % len(CONTACT_NAMES)]
    email = f"contact@{organisation.slug}.demo"
    create_person(email=email, full_name=name, password=None, email_verified=True, by=team)
    add_staff_member(
        organisation=organisation,
        email=email,
        full_name=name,
        role=Affiliation.Role.CONTACT,
        job_title="Directeur" if number % 3 else "Zorgcoördinator",
        by=team,
    )
    return Person.objects.get(email=email)


def _approve(application: object, team: Person) -> Invoice:
    approved = membership.approve(application=application, by=team)  # type: ignore[arg-type]
    return Invoice.objects.get(purpose=Invoice.Purpose.MEMBERSHIP, subject_id=approved.pk)


def _lab_members(lab: MembershipType, year: MembershipYear, team: Person) -> list[Invoice]:
    non_profit = Organisation.objects.get(name="Huiswerkklas De Brug vzw")
    contact = _contact_of(non_profit, 3, team)
    invoices = [
        _approve(
            membership.apply(
                applicant=contact,
                membership_type=lab,
                tariff=lab.tariffs.get(code="reduced"),
                year=year,
                organisation=non_profit,
                justification="Kleine vrijwilligersvzw zonder vaste inkomsten.",
            ),
            team,
        )
    ]
    person = create_person(
        email="marleen.vos@example.org",
        full_name="Marleen Vos",
        password=None,
        email_verified=True,
        by=team,
    )
    invoices.append(
        _approve(
            membership.apply(
                applicant=person,
                membership_type=lab,
                tariff=lab.tariffs.get(code="standard"),
                year=year,
            ),
            team,
        )
    )
    return invoices


def _renewals_paid(team: Person) -> None:
    """Most members pay their renewal in December, so a general assembly early in the new year
    has its voters; two still have to, for the treasurer's reminders."""
    next_year = timezone.localdate().year + 1
    renewals = Invoice.objects.filter(
        purpose=Invoice.Purpose.MEMBERSHIP,
        status=Invoice.Status.OPEN,
        subject_id__in=Membership.objects.filter(year__year=next_year).values("pk"),
    ).order_by("holder_name")
    if not renewals:
        return
    unpaid = set(RENEWAL_NOT_YET_PAID)
    credits = [
        (invoice.structured_reference, invoice.amount)
        for invoice in renewals
        if invoice.holder_name not in unpaid
    ]
    finance.import_statement_file(
        data=coda_file(credits, day=timezone.localdate().strftime("%d%m%y"), statement="002"),
        file_name="demo-rekeninguittreksel-hernieuwingen.cod",
        by=team,
    )


def _bank_statement(paid: list[Invoice], team: Person) -> None:
    """One CODA statement pays the invoices; one school typed its communication wrong."""
    credits = []
    for invoice in paid:
        holder = invoice.holder_name
        communication = (
            f"lidgeld {holder[:30]}" if holder == PAID_WITHOUT_OGM else invoice.structured_reference
        )
        credits.append((communication, invoice.amount))
    credits.append(("gift voor de labo's - oudervereniging", Decimal("250.00")))
    finance.import_statement_file(
        data=coda_file(credits, day=timezone.localdate().strftime("%d%m%y")),
        file_name="demo-rekeninguittreksel.cod",
        by=team,
    )
