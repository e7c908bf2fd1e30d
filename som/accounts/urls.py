from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.accounts.views import account, api_keys

app_name = "accounts"
urlpatterns = [
    path("", account.home, name="home"),
    path(_("my-data.json"), account.export_data, name="export"),
    path(_("erase/"), account.request_erasure_view, name="erasure"),
    path(_("api-keys/"), api_keys.api_keys, name="api_keys"),
    path(_("api-keys/<id:pk>/revoke/"), api_keys.revoke_api_key, name="revoke_api_key"),
]
