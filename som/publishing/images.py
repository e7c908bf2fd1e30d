"""The image upload form of Wagtail's admin: alt text required."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class SiteImageForm(BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alt text (what the image shows)")
