from som.core.errors import DomainError


class FinanceError(DomainError):
    """A finance rule said no; `code` tells programs which one."""
