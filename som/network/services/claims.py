"""Who may act for an organisation. A person asks (a claim) and becomes its contact person on
proof (a verified address on one of its email domains), by the team's decision, or when a current
contact person hands over: never otherwise. Every write about claims is here."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.network import selectors, services
from som.network.models import Affiliation, Claim, Organisation
from som.network.services import OrganisationData as OrganisationData
from som.network.validators import is_public_mail_domain

# A person outside the team adds at most this many organisations; more is a job for the team.
MAX_ADDED_ORGANISATIONS = 3


class ClaimError(DomainError):
    pass


def proof_domain(person: Person, organisation: Organisation) -> str | None:
    """The organisation's email domain that one of the person's verified addresses is on (never a
    public mail service such as gmail.com), or None."""
    domains = [d for d in selectors.recognised_domains(person) if not is_public_mail_domain(d)]
    if not domains:
        return None
    found: str | None = (
        organisation.email_domains.filter(domain__in=domains)
        .values_list("domain", flat=True)
        .first()
    )
    return found


def _check_person(person: Person) -> None:
    if not person.is_authenticated or not person.is_active or person.erased_at is not None:
        raise ClaimError(_("Log in with an active account first."), "not_active")


@transaction.atomic
def claim_organisation(
    *,
    person: Person,
    organisation: Organisation,
    reason: str = "",
    job_title: str = "",
    added_organisation: bool = False,
) -> Claim:
    """Ask to act for `organisation`. Granted at once on proof, otherwise it waits for the team
    and the current contact persons hear of it (they can hand over)."""
    _check_person(person)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if selectors.is_contact(person, organisation):
        raise ClaimError(
            _("You already are the contact person of %(organisation)s.")
            % {"organisation": organisation},
            "already_contact",
        )
    domain = proof_domain(person, organisation)
    if domain is None and not reason.strip():
        raise ClaimError(
            _("Tell the SOM team why you act for %(organisation)s: they read it before deciding.")
            % {"organisation": organisation},
            "reason_required",
        )
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                person=person,
                organisation=organisation,
                job_title=job_title.strip()[:100],
                reason=reason.strip(),
                added_organisation=added_organisation,
            )
    except IntegrityError:
        raise ClaimError(
            _("Your request for %(organisation)s already waits for the SOM team.")
            % {"organisation": organisation},
            "already_pending",
        ) from None
    audit.record(
        actor=person,
        action="claim.submitted",
        obj=claim,
        changes={"organisation": organisation.name, "added_organisation": added_organisation},
    )
    if domain is not None:
        return _grant(claim, basis=Claim.Basis.EMAIL_DOMAIN, by=person, proof=domain)
    _mail_team(claim)
    _mail_contacts(claim, template="network/mail/claim_waits_contact")
    _mail_claimant(claim, template="network/mail/claim_received")
    return claim


@transaction.atomic
def add_organisation(
    *, person: Person, data: OrganisationData, reason: str = "", job_title: str = ""
) -> Claim:
    """Add an organisation the platform does not know yet and ask to act for it, in one step.
    A ValidationError keyed by field for the organisation's data; ClaimError for the claim."""
    _check_person(person)
    if not person.is_staff:
        added = Claim.objects.filter(person=person, added_organisation=True).count()
        if added >= MAX_ADDED_ORGANISATIONS:
            raise ClaimError(
                _("You have added %(count)d organisations already; the SOM team adds more.")
                % {"count": added},
                "too_many_added",
            )
    data = services.normalise(data)
    errors = _check_new(data)
    if errors:
        raise ValidationError(errors)
    organisation = services.create_organisation(data=data, by=person)
    return claim_organisation(
        person=person,
        organisation=organisation,
        reason=reason,
        job_title=job_title,
        added_organisation=True,
    )


def _check_new(data: OrganisationData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    public = [domain for domain in data.email_domains if is_public_mail_domain(domain)]
    if public:
        errors["email_domains"] = [
            _(
                "%(domains)s is a mail service anybody can use. Give the domain of the "
                "organisation's own addresses, or leave this empty."
            )
            % {"domains": ", ".join(public)}
        ]
    twin = (
        Organisation.objects.filter(name__iexact=data.name, city__iexact=data.city.strip())
        .only("name", "city")
        .first()
    )
    if twin is not None:
        errors["name"] = [
            _("%(network)s already knows %(name)s in %(city)s: ask to act for it instead.")
            % {"network": settings.SOM_NETWORK_NAME, "name": twin.name, "city": twin.city}
        ]
    return errors


def _lock_pending(claim: Claim) -> Claim:
    locked = Claim.objects.select_for_update().select_related("person", "organisation")
    claim = locked.get(pk=claim.pk)
    if not claim.awaits_decision:
        raise ClaimError(_("This request has already been handled."), "already_decided")
    return claim


@transaction.atomic
def grant_claim(*, claim: Claim, by: Person, step_down: bool = False) -> Claim:
    """The team decides, or a current contact person hands over (and, with `step_down`, stops
    being the contact person themselves)."""
    claim = _lock_pending(claim)
    if by.is_staff and not step_down:
        return _grant(claim, basis=Claim.Basis.TEAM, by=by)
    if not selectors.is_contact(by, claim.organisation) or by.pk == claim.person_id:
        raise ClaimError(
            _("Only the SOM team or the contact person of %(organisation)s can decide this.")
            % {"organisation": claim.organisation},
            "not_allowed",
        )
    _grant(claim, basis=Claim.Basis.HANDOVER, by=by)
    if step_down:
        step_down_as_contact(organisation=claim.organisation, by=by)
    return claim


@transaction.atomic
def step_down_as_contact(*, organisation: Organisation, by: Person) -> None:
    """The person stops being a contact person of `organisation` (another one must remain)."""
    affiliation = (
        selectors.current_affiliations(by)
        .filter(organisation=organisation, role=Affiliation.Role.CONTACT)
        .first()
    )
    if affiliation is None:
        raise ClaimError(
            _("You are not the contact person of %(organisation)s.")
            % {"organisation": organisation},
            "not_contact",
        )
    try:
        services.end_affiliation(affiliation=affiliation, by=by)
    except services.StaffError as error:
        raise ClaimError(error.message, error.code) from None


def _grant(claim: Claim, *, basis: str, by: Person, proof: str = "") -> Claim:
    claim.status = Claim.Status.GRANTED
    claim.basis = basis
    claim.decided_by = None if basis == Claim.Basis.EMAIL_DOMAIN else by
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "basis", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=by,
        action="claim.granted",
        obj=claim,
        changes={"basis": basis, "domain": proof} if proof else {"basis": basis},
    )
    organisation = claim.organisation
    already = Affiliation.objects.filter(
        person=claim.person,
        organisation=organisation,
        role=Affiliation.Role.CONTACT,
        until__isnull=True,
    ).exists()
    if not already:
        Affiliation.objects.create(
            person=claim.person,
            organisation=organisation,
            role=Affiliation.Role.CONTACT,
            job_title=claim.job_title,
            since=timezone.localdate(),
        )
        audit.record(
            actor=by,
            action="affiliation.created",
            obj=organisation,
            changes={"person": claim.person.email, "role": Affiliation.Role.CONTACT},
        )
    _mail_claimant(claim, template="network/mail/claim_granted")
    _mail_contacts(claim, template="network/mail/claim_granted_contact", besides=by)
    return claim


@transaction.atomic
def decline_claim(*, claim: Claim, reason: str, by: Person) -> Claim:
    if not by.is_staff:
        raise ClaimError(_("Only the SOM team can decline a request."), "not_team")
    if not reason.strip():
        raise ClaimError(_("Give the reason; the person receives it."), "reason_required")
    claim = _lock_pending(claim)
    claim.status = Claim.Status.DECLINED
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.decline_reason = reason.strip()
    claim.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"])
    audit.record(actor=by, action="claim.declined", obj=claim, changes={"reason": reason})
    _mail_claimant(claim, template="network/mail/claim_declined")
    return claim


@transaction.atomic
def withdraw_claim(*, claim: Claim, by: Person) -> Claim:
    if by.pk != claim.person_id and not by.is_staff:
        raise ClaimError(_("Only the person who asked can withdraw this."), "not_claimant")
    claim = _lock_pending(claim)
    claim.status = Claim.Status.WITHDRAWN
    claim.save(update_fields=["status", "updated_at"])
    audit.record(actor=by, action="claim.withdrawn", obj=claim)
    return claim


# --- Mails ----------------------------------------------------------------------------------------


def _url(name: str, language: str, **kwargs: Any) -> str:
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def _context(claim: Claim, language: str) -> dict[str, Any]:
    organisation = claim.organisation
    return {
        "person": claim.person.full_name or claim.person.email,
        "email": claim.person.email,
        "organisation": organisation.name,
        "instellingsnummer": organisation.instellingsnummer or "",
        "city": organisation.city,
        "job_title": claim.job_title,
        "reason": claim.reason,
        "added_organisation": claim.added_organisation,
        "basis": claim.basis,
        "decline_reason": claim.decline_reason,
        "apply_url": _url("membership:apply", language),
        "claim_url": _url("network:claim_detail", language, pk=claim.pk),
        "queue_url": _url("network:claims", language),
    }


def _mail_claimant(claim: Claim, *, template: str) -> None:
    person = claim.person
    send_mail_on_commit(
        to=[person.email],
        template=template,
        context={"name": person.get_short_name(), **_context(claim, person.language)},
        language=person.language,
    )


def _mail_contacts(claim: Claim, *, template: str, besides: Person | None = None) -> None:
    """Tell the organisation's contact persons, except the one who asked and the one who acted."""
    others = selectors.contacts_of(claim.organisation).exclude(pk=claim.person_id)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    for contact in others:
        send_mail_on_commit(
            to=[contact.email],
            template=template,
            context={"name": contact.get_short_name(), **_context(claim, contact.language)},
            language=contact.language,
        )


def _mail_team(claim: Claim) -> None:
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="network/mail/claim_team",
        context=_context(claim, settings.LANGUAGE_CODE),
    )
