"""Private files (lab attachments, results, receipts, governance documents) after the permission
check: who may read one is decided by the view, who sends the bytes by the setting.

In development and tests Django streams the file itself (FileResponse). In production with
`SOM_X_ACCEL_REDIRECT` on, the view answers with an empty response carrying
`X-Accel-Redirect: /protected/<the file's name under MEDIA_ROOT>`; nginx's `internal` location
of that name (deploy/nginx/som.conf) then sends the file from disk, so a gunicorn worker is not
held for as long as a slow phone takes to download it. nginx drops the header on its way out; a
visitor who asks for /protected/... directly gets nginx's 404.
"""

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header


def private_file(
    file_field: Any, *, filename: str, content_type: str, as_attachment: bool = False
) -> HttpResponseBase:
    """The stored file `file_field` (a FieldFile) as a download named `filename`."""
    if settings.SOM_X_ACCEL_REDIRECT:
        # FileResponse's Content-Disposition (the name in both encodings), on a response without
        # a body: nginx passes Content-Disposition on and takes the type from this response.
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        disposition = content_disposition_header(as_attachment, filename)
        if disposition:
            response["Content-Disposition"] = disposition
        prefix = settings.SOM_X_ACCEL_REDIRECT_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(file_field.name, safe='/')}"
    else:
        response = FileResponse(
            file_field.open("rb"),
            content_type=content_type,
            filename=filename,
            as_attachment=as_attachment,
        )
    response["X-Content-Type-Options"] = "nosniff"
    return response
