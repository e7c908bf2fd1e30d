"""The public site's content: Wagtail's page types (pages.py), the images with their credit and
consents (images.py), a portrait's approval by the person portrayed (portraits.py), the member
directory's choices (directory.py) and the team's list of posts to share (sharing.py)."""

from som.publishing.models.directory import DirectoryListing, OrganisationProfile
from som.publishing.models.images import SiteImage, SiteRendition
from som.publishing.models.pages import (
    ContactPage,
    ContentPage,
    HomePage,
    PortraitIndexPage,
    PortraitPage,
    StoryIndexPage,
    StoryPage,
)
from som.publishing.models.portraits import PortraitApproval
from som.publishing.models.sharing import SocialPost

__all__ = [
    "ContactPage",
    "ContentPage",
    "DirectoryListing",
    "HomePage",
    "OrganisationProfile",
    "PortraitApproval",
    "PortraitIndexPage",
    "PortraitPage",
    "SiteImage",
    "SiteRendition",
    "SocialPost",
    "StoryIndexPage",
    "StoryPage",
]
