from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.accounts import api_key_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path(_("my-data.json"), views.export_data, name="export"),
    path(_("erase/"), views.request_erasure_view, name="erasure"),
    path(_("api-keys/"), api_key_views.api_keys, name="api_keys"),
    path(_("api-keys/<id:pk>/revoke/"), api_key_views.revoke_api_key, name="revoke_api_key"),
]
