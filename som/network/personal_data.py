from typing import Any

from django.db.models import Q, QuerySet

from som.accounts.models import Person
from som.accounts.selectors import verified_emails
from som.network import consents
from som.network.models import Affiliation, Claim, Consent, StaffInvitation


def _invitations_to(person: Person) -> QuerySet[StaffInvitation]:
    """Invitations the person accepted, or sent to one of their addresses."""
    emails = {person.email.lower(), *verified_emails(person)}
    return StaffInvitation.objects.filter(Q(person=person) | Q(email__in=emails))


def export(person: Person) -> dict[str, Any]:
    return {
        "consents": [
            {
                "number": consent.pk,
                "shown_as": consent.subject_name,
                "uses": [use for use in Consent.Use.values if getattr(consent, use)],
                "given_by": consent.given_by_name,
                "valid_until": consent.valid_until.isoformat() if consent.valid_until else None,
                "revoked_at": consent.revoked_at.isoformat() if consent.revoked_at else None,
            }
            for consent in Consent.objects.filter(subject=person).order_by("pk")
        ],
        "affiliations": [
            {
                "organisation": affiliation.organisation.name,
                "role": affiliation.role,
                "job_title": affiliation.job_title,
                "since": affiliation.since.isoformat(),
                "until": affiliation.until.isoformat() if affiliation.until else None,
            }
            for affiliation in Affiliation.objects.filter(person=person).select_related(
                "organisation"
            )
        ],
        "claims": [
            {
                "organisation": claim.organisation.name,
                "job_title": claim.job_title,
                "reason": claim.reason,
                "status": claim.status,
                "asked_at": claim.created_at.isoformat(),
            }
            for claim in Claim.objects.filter(person=person).select_related("organisation")
        ],
        "staff_invitations": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.role,
                "sent_at": invitation.sent_at.isoformat(),
                "accepted_at": invitation.accepted_at.isoformat()
                if invitation.accepted_at
                else None,
                "declined_at": invitation.declined_at.isoformat()
                if invitation.declined_at
                else None,
            }
            for invitation in _invitations_to(person).select_related("organisation")
        ],
    }


def erase(person: Person) -> None:
    # Their consents to photos and quotes end: what they covered leaves the public site.
    consents.revoke_consents_of_erased(person)
    # Where somebody worked is not something the law makes us keep.
    Affiliation.objects.filter(person=person).delete()
    Claim.objects.filter(person=person).delete()
    _invitations_to(person).delete()
