"""The size of what a request may send, checked while it arrives: a request larger than
SOM_UPLOAD_MAX_BYTES is refused before its body is read (its Content-Length says so), and a body
that turns out larger stops at the limit, not after all of it was received and written to a
temporary file. The proxy in front refuses it even earlier (docs/deploy.md, client_max_body_size).

RequestTooLarge is Django's RequestDataTooBig (also raised past DATA_UPLOAD_MAX_MEMORY_SIZE), so a
request that gets past som.core.middleware still answers 400, never 500; the middleware answers
413 with a page in the reader's language."""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class RequestTooLarge(RequestDataTooBig):
    pass


def max_upload_bytes() -> int:
    return int(settings.SOM_UPLOAD_MAX_BYTES)


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts the bytes of the files while they arrive and passes
    them on to Django's own handlers (memory, then a temporary file)."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.received = 0
        if content_length > max_upload_bytes():
            raise RequestTooLarge(f"The request announces {content_length} bytes.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            raise RequestTooLarge("The files are larger than the upload limit.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file
