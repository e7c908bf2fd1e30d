"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def serve_image(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
