"""A person's place in the public directory (som/publishing/directory.py): in their export, and
gone with their account's erasure (som.core.personal_data)."""

from typing import Any

from som.publishing.models import DirectoryListing


def export(person: Any) -> dict[str, Any]:
    return {
        "directory_listings": [
            {"organisation": listing.organisation.name, "shown_role": listing.shown_role}
            for listing in DirectoryListing.objects.filter(person=person)
            .select_related("organisation")
            .order_by("organisation__name")
        ]
    }


def erase(person: Any) -> None:
    DirectoryListing.objects.filter(person=person).delete()
