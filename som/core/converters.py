"""Path converters. `<id:pk>` instead of Django's `<int:pk>`: an id has 1 to 18 digits, so a
number past what the database's 64-bit keys hold never reaches a view or a query (it is a 404
like any other address that does not exist). Registered in CoreConfig.ready()."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)
