from django.apps import AppConfig


class LabsConfig(AppConfig):
    name = "som.labs"
    label = "labs"

    def ready(self) -> None:
        from som.labs import electorate
        from som.voting import electorates

        # Who may vote on the labs of a call: the checked-in attendees of its network day.
        electorates.register(
            electorate.KIND, electorate.checked_in_attendee, size=electorate.checked_in_count
        )
        # Who may see it: the network day's registrants and the board.
        electorates.register_readers(electorate.KIND, electorate.registrants_and_board)
        from som.labs.services import selection
        from som.voting import closers

        # At its closing time the vote closes with the call's rule applied.
        closers.register(electorate.KIND, selection.close_due_selection_vote)
        from som.events import programme
        from som.labs.selectors import pitch_lines

        # The event page lists the proposals pitched in each pitch slot.
        programme.register(pitch_lines)
        from som.events import team_links
        from som.labs.selectors import selection_links

        # A network day's page shows the team the control page of its calls' selection vote.
        team_links.register(selection_links)
        from som.core import personal_data
        from som.labs import personal_data as labs_data
        from som.labs.selectors import expert_lab_name
        from som.membership import entitlements

        personal_data.register("labs", exporter=labs_data.export, eraser=labs_data.erase)
        # An invited expert of a running lab may take part in it without a membership.
        entitlements.register_expert_source(expert_lab_name)
        from som.core import decisions
        from som.labs.services.confirmation import register_entries

        # The board's confirmations of a lab selection are decisions in governance's register.
        decisions.register(register_entries)
