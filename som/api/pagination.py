"""ninja's page-number pagination with a bounded page: `?page=18446744073709551617` was read as a
Python int and sent to the database as an OFFSET past 64 bits (a 500 on PostgreSQL and SQLite).
A page past PAGE_MAX is a 422 like any other query that does not fit; a page past the last one
is an empty list."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_MAX = 1_000_000


class BoundedPageNumberPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=PAGE_MAX)
        page_size: int | None = Field(None, ge=1, le=PAGE_MAX)
