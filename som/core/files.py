"""Uploaded files (the labs' logbook attachments, receipts, result files and photos, the
governance documents, ...): the type is read from the file's first bytes, never trusted from its
name or the browser, and the size is checked before anything is stored. One checker for every
upload, so every upload gets the same messages."""

import io
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

from som.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# The signature at the start of each file type we accept, and its content type.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
EXTENSIONS = {"application/pdf": (".pdf",), "image/png": (".png",), "image/jpeg": (".jpg", ".jpeg")}
IMAGES = {"image/png", "image/jpeg"}
DOCUMENTS = frozenset(EXTENSIONS)
# Plain text (a bank's CODA statement): no signature to read, so text is a file without NUL bytes
# that is none of the kinds above. Its name is not checked: banks name these files .cod, .txt,
# .coda or nothing at all.
TEXT = "text/plain"


class FileRefused(DomainError):
    """Codes: too_big, empty, wrong_type, not_an_image."""


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGES


def sniff(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def trusted_content_type(claimed: str, head: bytes) -> str:
    """The content type to store for a file whose kind is free (a meeting's documents: a budget
    sheet, a text, a scan): the browser's claim, unless it claims a kind that the file's first
    bytes can prove (PDF, PNG, JPEG) and they do not; then it is only bytes, served as a download,
    never shown inline as what it claimed to be."""
    claimed = (claimed or "").split(";")[0].strip().lower()
    if not claimed or (claimed in DOCUMENTS and sniff(head) != claimed):
        return "application/octet-stream"
    return claimed


def _sniff_text(head: bytes) -> str | None:
    return TEXT if head and b"\0" not in head and sniff(head) is None else None


def check(
    upload: UploadedFile, *, images_only: bool = False, kinds: Collection[str] = DOCUMENTS
) -> CheckedFile:
    """A PDF, JPEG or PNG of at most 10 MB whose content matches its extension; `kinds` narrows
    or widens what is taken (`{files.TEXT}`: a plain text file, for a bank statement)."""
    name = (upload.name or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    size = upload.size or 0
    if size == 0:
        raise FileRefused(_("The file %(name)s is empty.") % {"name": name}, "empty")
    if size > MAX_BYTES:
        raise FileRefused(_("The file %(name)s is larger than 10 MB.") % {"name": name}, "too_big")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if TEXT in kinds:
        if _sniff_text(head) is None:
            raise FileRefused(
                _("The file %(name)s is not a text file.") % {"name": name}, "wrong_type"
            )
        return CheckedFile(upload=upload, name=name, content_type=TEXT, size=size)
    content_type = sniff(head[:16])
    if (
        content_type is None
        or content_type not in kinds
        or not name.lower().endswith(EXTENSIONS[content_type])
    ):
        raise FileRefused(
            _("The file %(name)s is not a PDF, JPEG or PNG file.") % {"name": name}, "wrong_type"
        )
    if images_only and content_type not in IMAGES:
        raise FileRefused(
            _("The file %(name)s is not a photo (JPEG or PNG).") % {"name": name}, "not_an_image"
        )
    return CheckedFile(upload=upload, name=name, content_type=content_type, size=size)


# --- Pictures shown on the site (an event's image) -----------------------------------------------
# Checked by their content (Pillow must read a JPEG, PNG or WebP picture; the name and the
# browser's type are not trusted), at most 5 MB, and stored without their EXIF data (a phone's
# photo carries the place it was taken and the camera's serial number), turned upright first as
# their EXIF orientation said.

PICTURE_MAX_BYTES = 5 * 1024 * 1024
PICTURE_MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is refused before it is decoded
PICTURE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}


def picture_content_type(name: str) -> str:
    """The type an image stored by `cleaned_image` is served with (its extension says it)."""
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )


def cleaned_image(upload: Any) -> InMemoryUploadedFile:
    """The upload as a JPEG, PNG or WebP without its metadata, named after its real format; or
    FileRefused (empty, too_big, not_an_image) with a message for the person who
    sent it."""
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise FileRefused(_("The image is empty."), "empty")
    if size > PICTURE_MAX_BYTES:
        raise FileRefused(
            _("The image is larger than 5 MB: make it smaller, or choose another one."), "too_big"
        )
    upload.seek(0)
    not_an_image = FileRefused(
        _("This file is not an image we can show: choose a JPEG, PNG or WebP picture."),
        "not_an_image",
    )
    try:
        with PILImage.open(upload) as opened:
            kind = opened.format or ""
            if kind not in PICTURE_FORMATS:
                raise not_an_image
            width, height = opened.size
            if width * height > PICTURE_MAX_PIXELS:
                raise FileRefused(
                    _("The image has too many pixels: make it smaller, or choose another one."),
                    "too_big",
                )
            picture = ImageOps.exif_transpose(opened)
            picture.load()
    except FileRefused:
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
    content_type, extension = PICTURE_FORMATS[kind]
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
