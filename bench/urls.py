"""The project's URLs plus the reference endpoints under /bench/ (bench/settings.py only)."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("bench/hello", views.hello, name="bench-hello"),
    path("bench/labs20", views.labs20, name="bench-labs20"),
    path("bench/labs/<int:pk>", views.detail, name="bench-detail"),
    path("bench/polls/<int:poll_id>/vote", views.vote_bare, name="bench-vote"),
    path("bench/polls/<int:poll_id>/ballot", views.ballot, name="bench-ballot"),
    *project_urlpatterns,
]
