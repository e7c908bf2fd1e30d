"""A lab lead writes stories for their own lab (som/publishing/stories.py): the lab's stories with
their state, a new story, a change to a draft. Each view: the gate (404 for another lab or a
story of another lab), the form, one service call."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from som.accounts.requests import person_of
from som.core.roles import is_team
from som.labs import selectors as lab_selectors
from som.labs.models import Lab
from som.publishing import stories
from som.publishing.forms.story import StoryForm, initial_of
from som.publishing.models import StoryPage


def _lab_context(request: HttpRequest, lab: Lab) -> dict[str, Any]:
    person = person_of(request)
    return {"lab": lab, "me": lab_selectors.membership_of(lab, person), "is_team": is_team(person)}


def _state_of(story: StoryPage) -> dict[str, Any]:
    """What the lead reads about a story: published, scheduled, with the team, or sent back."""
    if story.live:
        return {"code": "published", "label": _("published"), "url": story.url}
    if story.go_live_at is not None:
        return {"code": "scheduled", "label": _("scheduled by the team"), "when": story.go_live_at}
    if story.first_published_at is not None:
        return {"code": "offline", "label": _("taken offline by the team")}
    state = story.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        return {"code": "changes", "label": _("the team asks for changes")}
    if state is not None:
        return {"code": "review", "label": _("waiting for the team's review")}
    return {"code": "draft", "label": _("draft")}


@login_required
def lab_stories(request: HttpRequest, slug: str) -> HttpResponse:
    lab = stories.get_lab_for_writer(person_of(request), slug)
    rows = [
        {"story": story, "state": _state_of(story), "editable": stories.may_still_edit(story)}
        for story in stories.stories_of_lab(lab)
    ]
    return render(
        request, "publishing/lab_stories.html", _lab_context(request, lab) | {"rows": rows}
    )


@login_required
def write_story(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_of(request)
    lab = stories.get_lab_for_writer(person, slug)
    form = StoryForm()
    if request.method == "POST":
        form = StoryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stories.write_story(lab=lab, data=form.story_data(), by=person)
            except stories.StoryError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your story is with the team: they read it, may polish it, "
                        "and publish it. You can change it until then."
                    ),
                )
                return redirect("publishing:lab_stories", slug=lab.slug)
    context = _lab_context(request, lab) | {"form": form, "story": None}
    return render(request, "publishing/lab_stories_form.html", context)


@login_required
def edit_story(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = person_of(request)
    lab, story = stories.get_story_for_writer(person, slug, pk)
    if not stories.may_still_edit(story):
        if request.method == "POST":
            messages.error(
                request,
                _(
                    "The team has published this story: it can no longer be changed here. "
                    "Write to the team if something must change."
                ),
            )
            return redirect("publishing:lab_stories", slug=lab.slug)
        context = _lab_context(request, lab) | {"story": story, "state": _state_of(story)}
        return render(request, "publishing/lab_stories_published.html", context)
    draft = story.get_latest_revision_as_object()
    form = StoryForm(initial=initial_of(draft))
    if request.method == "POST":
        form = StoryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stories.update_story(story=story, data=form.story_data(), by=person)
            except stories.StoryError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Your changes are saved and with the team for their review.")
                )
                return redirect("publishing:lab_stories", slug=lab.slug)
    context = _lab_context(request, lab) | {"form": form, "story": draft, "state": _state_of(story)}
    return render(request, "publishing/lab_stories_form.html", context)
