"""The reference endpoints of PERFORMANCE.md: what the real pages are measured against."""

import secrets

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bench.models import BenchLab, BenchVote


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, SOM Leuven.", content_type="text/plain")


def labs20(request: HttpRequest) -> HttpResponse:
    labs = list(BenchLab.objects.all()[:20])
    return render(request, "bench/labs20.html", {"labs": labs})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    lab = get_object_or_404(BenchLab, pk=pk)
    return render(request, "bench/detail.html", {"lab": lab})


@csrf_exempt
@require_POST
def vote_bare(request: HttpRequest, poll_id: int) -> HttpResponse:
    """One INSERT in a transaction under UNIQUE(poll, voter): 201, or 409 for a repeat."""
    try:
        voter = int(request.POST["voter"])
    except (KeyError, ValueError):
        return JsonResponse({"detail": "voter must be a number"}, status=400)
    try:
        with transaction.atomic():
            vote = BenchVote.objects.create(
                poll_id=poll_id, voter=voter, choice=request.POST.get("choice", "yes")
            )
    except IntegrityError:
        return JsonResponse({"detail": "already voted"}, status=409)
    return JsonResponse({"id": vote.pk}, status=201)


# G11's reference: the same six proposals as the bench's call (bench_ballots.PROPOSALS, titles only).
BALLOT_OPTIONS = ["Meertaligheid als troef", "STEM in de wijk", "Samen tegen schooluitval",
                  "Digitale geletterdheid voor iedereen", "De klas als gemeenschap",
                  "Stage die werkt"]  # fmt: skip


@csrf_exempt
def ballot(request: HttpRequest, poll_id: int) -> HttpResponse:
    """A bare one-form ballot: GET shows six boxes, POST stores one vote and answers a bare
    "counted" page (no redirect, no stylesheet, no script)."""
    if request.method != "POST":
        return render(request, "bench/ballot.html", {"options": BALLOT_OPTIONS})
    choice = ",".join(request.POST.getlist("choice"))[:20] or "none"
    # A voter of its own per ballot: the phone journeys never repeat.
    BenchVote.objects.create(poll_id=poll_id, voter=secrets.randbits(62), choice=choice)
    return render(request, "bench/counted.html")
