"""The static files' storage in production: WhiteNoise's (compressed, names with a hash of the
content), with each file's address worked out once per process.

Django works the address out again at every `{% static %}`: the manifest lookup, quoting the
path and joining it to STATIC_URL cost about 50 µs a tag, the price of a database query, on
every page. The files cannot change while a process runs (a deploy restarts it), so neither can
their addresses."""

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            # A missing file raises here (manifest_strict), and is not remembered.
            address = self._addresses[name] = super().url(name)
        return address
