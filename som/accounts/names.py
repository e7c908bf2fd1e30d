"""A person's name as people type it: what the team, colleagues and badges show."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NO_NAME = _("Fill in your name: at least one letter.")


def validate_full_name(value: str) -> None:
    """Spaces, dots or invisible characters alone are no name (a blank badge, a nameless row in
    the team's lists)."""
    if not any(character.isalnum() for character in value):
        raise ValidationError(NO_NAME, code="no_name")
