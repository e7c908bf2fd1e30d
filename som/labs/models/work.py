"""A lab at work: its sessions and who comes, its logbook and attachments, its results and
their files, its yearly report entries (its budget and expenses live in som.finance)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel
from som.core.validators import sensible_date
from som.events.models import ProgrammeItem
from som.labs.models.labs import Lab


class LabSession(TimeStampedModel):
    """A meeting of the group: planned by a lead, answered by the members, recorded afterwards."""

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), validators=[sensible_date])
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=[sensible_date])
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    is_public = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_("The date and title appear in the lab's public timeline."),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True, validators=[sensible_date]
    )
    # A cancelled session stays in the group's history, marked as such.
    cancelled_at = models.DateTimeField(
        _("cancelled at"), null=True, blank=True, validators=[sensible_date]
    )
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lab session")
        verbose_name_plural = _("lab sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_at__isnull=True) | models.Q(recorded_at__isnull=True),
                name="cancelled_session_not_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localdate(self.starts_at):%Y-%m-%d})"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Attendance(models.Model):
    """A member's answer before a session (coming or not) and, afterwards, whether they came."""

    session = models.ForeignKey(
        LabSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="lab_attendance",
    )
    coming = models.BooleanField(_("coming"), null=True, blank=True)
    answered_at = models.DateTimeField(
        _("answered at"), null=True, blank=True, validators=[sensible_date]
    )
    attended = models.BooleanField(_("came"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_answer_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class LogbookEntry(TimeStampedModel):
    """A reflection (after a session, or on its own): private to the group and the team unless
    marked public."""

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="logbook"
    )
    session = models.OneToOneField(
        LabSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection",
    )
    title = models.CharField(_("title"), max_length=200)
    tried = models.TextField(_("what we tried"), blank=True)
    learnt = models.TextField(_("what we learnt"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_on = models.DateField(_("date"), validators=[sensible_date])

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never served from MEDIA_URL: the download view checks who may read the entry.
    return f"private/labs/{instance.entry.lab_id}/logbook/{filename}"


class Attachment(models.Model):
    entry = models.ForeignKey(
        LogbookEntry,
        verbose_name=_("logbook entry"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Result(TimeStampedModel):
    """What a lab shares: interim or final; public once a lead publishes it."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim result")
        FINAL = "final", _("final result")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text (Markdown)"), blank=True)
    # The body as sanitised HTML, made by the service whenever the body changes.
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("presented at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lab_results",
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, validators=[sensible_date]
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def public_files(self) -> list["ResultFile"]:
        """The files and photos the public may see: a photo of people only while their consent
        in the register allows the website (ResultFile.may_be_shown)."""
        return [f for f in self.files.all() if f.may_be_shown]


def result_file_path(instance: "ResultFile", filename: str) -> str:
    return f"private/labs/{instance.result.lab_id}/results/{filename}"


class ResultFile(models.Model):
    """A file or photo of a result. A photo on which people are recognisable needs their consent in
    the register (network.Consent; for minors, given by a parent): the database refuses it
    otherwise, and the public sees it only while that consent allows the website."""

    class Recognisable(models.TextChoices):
        NOBODY = "nobody", _("nobody is recognisable")
        ADULTS = "adults", _("adults are recognisable")
        MINORS = "minors", _("minors are recognisable")

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=result_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    is_photo = models.BooleanField(_("photo"), default=False)
    recognisable = models.CharField(
        _("recognisable people"),
        max_length=10,
        choices=Recognisable.choices,
        default=Recognisable.NOBODY,
    )
    # The consent in the register (som.network.consents) of the people shown: null when nobody
    # is recognisable. Revoking it there takes the photo off the public pages.
    consent = models.ForeignKey(
        "network.Consent",
        verbose_name=_("consent of the people shown"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result_files",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("result file")
        verbose_name_plural = _("result files")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recognisable="nobody") | models.Q(consent__isnull=False),
                name="recognisable_people_in_the_register",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def may_be_shown(self) -> bool:
        """Whether the public may see this file: always when nobody is recognisable on it, else
        only while the consent in the register allows the website."""
        if self.recognisable == self.Recognisable.NOBODY:
            return True
        return self.consent is not None and self.consent.allows("website")

    @property
    def format_name(self) -> str:
        """What the file is, as people name it: "PDF", "PNG", "JPEG" (from its checked type)."""
        return self.content_type.rpartition("/")[2].upper()


class YearEntry(TimeStampedModel):
    """A lab's part of the annual report for a school year: Situering / Partners / Realisaties /
    Uitdagingen. The leads write the draft, the team approves it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="year_entries"
    )
    school_year = models.CharField(_("school year"), max_length=9, help_text="2022-2023")
    situation = models.TextField(_("situation"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("yearly report entry")
        verbose_name_plural = _("yearly report entries")
        ordering = ["-school_year", "lab__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "school_year"], name="one_entry_per_school_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lab} {self.school_year}"

    @property
    def is_draft(self) -> bool:
        """The leads may still change it; the team may approve it."""
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
