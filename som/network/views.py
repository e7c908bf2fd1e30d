from django.http import HttpRequest, HttpResponse


def my_organisations(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


edit_organisation = staff = end_staff = my_organisations
