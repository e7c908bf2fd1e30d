"""The only gate to the reports: the team's start page and the annual report are the team's
alone; for anybody else they do not exist (404, as for a missing page)."""

from typing import Any

from som.core.roles import require_team_page


def require_team_reports(person: Any) -> None:
    """The team's reports (start page, annual report); `person` is the request's user."""
    require_team_page(person)
