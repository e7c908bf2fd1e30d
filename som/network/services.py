"""Every write to the network: organisations, their email domains and their staff."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from som.accounts import services as accounts_services
from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.network.models import Affiliation, EducationLevel, EmailDomain, Organisation
from som.network.validators import (
    clean_email_domain,
    clean_enterprise_number,
    clean_instellingsnummer,
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


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    values = {name: getattr(organisation, name) for name in EDITABLE_FIELDS}
    if organisation.pk:
        values["levels"] = sorted(organisation.levels.values_list("code", flat=True))
        values["email_domains"] = sorted(organisation.email_domains.values_list("domain", flat=True))
    return values


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "organisatie"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _clean(data: OrganisationData) -> OrganisationData:
    """Canonical identifiers, or a ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    if data.instellingsnummer.strip():
        try:
            data.instellingsnummer = clean_instellingsnummer(data.instellingsnummer)
        except ValidationError as error:
            errors["instellingsnummer"] = error.messages
    if data.enterprise_number.strip():
        try:
            data.enterprise_number = clean_enterprise_number(data.enterprise_number)
        except ValidationError as error:
            errors["enterprise_number"] = error.messages
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
    if errors:
        raise ValidationError(errors)
    return data


def _apply(organisation: Organisation, data: OrganisationData) -> None:
    for name in EDITABLE_FIELDS:
        setattr(organisation, name, getattr(data, name) or ("" if name != "instellingsnummer" else None))
    organisation.name = organisation.name.strip()
    organisation.full_clean(exclude=["slug"] if not organisation.slug else None)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise ValidationError(
            {"instellingsnummer": [_("Another organisation already has this number.")]}
        ) from None
    organisation.levels.set(EducationLevel.objects.filter(code__in=data.levels))
    taken = EmailDomain.objects.filter(domain__in=data.email_domains).exclude(
        organisation=organisation
    )
    if taken.exists():
        raise ValidationError(
            {
                "email_domains": [
                    _("%(domain)s already belongs to %(organisation)s.")
                    % {"domain": taken[0].domain, "organisation": taken[0].organisation}
                ]
            }
        )
    organisation.email_domains.exclude(domain__in=data.email_domains).delete()
    for domain in data.email_domains:
        EmailDomain.objects.get_or_create(organisation=organisation, domain=domain)


@transaction.atomic
def create_organisation(*, data: OrganisationData, by: Person | None) -> Organisation:
    data = _clean(data)
    organisation = Organisation(slug=_unique_slug(data.name))
    _apply(organisation, data)
    audit.record(
        actor=by,
        action="organisation.created",
        obj=organisation,
        changes=audit.diff({}, _snapshot(organisation)),
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, data: OrganisationData, by: Person | None
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _snapshot(organisation)
    data = _clean(data)
    _apply(organisation, data)
    changes = audit.diff(before, _snapshot(organisation))
    if changes:
        audit.record(actor=by, action="organisation.updated", obj=organisation, changes=changes)
    return organisation


def data_of(organisation: Organisation) -> OrganisationData:
    snapshot = _snapshot(organisation)
    return OrganisationData(
        **{name: snapshot[name] or "" for name in EDITABLE_FIELDS},
        levels=snapshot.get("levels", []),
        email_domains=snapshot.get("email_domains", []),
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
    by: Person,
) -> Affiliation:
    """Link a person (an existing account, or a new one that is invited by mail) to the
    organisation. A second open affiliation in the same role is refused."""
    email = email.strip().lower()
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
            "by": str(by),
            "invited": invited,
        },
        language=person.language,
    )
    return affiliation


@transaction.atomic
def end_affiliation(
    *, affiliation: Affiliation, by: Person, on: datetime.date | None = None
) -> Affiliation:
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if affiliation.until is not None:
        raise StaffError(_("This affiliation has already ended."), "already_ended")
    end = on or timezone.localdate()
    if affiliation.role == Affiliation.Role.CONTACT and not by.is_staff:
        others = Affiliation.objects.filter(
            organisation=affiliation.organisation, role=Affiliation.Role.CONTACT, until__isnull=True
        ).exclude(pk=affiliation.pk)
        if not others.exists():
            raise StaffError(
                _("An organisation needs a contact person: add another one first."),
                "last_contact",
            )
    affiliation.until = max(end, affiliation.since)
    affiliation.save(update_fields=["until", "updated_at"])
    audit.record(
        actor=by,
        action="affiliation.ended",
        obj=affiliation.organisation,
        changes={"person": affiliation.person.email, "role": affiliation.role},
    )
    return affiliation
