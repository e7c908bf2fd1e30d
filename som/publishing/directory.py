"""Who is in the network: the public directory of member institutions and partners.

Listed are the organisations whose general membership counts today (the membership app's own
rule, `counting_on`) and the partners the team marks, unless their contact person chose not to
be listed. The list is derived from the membership data each time: there is no second list.
An organisation without a profile shows the profile's defaults (name, kind, place, levels and
network; no address, no description, no people).

Selectors (reads) first, then the services (every write, with an audit entry)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageQuerySet

from som.accounts.models import Person
from som.core import audit, page_cache
from som.core.errors import DomainError
from som.labs.models import CoAuthor, Lab, LabMember
from som.labs.selectors import public_labs
from som.membership.models import Membership, MembershipType
from som.membership.selectors import counting_on
from som.network import permissions as network_permissions
from som.network.models import Affiliation, EducationLevel, Organisation
from som.publishing.models import DirectoryListing, OrganisationProfile
from som.publishing.selectors import public_portraits

DESCRIPTION_MAX = 1000
PROFILE_FIELDS = ("listed", "description", "show_address", "show_levels", "show_network")


class DirectoryError(DomainError):
    pass


# --- Who is listed ---------------------------------------------------------------------------------


def _general_members(on: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.filter(
        counting_on(on),
        membership_type__code=MembershipType.Code.GENERAL,
        organisation__isnull=False,
    )


def listed_organisations(on: datetime.date | None = None) -> QuerySet[Organisation]:
    """Members (general membership counting on `on`, today by default) and partners, without
    those whose contact chose `listed=False`; each with `is_member` and its profile (or None)."""
    on = on or timezone.localdate()
    is_member = Exists(_general_members(on).filter(organisation=OuterRef("pk")))
    return (
        Organisation.objects.annotate(is_member=is_member)
        .filter(Q(is_member=True) | Q(directory_profile__is_partner=True))
        .exclude(directory_profile__listed=False)
        .select_related("directory_profile")
        .order_by(Lower("name"), "pk")
    )


def profile_of(organisation: Organisation) -> OrganisationProfile:
    """The organisation's choices, or the defaults (unsaved) when it has not chosen yet."""
    try:
        return organisation.directory_profile  # type: ignore[no-any-return]
    except OrganisationProfile.DoesNotExist:
        return OrganisationProfile(organisation=organisation)


@dataclass(frozen=True)
class Filters:
    query: str = ""
    level: str = ""
    network: str = ""
    city: str = ""
    kind: str = ""

    @property
    def any(self) -> bool:
        return bool(self.query or self.level or self.network or self.city or self.kind)


@dataclass
class Facets:
    """What the filters offer, with how many listed organisations each option holds."""

    total: int = 0
    members: int = 0
    partners: int = 0
    cities: list[tuple[str, int]] = field(default_factory=list)
    kinds: list[tuple[str, str, int]] = field(default_factory=list)
    networks: list[tuple[str, str, int]] = field(default_factory=list)
    levels: list[tuple[str, str, int]] = field(default_factory=list)


def _shows_levels() -> Q:
    """A level filter must not reveal the levels of an organisation that hides them."""
    return Q(directory_profile__isnull=True) | Q(directory_profile__show_levels=True)


def _shows_network() -> Q:
    return Q(directory_profile__isnull=True) | Q(directory_profile__show_network=True)


def filtered(listed: QuerySet[Organisation], filters: Filters) -> QuerySet[Organisation]:
    if filters.query:
        for word in filters.query.split():
            listed = listed.filter(name__icontains=word)
    if filters.level:
        listed = listed.filter(
            _shows_levels(),
            pk__in=Organisation.levels.through.objects.filter(
                educationlevel__code=filters.level
            ).values("organisation_id"),
        )
    if filters.network:
        listed = listed.filter(_shows_network(), network=filters.network)
    if filters.city:
        listed = listed.filter(city__iexact=filters.city)
    if filters.kind:
        listed = listed.filter(kind=filters.kind)
    return listed


def directory_page(filters: Filters, on: datetime.date | None = None) -> dict[str, Any]:
    """The directory's list and its filters: four queries whatever the number of organisations
    (the list, its levels, the facets, the level counts)."""
    listed = listed_organisations(on)
    organisations = list(filtered(listed, filters).prefetch_related("levels"))
    return {
        "rows": [_row(organisation) for organisation in organisations],
        "facets": _facets(listed),
    }


def _row(organisation: Organisation) -> dict[str, Any]:
    profile = profile_of(organisation)
    return {
        "organisation": organisation,
        "is_member": organisation.is_member,  # type: ignore[attr-defined]
        "is_partner": profile.is_partner,
        "levels": list(organisation.levels.all()) if profile.show_levels else [],
        "network": network_label(organisation) if profile.show_network else "",
    }


def network_label(organisation: Organisation) -> str:
    if organisation.network in (Organisation.Network.NONE, Organisation.Network.OTHER):
        return ""
    return str(organisation.get_network_display())


def _facets(listed: QuerySet[Organisation]) -> Facets:
    facets = Facets()
    cities: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    networks: Counter[str] = Counter()
    rows = listed.values_list(  # type: ignore[misc]  # `is_member` is annotated
        "city", "kind", "network", "is_member", "directory_profile__show_network"
    )
    for city, kind, network, is_member, show_network in rows:
        facets.total += 1
        facets.members += bool(is_member)
        if city:
            cities[city.strip()] += 1
        kinds[kind] += 1
        shows_network = show_network is None or show_network  # no profile: the default
        if shows_network and network not in (Organisation.Network.NONE, Organisation.Network.OTHER):
            networks[network] += 1
    facets.partners = facets.total - facets.members
    facets.cities = sorted(cities.items(), key=lambda item: item[0].lower())
    facets.kinds = [(v, str(label), kinds[v]) for v, label in Organisation.Kind.choices if kinds[v]]
    facets.networks = [
        (v, str(label), networks[v]) for v, label in Organisation.Network.choices if networks[v]
    ]
    level_counts = dict(
        EducationLevel.objects.filter(organisation__in=listed.filter(_shows_levels()).values("pk"))
        .values_list("code")
        .annotate(n=Count("organisation", distinct=True))
    )
    facets.levels = [
        (v, str(label), level_counts[v])
        for v, label in EducationLevel.Code.choices
        if level_counts.get(v)
    ]
    return facets


# --- One organisation's page -----------------------------------------------------------------------


def listed_organisation(slug: str) -> Organisation | None:
    """The organisation behind /network/<slug>/, when it is listed; None otherwise."""
    return listed_organisations().prefetch_related("levels").filter(slug=slug).first()


def _works_at(organisation: Organisation, person: str = "person_id") -> Q:
    """People who work for the organisation today: an affiliation running today, or a verified
    address on one of its email domains unless their contact ended their affiliation (they left;
    the address stays verified), as the membership's entitlements say. `person` names the field
    of the outer query that holds the person."""
    today = timezone.localdate()
    theirs = Affiliation.objects.filter(organisation=organisation, person=OuterRef(person))
    running = theirs.filter(Q(until__isnull=True) | Q(until__gt=today), since__lte=today)
    ended = theirs.filter(until__lte=today)
    after_the_at = Lower(Substr("email", StrIndex("email", Value("@")) + 1))
    by_domain = (
        EmailAddress.objects.filter(user=OuterRef(person), verified=True)
        .annotate(domain=after_the_at)
        .filter(domain__in=organisation.email_domains.values("domain"))
    )
    return Q(Exists(running)) | (Q(Exists(by_domain)) & ~Q(Exists(ended)))


def listed_people(organisation: Organisation) -> QuerySet[DirectoryListing]:
    """Who chose to appear on the organisation's page and still works there; never an address."""
    return (
        DirectoryListing.objects.filter(
            _works_at(organisation), organisation=organisation, person__is_active=True
        )
        .select_related("person")
        .only("shown_role", "person__full_name", "organisation_id")
        .order_by(Lower("person__full_name"), "pk")
    )


def labs_of(organisation: Organisation) -> QuerySet[Lab]:
    """Public labs whose members or proposal co-authors come from the organisation: they took
    part on its behalf (the basis recorded in the lab), or they work there today."""
    today = timezone.localdate()
    staff = Affiliation.objects.filter(
        Q(until__isnull=True) | Q(until__gt=today), since__lte=today, organisation=organisation
    ).values("person_id")
    members = LabMember.objects.filter(
        Q(basis_organisation=organisation) | Q(person__in=staff), accepted_at__isnull=False
    ).values("lab_id")
    coauthors = CoAuthor.objects.filter(person__in=staff, accepted_at__isnull=False).values(
        "proposal_id"
    )
    return public_labs().filter(Q(pk__in=members) | Q(proposal__in=coauthors)).distinct()


def portraits_of(organisation: Organisation) -> PageQuerySet:
    return public_portraits().filter(organisation=organisation)


def openstreetmap_link(organisation: Organisation) -> str:
    """A search on OpenStreetMap for the address: a plain link, no map or script on our page."""
    address = ", ".join(
        part
        for part in (organisation.street, f"{organisation.postal_code} {organisation.city}".strip())
        if part
    )
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


# --- What a person may change ----------------------------------------------------------------------


def own_listing(person: Person, organisation: Organisation) -> DirectoryListing | None:
    return DirectoryListing.objects.filter(person=person, organisation=organisation).first()


def may_list_self(person: Person, organisation: Organisation) -> bool:
    """Whoever works there today (the same rule as the page's list of people)."""
    if not person.is_authenticated:
        return False
    return Person.objects.filter(_works_at(organisation, "pk"), pk=person.pk).exists()


def suggested_role(person: Person, organisation: Organisation) -> str:
    affiliation = (
        Affiliation.objects.filter(person=person, organisation=organisation, until__isnull=True)
        .exclude(job_title="")
        .first()
    )
    return affiliation.job_title if affiliation else ""


# --- Services --------------------------------------------------------------------------------------


def _profile_values(profile: OrganisationProfile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in (*PROFILE_FIELDS, "is_partner")}


def _locked_profile(organisation: Organisation) -> OrganisationProfile:
    OrganisationProfile.objects.get_or_create(organisation=organisation)
    return OrganisationProfile.objects.select_for_update().get(organisation=organisation)


@transaction.atomic
def update_profile(
    *,
    organisation: Organisation,
    by: Person,
    listed: bool,
    description: str,
    show_address: bool,
    show_levels: bool,
    show_network: bool,
) -> OrganisationProfile:
    """The contact person (or the team) decides what the directory shows of the organisation."""
    if not network_permissions.can_manage_organisation(by, organisation):
        raise DirectoryError(
            _("Only the organisation's contact person can change this."), "not_allowed"
        )
    description = description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {"description": _("Keep it to %(max)d characters, please.") % {"max": DESCRIPTION_MAX}}
        )
    profile = _locked_profile(organisation)
    before = _profile_values(profile)
    profile.listed = listed
    profile.description = description
    profile.show_address = show_address
    profile.show_levels = show_levels
    profile.show_network = show_network
    profile.updated_by = by
    profile.full_clean()
    profile.save()
    changes = audit.diff(before, _profile_values(profile))
    if changes:
        audit.record(actor=by, action="directory_profile_changed", obj=profile, changes=changes)
        page_cache.invalidate()
    return profile


@transaction.atomic
def set_partner(*, organisation: Organisation, is_partner: bool, by: Person) -> OrganisationProfile:
    """Only the team marks an organisation as a partner of the network."""
    if not (by.is_authenticated and by.is_active and by.is_staff):
        raise DirectoryError(_("Only the SOM team marks partners."), "not_allowed")
    profile = _locked_profile(organisation)
    if profile.is_partner != is_partner:
        profile.is_partner = is_partner
        profile.updated_by = by
        profile.save(update_fields=["is_partner", "updated_by", "updated_at"])
        audit.record(
            actor=by,
            action="directory_partner_marked" if is_partner else "directory_partner_unmarked",
            obj=profile,
            changes={"is_partner": [not is_partner, is_partner]},
        )
        page_cache.invalidate()
    return profile


@transaction.atomic
def set_own_listing(
    *, person: Person, organisation: Organisation, listed: bool, shown_role: str = ""
) -> DirectoryListing | None:
    """A person's own choice to appear (with a role they choose) on their organisation's page."""
    if not may_list_self(person, organisation):
        raise DirectoryError(
            _("Only the organisation's own staff can appear on its page."), "not_staff"
        )
    existing = (
        DirectoryListing.objects.select_for_update()
        .filter(person=person, organisation=organisation)
        .first()
    )
    if not listed:
        if existing is not None:
            audit.record(actor=person, action="directory_listing_removed", obj=existing)
            existing.delete()
            page_cache.invalidate()
        return None
    listing = existing or DirectoryListing(person=person, organisation=organisation)
    before = listing.shown_role if existing else None
    listing.shown_role = shown_role.strip()
    listing.full_clean()
    listing.save()
    if before != listing.shown_role:
        audit.record(
            actor=person,
            action="directory_listing_changed" if existing else "directory_listing_added",
            obj=listing,
            changes={"shown_role": [before, listing.shown_role]},
        )
        page_cache.invalidate()
    return listing
