"""The labs app's pages: proposals and the team's screening (`proposals.py`), the lab group's
own pages (`group.py`), the public lab pages (`public.py`) and the team's lab pages (`team.py`).
The team's calls are in `calls.py`; the live selection vote's pages in `selection.py`."""
