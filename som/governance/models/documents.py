"""A meeting's documents and its minutes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.governance.models.meetings import Meeting


class MeetingDocument(models.Model):
    """A document for the meeting, under MEDIA_ROOT: members download it through a
    permission-checked view, never from a public media URL."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to="private/governance/%Y/", max_length=300)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(validators=[sensible_date])

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    generated_at = models.DateTimeField(validators=[sensible_date])
    approved_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, validators=[sensible_date])

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
