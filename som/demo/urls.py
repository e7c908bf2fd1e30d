from django.urls import path

from som.demo import views

app_name = "demo"
urlpatterns = [
    path("", views.home, name="home"),
    path("mail/", views.mails, name="mailbox"),
    path("mail/<int:pk>/", views.mail, name="mail"),
    path("mail/<int:pk>/<int:number>/", views.attachment, name="attachment"),
]
