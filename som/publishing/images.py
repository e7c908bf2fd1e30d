"""The site's images (SiteImage): when one may be shown, its public addresses, and the upload form
of Wagtail's admin.

One rule decides whether the public sees an image (`may_show`): an image on which nobody can be
recognised is always shown; one with recognisable people only when it has at least one consent in
the register and every one of its consents allows the use (the website, by default); for children
under 13, a consent of a minor (given by a parent: the register's constraint). The image view
(views/image.serve_image), the `{% picture %}` tag, the Open Graph image (`public_image_url`) and
the check before a page is published (wagtail_hooks) all ask this function.

Uploads (SiteImageForm, the base of Wagtail's single and multiple upload forms): the alt text is
required; the original is stored without its EXIF data (the location a phone writes into a photo,
the camera's serial number...), turned upright first as its EXIF orientation said; the size limit
and the formats are Wagtail's settings (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_EXTENSIONS),
with our own Dutch message for a file that is too big.
"""

import io
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images.forms import BaseImageForm
from wagtail.images.views.serve import generate_image_url

from som.publishing.models import SiteImage

# The sizes the image view makes (anything else is refused): three widths for the pages' srcset,
# and the 1200x630 crop LinkedIn and Facebook show for a shared link.
WIDTHS = (400, 800, 1200)
OPEN_GRAPH_SPEC = "fill-1200x630"
ALLOWED_SPECS = frozenset({*(f"width-{width}" for width in WIDTHS), OPEN_GRAPH_SPEC})
IMAGE_VIEW = "site_image"


def may_show(image: SiteImage | None, use: str = "website") -> bool:
    """Whether the public may see `image` for `use` (a Consent.Use value) today."""
    return image is not None and why_not_shown(image, use) is None


def why_not_shown(image: SiteImage, use: str = "website") -> str | None:
    """None when the image may be shown for `use`; otherwise why not, for the team."""
    if image.recognisable == SiteImage.Recognisable.NOBODY:
        return None
    consents = list(image.consents.all())
    if not consents:
        return gettext("people can be recognised on it and it has no consent in the register")
    for consent in consents:
        if not consent.allows(use):
            return gettext(
                "the consent of %(name)s (number %(number)s) does not allow this: "
                "revoked, expired or given for other uses"
            ) % {"name": consent.subject_name, "number": consent.pk}
        if consent.is_minor and not consent.given_by_name:
            return gettext("the consent of %(name)s is not given by a parent") % {
                "name": consent.subject_name
            }
    if image.recognisable == SiteImage.Recognisable.MINORS and not any(
        consent.is_minor for consent in consents
    ):
        return gettext(
            "children under 13 can be recognised on it, and none of its consents is a "
            "parent's consent for a child"
        )
    return None


def image_url(image: SiteImage, spec: str) -> str:
    """The address (a path) of `image` in the size `spec`, served by views/image.serve_image."""
    if spec not in ALLOWED_SPECS:
        raise ValueError(f"{spec} is not one of the sizes the image view makes")
    return generate_image_url(image, spec, viewname=IMAGE_VIEW)


def public_image_url(image: SiteImage | None, spec: str = OPEN_GRAPH_SPEC) -> str:
    """The address of `image` for the public (Open Graph's 1200x630 by default), or "" when it
    may not be shown."""
    if image is None or not may_show(image):
        return ""
    return image_url(image, spec)


def scaled_size(image: SiteImage, width: int) -> tuple[int, int]:
    """The size Wagtail's `width-N` gives the image: never enlarged, the proportions kept."""
    if not image.width or not image.height:
        return width, width
    shown = min(width, image.width)
    return shown, max(1, round(image.height * shown / image.width))


# --- Uploads -----------------------------------------------------------------------------------

# What Pillow calls the formats we accept, and the content type each is stored as.
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def has_metadata(stored: Any) -> bool:
    """Whether an image file carries EXIF, XMP or a comment (False for what Pillow cannot read)."""
    try:
        with PILImage.open(stored) as opened:
            return bool(
                opened.getexif()
                or {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(opened.info)
            )
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return False


def strip_metadata(upload: Any) -> Any:
    """The uploaded image re-encoded without EXIF (location, camera, dates), XMP or comments,
    upright as its EXIF orientation said. The pixels and the format stay; a file Pillow cannot
    read is returned unchanged for Wagtail's own check to refuse."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as opened:
            kind = opened.format
            if kind not in _FORMATS:
                upload.seek(0)
                return upload
            picture = ImageOps.exif_transpose(opened)
            picture.load()
    except (OSError, ValueError, PILImage.DecompressionBombError):
        upload.seek(0)
        return upload
    picture.info.pop("exif", None)
    picture.info.pop("xmp", None)
    picture.info.pop("comment", None)
    # The colour profile stays (it is not about the person or the place).
    colours = {"icc_profile": picture.info["icc_profile"]} if "icc_profile" in picture.info else {}
    out = io.BytesIO()
    if kind == "JPEG":
        if picture.mode not in ("RGB", "L", "CMYK"):
            picture = picture.convert("RGB")
        picture.save(out, "JPEG", quality=90, optimize=True, exif=b"", **colours)
    elif kind == "PNG":
        picture.save(out, "PNG", optimize=True, **colours)
    else:
        picture.save(out, "WEBP", quality=90, exif=b"", **colours)
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(
        out,
        field_name=getattr(upload, "field_name", None),
        name=upload.name,
        content_type=_FORMATS[kind],
        size=size,
        charset=None,
    )


class SiteImageForm(BaseImageForm):
    """Wagtail's image form (single upload, edit, and the multiple upload's per-image form)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alt text (what the image shows)")
        if "file" in self.fields:
            # Wagtail fills in file_size and max_filesize when it refuses the file.
            self.fields["file"].error_messages["file_too_large"] = _(
                "This file is too big (%(file_size)s). An image may be at most "
                "%(max_filesize)s: make it smaller (for instance 2000 pixels wide) and upload it "
                "again."
            )
            # The multiple upload's own check in the browser, before sending the file.
            self.fields["file"].error_messages["file_too_large_unknown_size"] = _(
                "This file is too big. An image may be at most %(max_filesize)s: make it "
                "smaller (for instance 2000 pixels wide) and upload it again."
            ) % {"max_filesize": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)}
            self.fields["file"].help_text = _(
                "JPG, PNG or WebP, at most %(max_size)s. The location and other data the camera "
                "wrote into the photo are removed."
            ) % {"max_size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)}
        if "recognisable" in self.fields:
            self.fields["recognisable"].help_text = _(
                "With recognisable people the image is shown only while all their consents in "
                "the register allow the website (a parent's consent for a child under 13)."
            )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            upload = strip_metadata(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        recognisable = cleaned.get("recognisable")
        consents = cleaned.get("consents")
        if (
            recognisable
            and recognisable != SiteImage.Recognisable.NOBODY
            and consents is not None
            and not consents.exists()
            and "consents" in self.fields
        ):
            self.add_error(
                "consents",
                forms.ValidationError(
                    _(
                        "People can be recognised on this image: choose their consents in the "
                        "register (or record them first)."
                    )
                ),
            )
        return cleaned
