"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def directory(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def organisation(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def edit_profile(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
