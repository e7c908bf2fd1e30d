"""Shared reads about the network."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils import timezone

from som.accounts.models import Person
from som.accounts.selectors import verified_emails_query
from som.core.invitations import hash_token
from som.network.models import Affiliation, Claim, Organisation, Speerpunt, StaffInvitation
from som.network.validators import clean_instellingsnummer


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


# --- Who acts for an organisation: contact persons and their requests (claims) --------------------


def is_contact(person: Person, organisation: Organisation) -> bool:
    return (
        current_affiliations(person)
        .filter(organisation=organisation, role=Affiliation.Role.CONTACT)
        .exists()
    )


def contacts_of(organisation: Organisation) -> QuerySet[Person]:
    """The organisation's contact persons today."""
    contacts = Affiliation.objects.filter(
        _current(), organisation=organisation, role=Affiliation.Role.CONTACT
    )
    return Person.objects.filter(pk__in=contacts.values("person_id"))


def pending_claims() -> QuerySet[Claim]:
    """Requests to act for an organisation that wait for the team, oldest first."""
    return (
        Claim.objects.filter(status=Claim.Status.PENDING)
        .select_related("person", "organisation")
        .order_by("created_at", "pk")
    )


def claims_of(person: Person) -> QuerySet[Claim]:
    """A person's own requests: the waiting ones first, then the most recent."""
    if not person.is_authenticated:
        return Claim.objects.none()
    waiting_first = Case(When(status=Claim.Status.PENDING, then=Value(0)), default=Value(1))
    return (
        Claim.objects.filter(person=person)
        .select_related("organisation")
        .order_by(waiting_first, "-created_at", "-pk")
    )


def claims_to_hand_over(person: Person) -> QuerySet[Claim]:
    """Waiting requests for the organisations this person is the contact person of."""
    if not person.is_authenticated:
        return Claim.objects.none()
    return (
        pending_claims()
        .filter(organisation__in=organisations_contacted_by(person))
        .exclude(person=person)
    )


SEARCH_LIMIT = 20


def search_organisations(query: str, limit: int = SEARCH_LIMIT) -> list[Organisation]:
    """Organisations whose name, city or postal code holds every word of `query`, or whose
    institution number it is (with or without its leading zeros). At most `limit`, by name."""
    words = query.split()
    if not words:
        return []
    found = Organisation.objects.all()
    number = _as_instellingsnummer(query)
    for word in words:
        found = found.filter(
            Q(name__icontains=word)
            | Q(city__icontains=word)
            | Q(postal_code__startswith=word)
            | Q(instellingsnummer__contains=word)
        )
    if number:
        found = found | Organisation.objects.filter(instellingsnummer=number)
    return list(found.distinct().order_by("name")[:limit])


def _as_instellingsnummer(query: str) -> str:
    try:
        return clean_instellingsnummer(query)
    except ValidationError:
        return ""


def contacts_by_organisation(organisations: list[Organisation]) -> dict[int, list[Person]]:
    """Today's contact persons of each organisation, in one query."""
    affiliations = (
        Affiliation.objects.filter(_current(), role=Affiliation.Role.CONTACT)
        .filter(organisation__in=organisations)
        .select_related("person")
        .order_by("person__full_name")
    )
    result: dict[int, list[Person]] = {}
    for affiliation in affiliations:
        result.setdefault(affiliation.organisation_id, []).append(affiliation.person)
    return result


# --- Staff invitations ----------------------------------------------------------------------------


def _open_invitations() -> QuerySet[StaffInvitation]:
    return StaffInvitation.objects.filter(
        accepted_at__isnull=True, declined_at__isnull=True, withdrawn_at__isnull=True
    )


def open_staff_invitations(organisation: Organisation) -> QuerySet[StaffInvitation]:
    """What the organisation's staff page lists under the staff: only the addresses (who has an
    account is not the inviter's business), expired ones too, to send again."""
    return _open_invitations().filter(organisation=organisation).order_by("email")


def staff_invitation_for_token(token: str) -> StaffInvitation | None:
    """The invitation a mailed link points at (open or answered), or None."""
    return (
        StaffInvitation.objects.filter(token_hash=hash_token(token))
        .select_related("organisation", "invited_by")
        .first()
    )


def staff_invitations_for(person: Person) -> QuerySet[StaffInvitation]:
    """Open invitations to the person's verified addresses that can still be accepted."""
    if not person.is_authenticated:
        return StaffInvitation.objects.none()
    return (
        _open_invitations()
        .filter(email__in=verified_emails_query(person), expires_at__gt=timezone.now())
        .select_related("organisation", "invited_by")
        .order_by("-sent_at", "-pk")
    )
