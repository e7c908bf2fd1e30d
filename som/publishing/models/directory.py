"""The public directory of the network ("Wie is het netwerk"): which member institutions and
partners appear, and what of each. The organisation's contact person decides (som/publishing/
directory.py); an organisation that has not chosen yet shows these defaults: its name, kind,
place, website, levels and network, without its address, a description or people."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from som.core.models import TimeStampedModel


class OrganisationProfile(TimeStampedModel):
    organisation = models.OneToOneField(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="directory_profile",
    )
    listed = models.BooleanField(_("shown in the directory"), default=True)
    is_partner = models.BooleanField(_("partner of the network"), default=False)
    description = models.TextField(_("a few words about us"), blank=True, max_length=1000)
    show_address = models.BooleanField(_("show our address (with a map link)"), default=False)
    show_levels = models.BooleanField(_("show our education levels"), default=True)
    show_network = models.BooleanField(_("show our education network"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class DirectoryListing(TimeStampedModel):
    """A person who chose to appear on their organisation's page in the directory."""

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="directory_listings",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="directory_listings",
    )
    shown_role = models.CharField(_("role shown"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("listed person")
        verbose_name_plural = _("listed people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="one_listing_per_person_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"
