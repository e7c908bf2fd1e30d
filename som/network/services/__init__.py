"""Every write to the network: organisations, their email domains and their staff."""

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from som.accounts import services as accounts_services
from som.accounts.models import Person
from som.core import audit, hooks, page_cache, records
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import is_team
from som.network.models import (
    Affiliation,
    EducationLevel,
    EmailDomain,
    Organisation,
    Speerpunt,
)
from som.network.validators import (
    clean_email_domain,
    clean_enterprise_number,
    clean_instellingsnummer,
    format_enterprise_number,
)

EDITABLE_FIELDS = [
    "name",
    "kind",
    "instellingsnummer",
    "enterprise_number",
    "network",
    "sector",
    "street",
    "postal_code",
    "city",
    "website",
]


class StaffError(DomainError):
    pass


@dataclass
class OrganisationData:
    """What a person may say about an organisation; the same shape for the form, the CSV import
    and the demo data."""

    name: str
    kind: str = Organisation.Kind.SCHOOL
    instellingsnummer: str = ""
    enterprise_number: str = ""
    network: str = Organisation.Network.NONE
    sector: str = Organisation.Sector.EDUCATION
    street: str = ""
    postal_code: str = ""
    city: str = "Leuven"
    website: str = ""
    levels: list[str] = field(default_factory=list)
    email_domains: list[str] = field(default_factory=list)
    # The speerpunten' slugs (the team, in the back office); None leaves them as they are.
    speerpunten: list[str] | None = None


def snapshot(organisation: Organisation) -> dict[str, Any]:
    """The organisation's editable facts, as the audit log compares them before and after."""
    values = {name: getattr(organisation, name) for name in EDITABLE_FIELDS}
    if organisation.pk:
        values["levels"] = sorted(organisation.levels.values_list("code", flat=True))
        values["email_domains"] = sorted(
            organisation.email_domains.values_list("domain", flat=True)
        )
        values["speerpunten"] = sorted(organisation.speerpunten.values_list("slug", flat=True))
    return values


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "organisatie"
    others = Organisation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def normalise(data: OrganisationData) -> OrganisationData:
    """A copy with canonical identifiers, sorted levels and domains, or a ValidationError keyed
    by field. Does not look at the database beyond the list of education levels."""
    data = dataclasses.replace(data, name=data.name.strip())
    errors: dict[str, list[str]] = {}
    if data.instellingsnummer.strip():
        try:
            data.instellingsnummer = clean_instellingsnummer(data.instellingsnummer)
        except ValidationError as error:
            errors["instellingsnummer"] = error.messages
    else:
        data.instellingsnummer = ""
    if data.enterprise_number.strip():
        try:
            data.enterprise_number = clean_enterprise_number(data.enterprise_number)
        except ValidationError as error:
            errors["enterprise_number"] = error.messages
    else:
        data.enterprise_number = ""
    domains = []
    for domain in data.email_domains:
        try:
            domains.append(clean_email_domain(domain))
        except ValidationError as error:
            errors.setdefault("email_domains", []).extend(error.messages)
    data.email_domains = sorted(set(domains))
    unknown_levels = set(data.levels) - set(EducationLevel.Code.values)
    if unknown_levels:
        errors["levels"] = [_("Unknown education level: %s") % ", ".join(sorted(unknown_levels))]
    data.levels = sorted(set(data.levels))
    if errors:
        raise ValidationError(errors)
    return data


def identifier_conflicts(
    *,
    instellingsnummer: str,
    enterprise_number: str,
    email_domains: list[str],
    exclude_pk: int | None,
) -> dict[str, list[str]]:
    """Identifiers (already canonical) that another organisation holds, as errors by field."""
    errors: dict[str, list[str]] = {}
    others = Organisation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    holder = (
        others.filter(instellingsnummer=instellingsnummer).first() if instellingsnummer else None
    )
    if holder:
        errors["instellingsnummer"] = [
            _("%(organisation)s already has institution number %(number)s.")
            % {"organisation": holder, "number": instellingsnummer}
        ]
    holder = (
        others.filter(enterprise_number=enterprise_number).first() if enterprise_number else None
    )
    if holder:
        errors["enterprise_number"] = [
            _("%(organisation)s already has enterprise number %(number)s.")
            % {"organisation": holder, "number": format_enterprise_number(enterprise_number)}
        ]
    taken = EmailDomain.objects.filter(domain__in=email_domains).select_related("organisation")
    if exclude_pk is not None:
        taken = taken.exclude(organisation_id=exclude_pk)
    for domain in taken:
        errors.setdefault("email_domains", []).append(
            _("%(domain)s already belongs to %(organisation)s.")
            % {"domain": domain.domain, "organisation": domain.organisation}
        )
    return errors


def _apply(organisation: Organisation, data: OrganisationData) -> None:
    """Write normalised data, or raise a ValidationError keyed by field (all problems at once)."""
    for name in EDITABLE_FIELDS:
        setattr(organisation, name, getattr(data, name))
    organisation.instellingsnummer = data.instellingsnummer or None
    errors = identifier_conflicts(
        instellingsnummer=data.instellingsnummer,
        enterprise_number=data.enterprise_number,
        email_domains=data.email_domains,
        exclude_pk=organisation.pk,
    )
    try:
        # Uniqueness was checked above with clearer messages than Django's generic ones.
        organisation.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Another request took a number between our check and our write.
        raise ValidationError(
            _("Another organisation took this number or domain just now; try again.")
        ) from None
    organisation.levels.set(EducationLevel.objects.filter(code__in=data.levels))
    if data.speerpunten is not None:
        organisation.speerpunten.set(Speerpunt.objects.filter(slug__in=data.speerpunten))
    organisation.email_domains.exclude(domain__in=data.email_domains).delete()
    for domain in data.email_domains:
        EmailDomain.objects.get_or_create(organisation=organisation, domain=domain)


@transaction.atomic
def create_organisation(*, data: OrganisationData, by: Person | None) -> Organisation:
    data = normalise(data)
    organisation = Organisation(slug=unique_slug(data.name))
    _apply(organisation, data)
    audit.record(
        actor=by,
        action="organisation.created",
        obj=organisation,
        changes=audit.diff({}, {k: v for k, v in snapshot(organisation).items() if v}),
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, data: OrganisationData, by: Person | None
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(organisation)
    data = normalise(data)
    _apply(organisation, data)
    changes = audit.diff(before, snapshot(organisation))
    if changes:
        audit.record(actor=by, action="organisation.updated", obj=organisation, changes=changes)
        identity_changed(organisation=organisation, changes=changes, by=by)
    return organisation


# Apps above this one that must know when an organisation's name or seat changes (the member
# register records it within 8 days) register a function here in their AppConfig.ready().
IdentityListener = Callable[[Organisation, dict[str, Any], Person | None], None]
IDENTITY_FIELDS = frozenset({"name", "street", "postal_code", "city", "enterprise_number"})
_identity_listeners: list[IdentityListener] = []
hooks.expect(
    "som.network.services: identity listeners",
    lambda: _identity_listeners,
    filled_by="MembershipConfig.ready (som.membership: the member register)",
)


def on_identity_change(listener: IdentityListener) -> None:
    if listener not in _identity_listeners:
        _identity_listeners.append(listener)


def identity_changed(
    *, organisation: Organisation, changes: dict[str, Any], by: Person | None
) -> None:
    """Tell the listeners, when the changes touch the organisation's name or seat."""
    relevant = {field: change for field, change in changes.items() if field in IDENTITY_FIELDS}
    if relevant:
        for listener in _identity_listeners:
            listener(organisation, relevant, by)


def data_of(organisation: Organisation) -> OrganisationData:
    values = snapshot(organisation)
    fields: dict[str, Any] = {name: values[name] or "" for name in EDITABLE_FIELDS}
    return OrganisationData(
        **fields,
        levels=values.get("levels", []),
        email_domains=values.get("email_domains", []),
    )


# --- Staff ----------------------------------------------------------------------------------------


@transaction.atomic
def add_staff_member(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    job_title: str = "",
    since: datetime.date | None = None,
    by: Person | None,
) -> Affiliation:
    """The SOM team (or the system: the demo, an import) links a person (an existing account, or
    a new one that is told by mail) to the organisation. A second open affiliation in the same
    role is refused. Contact persons invite instead (`network.invitations`): nobody else is put
    on a staff list without saying yes."""
    if by is not None and not is_team(by):
        raise StaffError(
            _("Only the SOM team can put somebody on a staff list directly."), "not_team"
        )
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise StaffError(_("Enter a valid email address."), "invalid_email") from None
    if role not in Affiliation.Role.values:
        raise StaffError(_("Choose one of the roles in the list."), "invalid_role")
    person = Person.objects.filter(email__iexact=email).first()
    invited = person is None
    if person is None:
        if not full_name.strip():
            raise StaffError(_("Give the name of the new colleague."), "name_required")
        person = accounts_services.create_person(email=email, full_name=full_name, by=by)
    elif person.erased_at is not None:
        raise StaffError(_("This account no longer exists."), "erased")
    try:
        with transaction.atomic():
            affiliation = Affiliation.objects.create(
                person=person,
                organisation=organisation,
                role=role,
                job_title=job_title.strip(),
                since=since or timezone.localdate(),
            )
    except IntegrityError:
        raise StaffError(
            _("%(person)s is already on the staff list in this role.") % {"person": person},
            "already_affiliated",
        ) from None
    audit.record(
        actor=by,
        action="affiliation.created",
        obj=organisation,
        changes={"person": person.email, "role": role},
    )
    send_mail_on_commit(
        to=[person.email],
        template="network/mail/staff_added",
        context={
            "name": person.get_short_name(),
            "organisation": organisation.name,
            "by": str(by or _("The SOM team")),
            "invited": invited,
            "login_url": _login_url(person.language),
        },
        language=person.language,
    )
    return affiliation


def _login_url(language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse("account_login")


@transaction.atomic
def end_affiliation(
    *, affiliation: Affiliation, by: Person, on: datetime.date | None = None
) -> Affiliation:
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if affiliation.until is not None:
        raise StaffError(_("This affiliation has already ended."), "already_ended")
    end = on or timezone.localdate()
    if affiliation.role == Affiliation.Role.CONTACT and not is_team(by):
        # Lock every open contact of the organisation, so two contacts ending each other at the
        # same moment cannot leave it with none.
        contacts = Affiliation.objects.select_for_update().filter(
            organisation_id=affiliation.organisation_id,
            role=Affiliation.Role.CONTACT,
            until__isnull=True,
        )
        if not any(other.pk != affiliation.pk for other in contacts):
            raise StaffError(
                _("An organisation needs a contact person: add another one first."),
                "last_contact",
            )
    # `until` is the day the affiliation stopped: from that day on it no longer counts.
    affiliation.until = max(end, affiliation.since)
    affiliation.save(update_fields=["until", "updated_at"])
    audit.record(
        actor=by,
        action="affiliation.ended",
        obj=affiliation.organisation,
        changes={"person": affiliation.person.email, "role": affiliation.role},
    )
    return affiliation


# --- Speerpunten and education levels (the team, in the back office) ------------------------------


@transaction.atomic
def save_speerpunt(*, speerpunt: Speerpunt, values: dict[str, Any], by: Person) -> Speerpunt:
    """Add a speerpunt or change its names or order (the team); the public pages show them."""
    saved = records.save(obj=speerpunt, values=values, by=by)
    page_cache.invalidate()
    return saved


@transaction.atomic
def reorder_education_level(*, level: EducationLevel, position: int, by: Person) -> EducationLevel:
    """The codes are fixed in the model; only their order changes (the team)."""
    return records.save(obj=level, values={"position": position}, by=by)
