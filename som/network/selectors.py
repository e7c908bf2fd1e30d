"""Shared reads about the network."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from som.accounts.models import Person
from som.network.models import Affiliation, Organisation, Speerpunt


def speerpunten() -> QuerySet[Speerpunt]:
    return Speerpunt.objects.all()


def current_affiliations(person: Person) -> QuerySet[Affiliation]:
    today = timezone.localdate()
    return (
        Affiliation.objects.filter(person=person, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("organisation")
    )


def organisations_of(person: Person) -> QuerySet[Organisation]:
    """The organisations a person works for today: by an open affiliation, or recognised by the
    verified email address's domain (derived here, never stored twice)."""
    if not person.is_authenticated:
        return Organisation.objects.none()
    affiliated = current_affiliations(person).values("organisation_id")
    domains = [
        address.email.rsplit("@", 1)[-1].lower()
        for address in person.emailaddress_set.filter(verified=True)
    ]
    return Organisation.objects.filter(
        Q(pk__in=affiliated) | Q(email_domains__domain__in=domains)
    ).distinct()


def organisations_contacted_by(person: Person) -> QuerySet[Organisation]:
    """Organisations where this person is the contact person today."""
    return Organisation.objects.filter(
        pk__in=current_affiliations(person)
        .filter(role=Affiliation.Role.CONTACT)
        .values("organisation_id")
    )


def staff_of(organisation: Organisation) -> QuerySet[Affiliation]:
    today = timezone.localdate()
    return (
        organisation.affiliations.filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("person")
        .order_by("person__full_name", "person__email", "role")
    )


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("levels").order_by("name")
