"""Invoices, payments and bank statement imports. Nothing here is ever deleted: a correction is a
new row (a cancelled invoice keeps its number; a wrong payment is reversed by another)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.network.models import Organisation


class InvoiceSequence(models.Model):
    """The last invoice number used in a year; locked while the next number is taken, so numbers
    have no gaps and no duplicates."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice sequence")
        verbose_name_plural = _("invoice sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    class Purpose(models.TextChoices):
        MEMBERSHIP = "membership", _("membership")
        EVENT = "event", _("event")
        OTHER = "other", _("other")

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    # What the invoice is for, in the app that asked for it (e.g. the membership's id).
    subject_id = models.PositiveBigIntegerField(_("subject"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    # The holder as they were when the invoice was issued: invoices do not change afterwards.
    holder_name = models.CharField(_("holder"), max_length=200)
    holder_address = models.TextField(_("address"), blank=True)
    holder_email = models.EmailField(_("email"))
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    structured_reference = models.CharField(
        _("structured communication"), max_length=12, unique=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    issued_on = models.DateField(_("issued on"), validators=[sensible_date])
    due_on = models.DateField(_("due on"), validators=[sensible_date])
    paid_on = models.DateField(_("paid on"), null=True, blank=True, validators=[sensible_date])
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_on = models.DateField(
        _("last reminder on"), null=True, blank=True, validators=[sensible_date]
    )
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="one_invoice_per_number"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=Decimal("0")), name="invoice_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="invoice_has_a_holder",
            ),
        ]
        indexes = [models.Index(fields=["purpose", "subject_id"])]

    def __str__(self) -> str:
        return self.number

    # The states by name, for services, views and templates alike.
    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.PAID

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def age_days(self) -> int:
        """Days since the invoice was issued, counted in Leuven's today."""
        return (timezone.localdate() - self.issued_on).days


class StatementImport(models.Model):
    """One uploaded CODA file. Its hash is unique: the same file is never booked twice."""

    file_name = models.CharField(_("file name"), max_length=200)
    file_sha256 = models.CharField(_("file fingerprint"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    statements = models.PositiveIntegerField(_("statements"), default=0)
    movements = models.PositiveIntegerField(_("credit movements"), default=0)

    class Meta:
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({timezone.localdate(self.imported_at):%Y-%m-%d})"


class Payment(models.Model):
    """Money received: a credit movement of a bank statement, or one the treasurer entered by hand.

    `match` says what became of it: it paid an invoice, its amount differed from the invoice's,
    or nothing matched and somebody must look at it."""

    class Source(models.TextChoices):
        CODA = "coda", _("bank statement")
        MANUAL = "manual", _("entered by hand")

    class Match(models.TextChoices):
        PAID = "paid", _("paid the invoice")
        AMOUNT_DIFFERS = "amount_differs", _("amount differs from the invoice")
        INVOICE_NOT_OPEN = "invoice_not_open", _("invoice was not open")
        UNMATCHED = "unmatched", _("matches no invoice")

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    match = models.CharField(_("result"), max_length=20, choices=Match.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    statement_import = models.ForeignKey(
        StatementImport,
        verbose_name=_("bank statement import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    # Identifies a bank movement across files (overlapping statements book it once).
    movement_key = models.CharField(
        _("movement key"), max_length=120, null=True, blank=True, unique=True
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    booked_on = models.DateField(_("date"), validators=[sensible_date])
    structured_reference = models.CharField(
        _("structured communication"), max_length=12, blank=True
    )
    communication = models.CharField(_("communication"), max_length=300, blank=True)
    counterparty_name = models.CharField(_("paid by"), max_length=200, blank=True)
    counterparty_account = models.CharField(_("account"), max_length=40, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-booked_on", "-pk"]

    def __str__(self) -> str:
        return f"€ {self.amount} {self.booked_on} ({self.get_match_display()})"

    @property
    def paid_its_invoice(self) -> bool:
        return self.match == self.Match.PAID

    @property
    def differs_from_invoice(self) -> bool:
        return self.match == self.Match.AMOUNT_DIFFERS

    @property
    def waits_for_an_invoice(self) -> bool:
        """Matched nothing and belongs to no invoice yet: the team can assign it."""
        return self.match == self.Match.UNMATCHED and self.invoice_id is None


# --- Budgets and expenses (a lab's budget; labs keeps a one-to-one to its Budget) -------------------


class Budget(models.Model):
    """Money granted for a purpose (a lab), and the expenses booked against it."""

    name = models.CharField(_("name"), max_length=200)
    granted = models.DecimalField(_("granted (EUR)"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granted__gte=Decimal("0")), name="budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


def receipt_path(instance: "Expense", filename: str) -> str:
    # Under MEDIA_ROOT but never served from there: som/labs serves receipts through a view.
    return f"private/receipts/{instance.budget_id}/{filename}"


class Expense(models.Model):
    """An expense against a budget: submitted, then approved or rejected (with a reason)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="expenses"
    )
    spent_on = models.DateField(_("date"), validators=[sensible_date])
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    description = models.CharField(_("description"), max_length=300)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True, max_length=300)
    receipt_name = models.CharField(_("receipt file name"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reason = models.TextField(_("reason for rejecting"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, validators=[sensible_date]
    )

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=Decimal("0")), name="expense_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected", reason=""),
                name="rejected_expense_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: € {self.amount}"
