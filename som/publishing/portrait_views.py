"""Scaffold (issue 19): replaced by the real views in this session."""

from django.http import Http404


def approval(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def contact_person(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def ask_approval(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
