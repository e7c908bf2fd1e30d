"""Uploaded files (the labs' logbook attachments, receipts, result files and photos, the
governance documents, ...): the type is read from the file's first bytes, never trusted from its
name or the browser, and the size is checked before anything is stored. One checker for every
upload, so every upload gets the same messages."""

from collections.abc import Collection
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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
