"""The SOM team's rights in Wagtail's admin (/cms/): one group, "SOM-team", that every team member
(is_staff) is in.

- the admin itself (`wagtailadmin.access_admin`);
- on the root page, so on both language trees: add, change, publish, lock and unlock pages; not
  bulk delete (a page with its children: a superuser's call);
- on the root collection: add, change and choose images;
- redirects (a moved address) and submitting a page for translation into English.

Not the locales (the site's two languages are settings), sites, collections, users or groups:
those stay with superusers. Who is in the team is decided in the accounts app
(som/accounts/team_changes.py); the app registers `team_group` there (apps.py), so that a person
who joins or leaves the team joins or leaves the group in the same service call. Lab leads write about
their lab through our own forms, not through Wagtail page permissions (docs/decisions.md).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from som.accounts.models import Person

GROUP_NAME = "SOM-team"

ADMIN_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("simple_translation", "submit_translation"),
)
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Wagtail checks these on its own Image model whatever the image model (our SiteImage).
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def _permissions(pairs: tuple[tuple[str, str], ...]) -> list[Permission]:
    query = Q()
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query))
    missing = set(pairs) - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        # After `migrate` every one exists; a missing one means an app or model was renamed,
        # and the team would silently lose a right.
        raise LookupError(f"Wagtail permissions missing: {sorted(missing)}")
    return found


def team_group() -> Group:
    """The team's Wagtail group with its rights, made or completed when needed (idempotent)."""
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*_permissions(ADMIN_PERMISSIONS))
    root = Page.get_first_root_node()
    if root is not None:
        for permission in _permissions(tuple(("wagtailcore", c) for c in PAGE_PERMISSIONS)):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for permission in _permissions(tuple(("wagtailimages", c) for c in IMAGE_PERMISSIONS)):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def ensure_team_editors() -> Group:
    """The group, with every team member in it (also those who were in the team before it
    existed) and nobody else. Run by ensure_site_pages after each `migrate`."""
    group = team_group()
    group.user_set.add(*Person.objects.filter(is_staff=True).exclude(groups=group))
    group.user_set.remove(*group.user_set.filter(is_staff=False))
    return group


def remove_wagtails_defaults() -> None:
    """Wagtail's first migrations make groups "Editors" and "Moderators" and a workflow
    "Moderators approval" on the root page. Here the team is the one group (team_group()) and
    its review of lab leads' stories the one workflow (som/publishing/stories.py): the defaults
    would offer the team a review by a group nobody is in. Left alone once somebody uses them."""
    from wagtail.models import Workflow

    for workflow in Workflow.objects.filter(name="Moderators approval", active=True):
        if not workflow.workflow_states.exists():
            workflow.deactivate()  # and its WorkflowPage rows go
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
