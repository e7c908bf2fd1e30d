class DomainError(Exception):
    """A rule said no. `message` is for the user (already translated), `code` for programs."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
