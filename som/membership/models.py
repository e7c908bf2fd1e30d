from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class MembershipType(models.Model):
    """General membership (institutions, with a vote) or lab membership (no vote)."""

    class Code(models.TextChoices):
        GENERAL = "general", _("general membership")
        LAB = "lab", _("lab membership")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    gives_vote = models.BooleanField(_("vote in the general assembly"), default=False)
    requires_instellingsnummer = models.BooleanField(_("requires an institution number"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("membership type")
        verbose_name_plural = _("membership types")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" else self.name


class Tariff(models.Model):
    """What a membership costs per year. Data the team can change; invoices copy the amount."""

    class Code(models.TextChoices):
        STANDARD = "standard", _("standard tariff")
        REDUCED = "reduced", _("reduced tariff (kansentarief)")

    membership_type = models.ForeignKey(
        MembershipType,
        verbose_name=_("membership type"),
        on_delete=models.PROTECT,
        related_name="tariffs",
    )
    code = models.CharField(_("tariff"), max_length=20, choices=Code.choices)
    amount = models.DecimalField(_("amount per year (EUR)"), max_digits=8, decimal_places=2)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["membership_type__position", "-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership_type", "code"], name="one_tariff_per_type_and_code"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="tariff_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_type} – {self.get_code_display()}: € {self.amount}"
