"""Portraits for tests (this app's and the route matrix's world): made the way the team makes
them in Wagtail (a draft under the Dutch portrait list), approved through the approval model."""

import datetime
from typing import Any

from django.utils import timezone

from som.core import invitations
from som.publishing.models import PortraitApproval, PortraitIndexPage, PortraitPage
from som.publishing.models.portraits import content_hash

ANSWERS = [
    ("Wat betekent Samen Onderwijs Maken (SOM) voor jou?", "Een veilige tussenruimte."),
    ("Wat kan er volgens jou anders in het onderwijs?", "Gelijke onderwijskansen."),
    ("Waarvoor mogen onderwijsmakers jou contacteren?", "Participatie."),
]


def make_portrait(
    *, slug: str = "elise-janssens", email: str = "elise.janssens@example.org", **fields: Any
) -> PortraitPage:
    """A draft portrait (never live: publishing needs the person's approval)."""
    index = PortraitIndexPage.objects.get(locale__language_code="nl")
    values: dict[str, Any] = {
        "title": "Elise Janssens",
        "slug": slug,
        "person_name": "Elise Janssens",
        "role": "Stagiaire bij SOM",
        "person_email": email,
        "answers": [("qa", {"question": q, "answer": a}) for q, a in ANSWERS],
        **fields,
        "live": False,
    }
    page = PortraitPage(**values)
    index.add_child(instance=page)
    page.save_revision()
    return page


def approval_of(page: PortraitPage, *, status: str, token: str | None = None) -> PortraitApproval:
    """An approval of the page's latest revision as it stands, without the mail (a shortcut)."""
    revision = page.get_latest_revision()
    return PortraitApproval.objects.create(
        portrait=page,
        email=page.person_email,
        secret_hash=invitations.hash_token(token or invitations.new_token()[0]),
        content_hash=content_hash(revision.as_object()),
        revision_id=revision.pk,
        status=status,
        answered_at=timezone.now() if status != PortraitApproval.Status.ASKED else None,
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )


def published_portrait(**fields: Any) -> PortraitPage:
    """A portrait its person approved, published."""
    page = make_portrait(**fields)
    approval_of(page, status=PortraitApproval.Status.APPROVED)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page
