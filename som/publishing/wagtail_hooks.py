"""Wagtail's admin, for the public site: what the team sees around the pages they edit."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from som.publishing.models import PortraitPage
from som.publishing.models.portraits import PortraitNotApproved, is_approved

# --- Portraits: the person approves the text before it is published (som/publishing/portraits.py)


@hooks.register("register_page_header_buttons")
def portrait_approval_button(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Any:
    if issubclass(page.specific_class or object, PortraitPage) and user.is_staff:
        yield Button(
            _("Ask approval"),
            reverse("publishing:ask_approval", kwargs={"pk": page.pk}),
            icon_name="mail",
            attrs={"title": _("Mail the person portrayed a link to approve this text")},
            priority=55,
        )


def _refused(request: HttpRequest, page: Any) -> HttpResponse:
    messages.error(request, str(PortraitNotApproved().message))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def portrait_needs_approval(request: HttpRequest, page: Any) -> HttpResponse | None:
    """The editor's "Publish" (create and edit): the revision just saved stays a draft until its
    person approved exactly this text. PortraitPage.save refuses it anyway; this says why."""
    if isinstance(page, PortraitPage) and not is_approved(page):
        return _refused(request, page)
    return None


@hooks.register("before_bulk_action")
def portraits_in_bulk_need_approval(
    request: HttpRequest, action_type: str, objects: list[Any], action: Any
) -> HttpResponse | None:
    if action_type != "publish":
        return None
    for page in objects:
        if not issubclass(page.specific_class or object, PortraitPage):
            continue
        latest = page.specific.get_latest_revision_as_object()
        if not is_approved(latest):
            return _refused(request, page)
    return None


# --- The team's "to post" list (som/publishing/sharing.py), in the admin's menu ---------------------


class TeamMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


@hooks.register("register_admin_menu_item")
def to_post_menu_item() -> MenuItem:
    return TeamMenuItem(
        gettext_lazy("To post"),
        reverse_lazy("publishing:to_post"),
        name="to-post",
        icon_name="clipboard-list",
        order=850,
    )
