"""Wagtail's images, with what a public photo needs here: who made it (the credit), whether people
can be recognised on it, and the consents (som.network.models.Consent) that allow showing them.
An image whose people have not all consented to the website is never served to the public
(som/publishing/images.py)."""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from som.network.models import Consent


class SiteImage(AbstractImage):
    # Wagtail has no type information: mypy sees AbstractImage as Any, so the django-stubs plugin
    # does not infer this model's field types and they are annotated here (also in pages.py).
    # (The annotations are strings: Django's field classes cannot be subscripted at runtime.)

    class Recognisable(models.TextChoices):
        NOBODY = "nobody", _("nobody can be recognised")
        PEOPLE = "people", _("adults can be recognised")
        MINORS = "minors", _("children under 13 can be recognised")

    credit: "models.CharField[str, str]" = models.CharField(_("credit"), max_length=200, blank=True)
    recognisable: "models.CharField[str, str]" = models.CharField(
        _("people on the photo"),
        max_length=10,
        choices=Recognisable.choices,
        default=Recognisable.NOBODY,
    )
    consents: "models.ManyToManyField[Consent, Any]" = models.ManyToManyField(
        Consent,
        verbose_name=_("consents of the people shown"),
        blank=True,
        related_name="images",
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "recognisable",
        "consents",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        # Like Wagtail's own Image. Wagtail checks the rights on images against Image's
        # permissions whatever the model (its policy's auth_model): the team's group holds those
        # (som/publishing/team_editors.py).
        permissions = [("choose_siteimage", "Can choose image")]


class SiteRendition(AbstractRendition):
    """A size of an image. Nothing under MEDIA_ROOT is public (nginx answers /media/ with a 404),
    so a rendition's own address is the admin's preview (som/publishing/image_hooks.py), for the
    team's thumbnails and choosers; the public pages ask for the sizes the image view makes
    ({% picture %}, som/publishing/images.py), which check the consents on every request."""

    image: "models.ForeignKey[SiteImage, SiteImage]" = models.ForeignKey(
        SiteImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @property
    def url(self) -> str:
        return reverse("wagtailadmin_image_preview", args=[self.pk])
