from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.pool, name="pool"),
    path("new/", views.expert_create, name="expert_create"),
    path("<int:pk>/", views.expert_detail, name="expert_detail"),
    path("<int:pk>/edit/", views.expert_edit, name="expert_edit"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("work/", views.engagement_list, name="engagement_list"),
    path("work/new/", views.engagement_create, name="engagement_create"),
    path("work/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("work/<int:pk>/invite/", views.engagement_invite, name="engagement_invite"),
    path("work/<int:pk>/activities/", views.activity_create, name="activity_create"),
    path("work/<int:pk>/opinions/", views.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/decide/", views.opinion_decide, name="opinion_decide"),
    path("report/", views.report, name="report"),
    path("report/print/", views.report_print, name="report_print"),
    path("settings/", views.settings_edit, name="settings_edit"),
]
