from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "som.voting"
    label = "voting"

    def ready(self) -> None:
        from som.voting import electorates

        # The built-in electorate: a list the team fills (tests and simple polls). Higher apps
        # register their own kinds the same way, in their AppConfig.ready.
        electorates.register("listed", electorates.listed_voter, size=electorates.listed_size)
        electorates.register_readers("listed", electorates.listed_readers)
        from som.core import personal_data
        from som.voting import personal_data as voting_data

        personal_data.register("voting", exporter=voting_data.export)
        # The closers that apps above register: its expectation (som.core.hooks) exists from here.
        from som.voting import closers  # noqa: F401
