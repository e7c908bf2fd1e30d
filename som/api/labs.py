"""/api/v1 for labs: the public fields of every lab, one lab, and its published results. Never
the private logbook, the group's members or the budget."""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from som.api.errors import answers
from som.labs import permissions, selectors
from som.labs.models import Lab

router = Router(tags=["labs"])


class LabOut(Schema):
    slug: str
    title: str
    summary: str
    status: str
    starts_on: datetime.date
    planned_end_on: datetime.date
    speerpunten: list[str]
    url: str


class LabDetailOut(LabOut):
    challenge: str
    partners: list[str]


class ResultFileOut(Schema):
    name: str
    caption: str
    is_photo: bool
    url: str


class LabResultOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    body_html: str
    links: list[str]
    published_at: datetime.datetime
    files: list[ResultFileOut]
    url: str


def _lab(request: HttpRequest, lab: Lab, detail: bool = False) -> dict[str, object]:
    row: dict[str, object] = {
        "slug": lab.slug,
        "title": lab.title,
        "summary": lab.summary,
        "status": lab.status,
        "starts_on": lab.starts_on,
        "planned_end_on": lab.planned_end_on,
        "speerpunten": [s.slug for s in lab.speerpunten.all()],
        "url": request.build_absolute_uri(reverse("labs:lab", kwargs={"slug": lab.slug})),
    }
    if detail:
        row |= {"challenge": lab.challenge, "partners": lab.partner_list}
    return row


@router.get(
    "/labs", response=answers({200: list[LabOut]}), summary="The labs, with their public fields"
)
def list_labs(
    request: HttpRequest, status: str = "", speerpunt: str = ""
) -> list[dict[str, object]]:
    return [_lab(request, lab) for lab in selectors.public_labs(status=status, speerpunt=speerpunt)]


@router.get(
    "/labs/{slug}", response=answers({200: LabDetailOut}, 404), summary="One lab (404 when unknown)"
)
def get_lab(request: HttpRequest, slug: str) -> dict[str, object]:
    return _lab(request, permissions.get_public_lab(slug), detail=True)


@router.get(
    "/labs/{slug}/results",
    response=answers({200: list[LabResultOut]}, 404),
    summary="A lab's published results",
)
def lab_results(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    lab = permissions.get_public_lab(slug)
    return [
        {
            "id": result.pk,
            "kind": result.kind,
            "title": result.title,
            "summary": result.summary,
            "body_html": result.body_html,
            "links": result.link_list,
            "published_at": result.published_at,
            "files": [
                {
                    "name": f.name,
                    "caption": f.caption,
                    "is_photo": f.is_photo,
                    "url": request.build_absolute_uri(
                        reverse("labs:result_file", kwargs={"pk": f.pk})
                    ),
                }
                for f in result.public_files
            ],
            "url": request.build_absolute_uri(
                reverse("labs:result", kwargs={"slug": lab.slug, "pk": result.pk})
            ),
        }
        for result in selectors.published_results(lab).prefetch_related("files__consent")
    ]
