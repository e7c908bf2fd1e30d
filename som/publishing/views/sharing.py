"""The team's "to post" list (som/publishing/sharing.py): the prepared LinkedIn texts, a copy
button each, and "mark as posted" with its undo."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.core.roles import require_team_page
from som.publishing import sharing


@login_required
def to_post(request: HttpRequest) -> HttpResponse:
    require_team_page(request.user)  # the list exists for the team only
    items = sharing.public_items()
    sharing.prepare_posts(items)
    context = {
        "posts": sharing.post_list(items),
        "rhythm_low": sharing.POSTS_PER_WEEK[0],
        "rhythm_high": sharing.POSTS_PER_WEEK[1],
    }
    return render(request, "publishing/to_post.html", context)


@require_POST
@login_required
def mark_posted(request: HttpRequest, pk: int) -> HttpResponse:
    """`action=posted` marks the post as posted now by this team member; `action=undo` puts it
    back on the list to post."""
    post = sharing.get_post_for_team(request.user, pk)
    action = request.POST.get("action", "")
    if action not in ("posted", "undo"):
        messages.error(request, _("Nothing was changed: choose “mark as posted” or “not posted”."))
        return redirect("publishing:to_post")
    try:
        if action == "undo":
            sharing.unmark_posted(post=post, by=request.user)
            messages.success(
                request, _("“%(title)s” is back on the list to post.") % {"title": post.title}
            )
        else:
            sharing.mark_posted(post=post, by=request.user)
            messages.success(request, _("“%(title)s” is marked as posted.") % {"title": post.title})
    except sharing.SharingError as error:
        messages.error(request, error.message)
    return redirect("publishing:to_post")
