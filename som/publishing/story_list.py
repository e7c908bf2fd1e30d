"""The public list of stories (the StoryIndexPage): filters by speerpunt, lab and school year, a
search in the titles and leads, twelve a page. Its query budget does not grow with the stories:
the page view restrictions, the count, the page's rows and their cover images' consents, and
(once per page-cache version) the filters' choices: five at most."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageQuerySet

from som.core import page_cache

PER_PAGE = 12


def school_year_of(moment: dt.datetime) -> int:
    """The school year (1 September to 31 August) a moment falls in, named by its first year."""
    day = timezone.localtime(moment).date()
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


@dataclass(frozen=True)
class FilterChoices:
    speerpunten: list[tuple[str, str]]
    labs: list[tuple[str, str]]
    years: list[tuple[str, str]]


def _filter_choices(stories: PageQuerySet) -> FilterChoices:
    """The speerpunten, labs and school years that have a public story: one query, kept until
    the next page is published (the page cache's version)."""

    def build() -> FilterChoices:
        english = get_language() == "en"
        speerpunten: dict[str, tuple[int, str]] = {}
        labs: dict[str, str] = {}
        years: set[int] = set()
        rows = stories.values_list(
            "first_published_at",
            "labs__slug",
            "labs__title",
            "speerpunten__slug",
            "speerpunten__name",
            "speerpunten__name_en",
            "speerpunten__position",
        )
        for published, lab, lab_title, slug, name, name_en, position in rows:
            if published is not None:
                years.add(school_year_of(published))
            if lab:
                labs[lab] = lab_title
            if slug:
                speerpunten[slug] = (position, name_en if english else name)
        return FilterChoices(
            speerpunten=[
                (slug, name) for slug, (_, name) in sorted(speerpunten.items(), key=lambda i: i[1])
            ],
            labs=sorted(labs.items(), key=lambda item: item[1].lower()),
            years=[(str(y), school_year_label(y)) for y in sorted(years, reverse=True)],
        )

    return page_cache.kept("stories:filter-choices", build)


class StoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    speerpunt = forms.ChoiceField(label=_("Speerpunt"), required=False)
    lab = forms.ChoiceField(label=_("Lab"), required=False)
    year = forms.ChoiceField(label=_("School year"), required=False)

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("All"))]
        for name, options in (
            ("speerpunt", choices.speerpunten),
            ("lab", choices.labs),
            ("year", choices.years),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = everything + options
        self.fields["q"].widget.attrs["type"] = "search"


def _filtered(stories: PageQuerySet, data: dict[str, Any]) -> PageQuerySet:
    if data.get("speerpunt"):
        stories = stories.filter(speerpunten__slug=data["speerpunt"])
    if data.get("lab"):
        stories = stories.filter(labs__slug=data["lab"])
    if data.get("year"):
        year = int(data["year"])
        zone = timezone.get_current_timezone()
        start = dt.datetime(year, 9, 1, tzinfo=zone)
        end = dt.datetime(year + 1, 9, 1, tzinfo=zone)
        stories = stories.filter(first_published_at__gte=start, first_published_at__lt=end)
    if query := (data.get("q") or "").strip():
        stories = stories.filter(Q(title__icontains=query) | Q(lead__icontains=query))
    return stories


def list_context(stories: PageQuerySet, request: HttpRequest) -> dict[str, Any]:
    """What story_index_page.html shows: the form, the page of stories, whether filtered."""
    form = StoryFilterForm(request.GET or None, choices=_filter_choices(stories))
    # An invalid filter (a lab that has no story any more) is left out, the valid ones apply.
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
    chosen = (
        _filtered(stories, data)
        .select_related("locale", "cover")
        .prefetch_related("cover__consents")
        .distinct()
    )
    paginator = Paginator(chosen, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    language = get_language()
    for story in page.object_list:
        # A story shown in the language it was written in (no translation yet): lang="nl".
        story.shown_in = (
            "" if story.locale.language_code == language else story.locale.language_code
        )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "stories": page,
        "filtered": any(data.get(name) for name in ("q", "speerpunt", "lab", "year")),
        "filter_query": query.urlencode(),
    }
