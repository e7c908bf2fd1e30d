from django.urls import path

app_name = "labs"
urlpatterns: list = []

# --- The live selection vote (som/labs/selection_views.py) ---------------------------------------
from django.utils.translation import gettext_lazy as _selection_path  # noqa: E402

from som.labs import selection_views  # noqa: E402

urlpatterns += [
    path(_selection_path("vote/<int:call_id>/"), selection_views.ballot, name="ballot"),
    path(_selection_path("vote/<int:call_id>/screen/"), selection_views.screen, name="screen"),
    path(
        _selection_path("calls/<int:call_id>/selection/"),
        selection_views.control,
        name="selection",
    ),
    path(
        _selection_path("calls/<int:call_id>/result/"),
        selection_views.result,
        name="selection_result",
    ),
]
