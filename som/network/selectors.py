"""Shared reads about the network."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils import timezone

from som.accounts.models import Person
from som.network.models import Affiliation, Organisation, Speerpunt


def speerpunten() -> QuerySet[Speerpunt]:
    return Speerpunt.objects.all()


def _current() -> Q:
    """Affiliations that count today: `until` is the day one stopped, so that day does not count."""
    today = timezone.localdate()
    return Q(since__lte=today) & (Q(until__isnull=True) | Q(until__gt=today))


def current_affiliations(person: Person) -> QuerySet[Affiliation]:
    return Affiliation.objects.filter(_current(), person=person).select_related("organisation")


def recognised_domains(person: Person) -> list[str]:
    """The domains of the person's verified email addresses."""
    return [
        email.rsplit("@", 1)[-1].lower()
        for email in EmailAddress.objects.filter(user=person, verified=True).values_list(
            "email", flat=True
        )
    ]


def organisations_of(person: Person) -> QuerySet[Organisation]:
    """The organisations a person works for today: by an open affiliation, or recognised by the
    verified email address's domain (derived here, never stored twice)."""
    if not person.is_authenticated:
        return Organisation.objects.none()
    affiliated = current_affiliations(person).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=affiliated) | Q(email_domains__domain__in=_recognised_domains_query(person))
    ).distinct()


def _recognised_domains_query(person: Person) -> QuerySet[EmailAddress]:
    """`recognised_domains` as a subquery, so that `organisations_of` stays one query."""
    after_the_at = Substr("email", StrIndex("email", Value("@")) + 1)
    domains: QuerySet[EmailAddress] = (
        EmailAddress.objects.filter(user=person, verified=True)
        .annotate(domain=Lower(after_the_at))
        .values("domain")
    )
    return domains


def organisations_contacted_by(person: Person) -> QuerySet[Organisation]:
    """Organisations where this person is the contact person today."""
    return Organisation.objects.filter(
        pk__in=current_affiliations(person)
        .filter(role=Affiliation.Role.CONTACT)
        .values("organisation_id")
    )


@dataclass(frozen=True)
class MyOrganisation:
    organisation: Organisation
    affiliations: list[Affiliation]
    can_manage: bool

    @property
    def recognised_by_email_only(self) -> bool:
        return not self.affiliations


def my_organisations(person: Person) -> list[MyOrganisation]:
    """The person's organisations with their own roles there, and whether they manage each.
    Three queries whatever the number of organisations."""
    mine = Affiliation.objects.filter(_current(), person=person).order_by("role")
    organisations = (
        organisations_of(person)
        .prefetch_related(Prefetch("affiliations", queryset=mine, to_attr="my_affiliations"))
        .order_by("name")
    )
    result = []
    for organisation in organisations:
        affiliations: list[Affiliation] = organisation.my_affiliations  # type: ignore[attr-defined]
        is_contact = any(a.role == Affiliation.Role.CONTACT for a in affiliations)
        result.append(
            MyOrganisation(
                organisation=organisation,
                affiliations=affiliations,
                can_manage=person.is_staff or is_contact,
            )
        )
    return result


def staff_of(organisation: Organisation, search: str = "") -> QuerySet[Affiliation]:
    """Today's staff list, sorted by name; `search` narrows it by name or email."""
    today = timezone.localdate()
    staff = organisation.affiliations.filter(Q(until__isnull=True) | Q(until__gt=today))
    staff = staff.select_related("person")
    if search.strip():
        term = search.strip()
        staff = staff.filter(
            Q(person__full_name__icontains=term) | Q(person__email__icontains=term)
        )
    return staff.order_by("person__full_name", "person__email", "role")


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("levels").order_by("name")
