"""The image of a partner's item in the calendar: checked by its content (Pillow must read it as a
JPEG, PNG or WebP picture; the name and the browser's type are not trusted), at most 5 MB, and
stored without its EXIF data (a phone's photo carries the place it was taken and the camera's
serial number), turned upright first as its EXIF orientation said.

Events sit below labs and publishing, so labs' file checks (som/labs/files.py) and the public
site's image form (som/publishing/images.py) cannot be imported here; this is the same rule for
the events' one kind of upload."""

import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

from som.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is refused before it is decoded
FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}


class ImageRefused(DomainError):
    """Codes: empty, too_big, not_an_image."""


def content_type_of(name: str) -> str:
    """The type an image stored by `cleaned_image` is served with (its extension says it)."""
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )


def cleaned_image(upload: Any) -> InMemoryUploadedFile:
    """The upload as a JPEG, PNG or WebP without its metadata, named after its real format; or
    ImageRefused with a message for the person who sent it."""
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ImageRefused(_("The image is empty."), "empty")
    if size > MAX_BYTES:
        raise ImageRefused(
            _("The image is larger than 5 MB: make it smaller, or choose another one."), "too_big"
        )
    upload.seek(0)
    not_an_image = ImageRefused(
        _("This file is not an image we can show: choose a JPEG, PNG or WebP picture."),
        "not_an_image",
    )
    try:
        with PILImage.open(upload) as opened:
            kind = opened.format or ""
            if kind not in FORMATS:
                raise not_an_image
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise ImageRefused(
                    _("The image has too many pixels: make it smaller, or choose another one."),
                    "too_big",
                )
            picture = ImageOps.exif_transpose(opened)
            picture.load()
    except ImageRefused:
        raise
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError) as error:
        raise not_an_image from error
    finally:
        upload.seek(0)
    for key in ("exif", "xmp", "comment", "XML:com.adobe.xmp"):
        picture.info.pop(key, None)
    colours = {"icc_profile": picture.info["icc_profile"]} if "icc_profile" in picture.info else {}
    out = io.BytesIO()
    if kind == "JPEG":
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(out, "JPEG", quality=88, optimize=True, exif=b"", **colours)
    elif kind == "PNG":
        picture.save(out, "PNG", optimize=True, **colours)
    else:
        picture.save(out, "WEBP", quality=88, exif=b"", **colours)
    content_type, extension = FORMATS[kind]
    stem = (getattr(upload, "name", "") or "afbeelding").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0][:80] or "afbeelding"
    length = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(
        out,
        field_name=getattr(upload, "field_name", None),
        name=f"{stem}{extension}",
        content_type=content_type,
        size=length,
        charset=None,
    )
