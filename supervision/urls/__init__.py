"""The supervision app's routes, one module per part of the work (the plan, an item's steps, the
public pages, the topic candidates and settings), all in the `supervision` namespace."""

from django.urls import include, path

app_name = "supervision"

urlpatterns = [
    path("", include("supervision.urls.plan")),
    path("", include("supervision.urls.items")),
    path("", include("supervision.urls.candidates")),
    path("public/", include("supervision.urls.public")),
]
