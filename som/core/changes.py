"""Rows of a form's inline table, as a service receives them: what was added, changed (with the
names of the changed fields) and deleted. The rows are not saved: the service decides."""

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class RowChanges(Generic[M]):
    added: list[M] = field(default_factory=list)
    changed: list[tuple[M, list[str]]] = field(default_factory=list)
    deleted: list[M] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)
