"""Write the approval votes of a call's selection vote as a pabulib `.pb` file.

    python manage.py export_pb CALL_ID [--output FILE]

The projects are the proposals on the ballot (id = proposal id, cost = requested budget), the
budget is the call's, the votes are the poll's ballots without any voter id (the vote is secret:
they are numbered 1..n in the mixed order of the closed poll). `pb_outcome FILE --rule ...
--max N` then selects what the call's rule selected."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from som.labs.models import Call
from som.labs.services.selection import ballots_of
from som.voting.models import Poll
from som.voting.pabulib import write_pb

RULES: dict[str, str] = {Call.Rule.GREEDY: "greedy", Call.Rule.EQUAL_SHARES: "equal-shares"}


class Command(BaseCommand):
    help = "Write the approval votes of a call's closed selection vote as a pabulib .pb file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("call", type=int, help="the call's id")
        parser.add_argument("--output", "-o", help="the file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        call = Call.objects.select_related("poll", "network_day").filter(pk=options["call"]).first()
        if call is None:
            raise CommandError(f"There is no call {options['call']}.")
        poll = call.poll
        if poll is None or poll.state not in (Poll.State.CLOSED, Poll.State.PUBLISHED):
            raise CommandError("The call's vote is not closed yet: export it after closing.")
        projects, ballots, _titles = ballots_of(call)
        text = write_pb(
            projects=projects,
            budget=call.total_budget,
            ballots=ballots,
            meta={
                "description": f"Selection of labs, {settings.SOM_NETWORK_NAME}: {call.title}",
                "instance": str(call.network_day or call.title),
                "rule": RULES.get(call.rule, "unknown"),
                "max_projects": str(call.max_labs),
                "date_begin": _date(poll.opened_at),
                "date_end": _date(poll.closed_at),
            },
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"{len(ballots)} votes on {len(projects)} proposals written.")
        else:
            self.stdout.write(text, ending="")


def _date(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y") if moment else ""
