"""Shared reads about memberships and the member register."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear, Lower

from som.accounts.models import Person
from som.finance.models import Invoice
from som.membership.models import (
    Application,
    Membership,
    MembershipType,
    MembershipYear,
    RegisterEntry,
    Tariff,
)
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by

EXIT_KINDS = (
    RegisterEntry.Kind.RESIGNATION,
    RegisterEntry.Kind.LAPSE,
    RegisterEntry.Kind.EXCLUSION,
)


def membership_types_with_tariffs() -> QuerySet[MembershipType]:
    """The membership types with their offered tariffs, dearest first (for the "join" page)."""
    return MembershipType.objects.prefetch_related(
        Prefetch(
            "tariffs",
            queryset=Tariff.objects.filter(is_active=True).order_by("-amount"),
            to_attr="offered_tariffs",
        )
    ).order_by("position")


def open_years(today: datetime.date) -> QuerySet[MembershipYear]:
    return MembershipYear.objects.filter(ends_on__gte=today).order_by("year")


def counting_on(on: datetime.date) -> Q:
    """Memberships that count on a day: started, within their year, not yet ended."""
    return Q(counts_from__isnull=False, counts_from__lte=on, year__ends_on__gte=on) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )


def memberships_counting_on(on: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.filter(counting_on(on)).select_related(
        "membership_type", "organisation", "person", "year"
    )


def renewable_memberships(year: MembershipYear) -> QuerySet[Membership]:
    """The memberships of the year before `year` that are active and not renewed yet."""
    return (
        Membership.objects.filter(
            year__year=year.year - 1, status=Membership.Status.ACTIVE, renewal__isnull=True
        )
        .select_related("membership_type", "tariff", "organisation", "person", "representative")
        .order_by("pk")
    )


def unpaid_memberships() -> Iterator[tuple[Membership, Invoice]]:
    memberships = {
        membership.pk: membership
        for membership in Membership.objects.filter(
            status=Membership.Status.AWAITING_PAYMENT
        ).select_related("year", "membership_type", "organisation", "person", "representative")
    }
    invoices = Invoice.objects.filter(
        purpose=Invoice.Purpose.MEMBERSHIP,
        subject_id__in=list(memberships),
        status=Invoice.Status.OPEN,
    ).order_by("pk")
    for invoice in invoices:
        assert invoice.subject_id is not None
        yield memberships[invoice.subject_id], invoice


def memberships_of_person(person: Person) -> QuerySet[Membership]:
    """The person's own memberships and those of the organisations they are contact of."""
    return (
        Membership.objects.filter(
            Q(person=person) | Q(organisation__in=organisations_contacted_by(person))
        )
        .select_related("membership_type", "tariff", "year", "organisation", "representative")
        .order_by("-year__year", "pk")
    )


# --- The member register --------------------------------------------------------------------------


def _standing_entries(on: datetime.date | None = None) -> QuerySet[RegisterEntry]:
    """Admissions and exits that were not corrected away, decided on or before `on`."""
    entries = RegisterEntry.objects.filter(
        kind__in=[RegisterEntry.Kind.ADMISSION, *EXIT_KINDS], corrections__isnull=True
    )
    if on is not None:
        entries = entries.filter(decision_date__lte=on)
    return entries


def is_registered_member(organisation: Organisation, on: datetime.date | None = None) -> bool:
    last = (
        _standing_entries(on)
        .filter(organisation=organisation)
        .order_by("-decision_date", "-number")
        .first()
    )
    return last is not None and last.kind == RegisterEntry.Kind.ADMISSION


@dataclass(frozen=True)
class RegisterLine:
    organisation: Organisation
    admitted_on: datetime.date
    admission: RegisterEntry
    latest: RegisterEntry


def voting_members_on(on: datetime.date) -> list[RegisterLine]:
    """The register of voting members on a day, derived from the append-only entries."""
    latest_standing: dict[int, RegisterEntry] = {}
    admissions: dict[int, RegisterEntry] = {}
    for entry in (
        _standing_entries(on).select_related("organisation").order_by("decision_date", "number")
    ):
        latest_standing[entry.organisation_id] = entry
        if entry.kind == RegisterEntry.Kind.ADMISSION:
            admissions[entry.organisation_id] = entry
    latest_any: dict[int, RegisterEntry] = {}
    for entry in (
        RegisterEntry.objects.filter(decision_date__lte=on, corrections__isnull=True)
        .exclude(kind=RegisterEntry.Kind.CORRECTION)
        .order_by("decision_date", "number")
    ):
        latest_any[entry.organisation_id] = entry
    lines = [
        RegisterLine(
            organisation=entry.organisation,
            admitted_on=admissions[organisation_id].decision_date,
            admission=admissions[organisation_id],
            latest=latest_any.get(organisation_id, entry),
        )
        for organisation_id, entry in latest_standing.items()
        if entry.kind == RegisterEntry.Kind.ADMISSION
    ]
    return sorted(lines, key=lambda line: line.organisation.name.lower())


def register_entries(organisation: Organisation | None = None) -> QuerySet[RegisterEntry]:
    entries = RegisterEntry.objects.select_related("organisation", "registered_by", "corrects")
    if organisation is not None:
        entries = entries.filter(organisation=organisation)
    return entries.order_by("number")


def current_representative(organisation: Organisation) -> Person | None:
    membership = (
        Membership.objects.filter(organisation=organisation, representative__isnull=False)
        .select_related("representative")
        .order_by("-year__year")
        .first()
    )
    return membership.representative if membership else None


# --- Pages: a member's own, and the team's overview -----------------------------------------------


def invoices_by_membership(memberships: Iterable[Membership]) -> dict[int, list[Invoice]]:
    """The invoices of several memberships in one query, newest first, by membership id."""
    grouped: dict[int, list[Invoice]] = {membership.pk: [] for membership in memberships}
    for invoice in Invoice.objects.filter(
        purpose=Invoice.Purpose.MEMBERSHIP, subject_id__in=list(grouped)
    ).order_by("-year", "-sequence"):
        assert invoice.subject_id is not None
        grouped[invoice.subject_id].append(invoice)
    return grouped


def pending_applications_of_person(person: Person) -> QuerySet[Application]:
    """Pending applications by the person or for the organisations they are contact of."""
    return (
        Application.objects.filter(
            Q(applicant=person) | Q(organisation__in=organisations_contacted_by(person)),
            status=Application.Status.PENDING,
        )
        .select_related("membership_type", "tariff", "year", "organisation", "applicant")
        .order_by("created_at")
    )


def applications_for_team(*, search: str = "", status: str = "") -> QuerySet[Application]:
    """Every application, pending ones first (oldest first), then the handled ones (newest)."""
    applications = Application.objects.select_related(
        "membership_type", "tariff", "year", "organisation", "applicant", "decided_by"
    )
    if search.strip():
        term = search.strip()
        applications = applications.filter(
            Q(organisation__name__icontains=term)
            | Q(organisation__isnull=True, applicant__full_name__icontains=term)
        )
    if status:
        applications = applications.filter(status=status)
    return applications


def memberships_for_team(
    *,
    year: MembershipYear | None = None,
    membership_type: MembershipType | None = None,
    status: str = "",
    search: str = "",
) -> QuerySet[Membership]:
    memberships = Membership.objects.select_related(
        "membership_type", "tariff", "year", "organisation", "person", "representative"
    )
    if year is not None:
        memberships = memberships.filter(year=year)
    if membership_type is not None:
        memberships = memberships.filter(membership_type=membership_type)
    if status:
        memberships = memberships.filter(status=status)
    if search.strip():
        term = search.strip()
        memberships = memberships.filter(
            Q(organisation__name__icontains=term)
            | Q(person__full_name__icontains=term)
            | Q(person__email__icontains=term)
        )
    holder = Lower(Coalesce("organisation__name", "person__full_name"))
    return memberships.order_by("membership_type__position", holder, "pk")


def membership_counts(year: MembershipYear) -> dict[tuple[str, str], int]:
    """How many memberships of the year per (type code, status)."""
    rows = (
        Membership.objects.filter(year=year)
        .values_list("membership_type__code", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(code, status): count for code, status, count in rows}


def unpaid_membership_invoices() -> QuerySet[Invoice]:
    """Open membership invoices, the oldest first."""
    return Invoice.objects.filter(
        purpose=Invoice.Purpose.MEMBERSHIP, status=Invoice.Status.OPEN
    ).order_by("issued_on", "year", "sequence")


@dataclass(frozen=True)
class Income:
    year: int
    memberships: Decimal
    total: Decimal


def income_per_year() -> list[Income]:
    """Money received on paid invoices, per calendar year of payment, newest year first."""
    rows = (
        Invoice.objects.filter(status=Invoice.Status.PAID, paid_on__isnull=False)
        .annotate(paid_year=ExtractYear("paid_on"))
        .values("paid_year")
        .annotate(
            total=Sum("amount"),
            memberships=Sum("amount", filter=Q(purpose=Invoice.Purpose.MEMBERSHIP)),
        )
        .order_by("-paid_year")
    )
    return [
        Income(
            year=row["paid_year"],
            memberships=row["memberships"] or Decimal("0"),
            total=row["total"] or Decimal("0"),
        )
        for row in rows
    ]


def membership_counts_by_year(year_ids: list[int]) -> dict[int, dict[str, int]]:
    """How many memberships per status, by year id, in one query."""
    rows = (
        Membership.objects.filter(year_id__in=year_ids)
        .values_list("year_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for year_id, status, count in rows:
        counts.setdefault(year_id, {})[status] = count
    return counts


def renewable_counts(years: list[int]) -> dict[int, int]:
    """For each year number, how many active memberships of the year before are not renewed yet
    (what renew_all would renew into it), in one query."""
    rows = (
        Membership.objects.filter(
            year__year__in=[year - 1 for year in years],
            status=Membership.Status.ACTIVE,
            renewal__isnull=True,
        )
        .values_list("year__year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {year + 1: count for year, count in rows}


def register_entries_of_contact(person: Person) -> QuerySet[RegisterEntry]:
    """The register's entries of the organisations the person is contact of, with corrections."""
    return (
        register_entries()
        .filter(organisation__in=organisations_contacted_by(person))
        .prefetch_related("corrections")
    )


def pending_and_handled(
    applications: QuerySet[Application],
) -> tuple[QuerySet[Application], QuerySet[Application]]:
    """The pending applications, oldest first, and the handled ones, last decided first."""
    pending = applications.filter(status=Application.Status.PENDING).order_by("created_at")
    handled = applications.exclude(status=Application.Status.PENDING).order_by("-decided_at", "-pk")
    return pending, handled


def year_running_on(today: datetime.date) -> MembershipYear | None:
    """The membership year that runs today, or else the first one (None without any year)."""
    return (
        MembershipYear.objects.filter(starts_on__lte=today, ends_on__gte=today).first()
        or MembershipYear.objects.first()
    )


def all_membership_types() -> QuerySet[MembershipType]:
    return MembershipType.objects.all()


def year_is_open(year: int) -> bool:
    return MembershipYear.objects.filter(year=year).exists()
