"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def to_post(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def mark_posted(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
