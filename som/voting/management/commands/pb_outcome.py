"""Print the projects a selection rule picks for a pabulib approval instance, one id a line."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.voting.pabulib import PabulibError, read_pb
from som.voting.rules import greedy_approval, method_of_equal_shares

RULES = {"greedy": greedy_approval, "equal-shares": method_of_equal_shares}


class Command(BaseCommand):
    help = (
        "Print the project ids selected by a rule for a pabulib approval instance (.pb), "
        "one per line, in selection order."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a pabulib .pb file with approval votes")
        parser.add_argument("--rule", choices=sorted(RULES), required=True)
        parser.add_argument("--max", type=int, default=None, help="maximum number of projects")
        parser.add_argument(
            "--ties",
            choices=["cost", "name"],
            default="cost",
            help="tie-breaking: cheaper first, then file order (default); or by id as text, "
            "as pabutools does",
        )
        parser.add_argument(
            "--explain", action="store_true", help="also explain each step (on stderr)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["max"] is not None and options["max"] < 0:
            raise CommandError("--max cannot be negative.")
        try:
            instance = read_pb(options["file"])
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        except PabulibError as error:
            raise CommandError(str(error)) from error
        outcome = RULES[options["rule"]](
            projects=instance.projects,
            budget=instance.budget,
            ballots=instance.ballots,
            max_projects=options["max"],
            tie_break=options["ties"],
        )
        for project_id in outcome.selected:
            self.stdout.write(str(project_id))
        if options["explain"]:
            self.stdout.flush()
            for line in outcome.explain():
                self.stderr.write(line)
