from som.core.errors import DomainError


class MembershipError(DomainError):
    """A membership rule said no; `code` tells programs which one."""
