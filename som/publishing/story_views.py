"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def lab_stories(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def write_story(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def edit_story(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
