"""Routes of the candidates pages (see urls/__init__.py): the topic candidates drawn from the
portal's findings, the county's settings and the admin's holiday table."""

from django.urls import URLPattern, path

from ..views import candidates as views

urlpatterns: list[URLPattern] = [
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/take/", views.candidate_take, name="candidate_take"),
    path("settings/", views.settings_edit, name="settings_edit"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<int:pk>/remove/", views.calendar_day_remove, name="calendar_day_remove"),
]
