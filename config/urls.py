from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from som.api.api import api
from som.core.views import healthz
from som.events import views as events_views
from som.events.views import certificates as certificate_views
from som.publishing.sitemaps import SITEMAPS
from som.publishing.views import image as image_views
from som.publishing.views.pages import robots_txt

# The back office logs in through allauth, so MFA and the rate limits apply there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
# The organisation's name is read when a page shows it (a setting, config/settings.py).
admin.site.site_header = lazy(
    lambda: gettext("%(network)s back office") % {"network": settings.SOM_NETWORK_NAME}, str
)()
admin.site.site_title = lazy(lambda: str(settings.SOM_NETWORK_NAME), str)()
admin.site.index_title = _("Back office")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar.ics", events_views.calendar_ics, name="calendar_ics"),
    path("events/<slug:slug>.ics", events_views.event_ics, name="event_ics"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Wagtail's admin, for the team's pages, stories and portraits: behind our login and the
    # second factor (som.accounts.middleware), in the editor's language.
    path("cms/", include(wagtailadmin_urls)),
    # The site's images in the sizes pages ask for, only while the people on them consent.
    path(
        "images/<str:signature>/<id:image_id>/<str:filter_spec>/",
        image_views.serve_image,
        name="site_image",
    ),
    # The same with the file's name after it, as Wagtail's generate_image_url writes it.
    path(
        "images/<str:signature>/<id:image_id>/<str:filter_spec>/<str:filename>",
        image_views.serve_image,
        name="site_image_file",
    ),
]

# The public calendar and labs first: most requests are theirs, and routing tries the patterns in
# order (each translated prefix costs a lookup in the current language).
urlpatterns += i18n_patterns(
    path(_("events/"), include("som.events.urls")),
    path(_("labs/"), include("som.labs.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path(_("my-som/"), include("som.reports.my_som_urls")),
    path(_("my-account/"), include("som.accounts.urls")),
    path(_("organisations/"), include("som.network.urls")),
    path(_("membership/"), include("som.membership.urls")),
    path(_("finance/"), include("som.finance.urls")),
    path(_("association/"), include("som.governance.urls")),
    path("team/", include("som.reports.urls")),
    # Only with SOM_ENV=demo (404 otherwise): what to try, and the demo's mailbox.
    path("demo/", include("som.demo.urls")),
    # The public check of an attendance certificate: /attest/<code>/ (som.events).
    path(_("certificate/<str:code>/"), certificate_views.check, name="certificate_check"),
    path("", include("som.publishing.urls")),
    # Everything else is a page of the site the team edits (Wagtail), in this language's tree.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
