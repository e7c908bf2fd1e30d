from django.urls import path

from som.demo import views

app_name = "demo"
urlpatterns = [
    path("", views.home, name="home"),
    path("mail/", views.mails, name="mailbox"),
    path("mail/<id:pk>/", views.mail, name="mail"),
    path("mail/<id:pk>/<id:number>/", views.attachment, name="attachment"),
]
