"""Routes of the public pages (see urls/__init__.py); no login needed."""

from django.urls import URLPattern, path

from supervision.views import public as views

urlpatterns: list[URLPattern] = [
    path("", views.public_index, name="public_index"),
    path("plans/<int:pk>/", views.public_plan, name="public_plan"),
    path("items/<int:pk>/", views.public_item, name="public_item"),
]
