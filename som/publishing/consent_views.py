"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def register(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def record(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def detail(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def revoke(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
