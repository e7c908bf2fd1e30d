"""Scaffold (issue 19): replaced by the real feeds in this session."""

from django.contrib.syndication.views import Feed


class StoriesRss(Feed):
    title = link = description = ""

    def items(self):  # type: ignore[no-untyped-def]
        return []


StoriesAtom = PortraitsRss = StoriesRss
