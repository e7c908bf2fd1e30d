from typing import Any

from django.core.management.base import BaseCommand, CommandError

from som.voting import closers


class Command(BaseCommand):
    help = (
        "Close the polls whose closing time has passed (a lab selection applies its call's "
        "rule, a motion's vote its motion kind's rule) and publish the result of those that "
        "say so. Run it every minute (docs/deploy.md): a second run, also at the same time, "
        "closes nothing twice. Exits with 1 when a poll could not be closed (logged)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = closers.close_due_polls()
        if run.closed:
            self.stdout.write(f"{len(run.closed)} poll(s) closed: {_ids(run.closed)}.")
        if run.failed:
            raise CommandError(
                f"{len(run.failed)} poll(s) could not be closed: {_ids(run.failed)}."
            )


def _ids(ids: list[int]) -> str:
    return ", ".join(str(pk) for pk in ids)
