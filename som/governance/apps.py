from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "som.governance"
    label = "governance"

    def ready(self) -> None:
        from som.governance import electorate
        from som.voting import electorates

        # Who may vote on a motion: the members present at its meeting, weighted by proxies.
        electorates.register(electorate.KIND, electorate.member_voter, size=electorate.present_size)
        from som.governance.services import votes
        from som.voting import closers

        # At its closing time a motion's vote closes as the secretary's close does.
        closers.register(electorate.KIND, votes.close_due_vote)
        from som.governance.permissions import poll_readers

        # Who may see it: whoever sees the item's meeting.
        electorates.register_readers(electorate.KIND, poll_readers)

        from som.core import personal_data
        from som.governance.personal_data import erase, export, keeps

        personal_data.register("governance", exporter=export, eraser=erase, keeps=keeps)

        from som.accounts import roles
        from som.governance.selectors import is_board_member

        # The board's confirmation of a lab selection (som.labs) asks who holds a board mandate.
        roles.register_board_check(is_board_member)
