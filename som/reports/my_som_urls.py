from django.urls import path

from som.reports import views

app_name = "my_som"
urlpatterns = [
    path("", views.my_som, name="home"),
]
