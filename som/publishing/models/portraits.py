"""A portrait's approval by the person portrayed. The team asks (a mail with a link holding a
secret, som/publishing/portraits.py); the person approves this text, asks for a change, or later
withdraws the portrait. A portrait is public only while its latest approval covers the text that
is live (`content_hash`)."""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel


class PortraitApproval(TimeStampedModel):
    class Status(models.TextChoices):
        ASKED = "asked", _("asked")
        APPROVED = "approved", _("approved")
        CHANGES_ASKED = "changes_asked", _("change asked")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REPLACED = "replaced", _("replaced by a newer request")

    portrait = models.ForeignKey(
        "publishing.PortraitPage",
        verbose_name=_("portrait"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    email = models.EmailField(_("sent to"))
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # What the person is asked to approve: the portrait's text and photo as they were asked.
    content_hash = models.CharField(max_length=64, editable=False)
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASKED
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True, editable=False)
    message = models.TextField(_("their message"), blank=True)
    expires_at = models.DateTimeField(_("link valid until"), editable=False)

    class Meta:
        verbose_name = _("portrait approval")
        verbose_name_plural = _("portrait approvals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.portrait_id}: {self.get_status_display()}"


def portrait_content(page: Any) -> dict[str, Any]:
    """What the person approves of a portrait (a PortraitPage, or a revision's `as_object()`):
    their name, role, organisation, photo and the questions with their answers."""
    return {
        "name": page.person_name,
        "role": page.role,
        "organisation": page.organisation_id,
        "organisation_name": page.organisation_name,
        "photo": page.photo_id,
        "answers": [
            [str(block.value.get("question", "")), str(block.value.get("answer", ""))]
            for block in page.answers
        ],
    }


def content_hash(page: Any) -> str:
    """The fingerprint an approval is bound to: any change of the text or the photo changes it."""
    data = json.dumps(portrait_content(page), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def is_approved(page: Any) -> bool:
    """Whether an approval in force (APPROVED) covers exactly this content of the portrait."""
    if page.pk is None:
        return False
    return PortraitApproval.objects.filter(
        portrait_id=page.pk,
        status=PortraitApproval.Status.APPROVED,
        content_hash=content_hash(page),
    ).exists()


class PortraitNotApproved(ValidationError, PermissionDenied):
    """A portrait was about to go live with a text its person has not approved. A
    ValidationError for forms and code; a PermissionDenied too, so an admin screen that does not
    expect it answers 403 (nothing published) instead of a server error."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This portrait cannot be published: the person portrayed has not approved this "
                'text. Ask their approval first (the button "Ask approval").'
            ),
            code="portrait_not_approved",
        )
