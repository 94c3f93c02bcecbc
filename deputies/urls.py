from django.urls import path

from . import views
from .views import record

app_name = "deputies"

urlpatterns = [
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("opinions/", views.OpinionListView.as_view(), name="opinion_list"),
    path("opinions/<int:pk>/", views.opinion_detail, name="opinion_detail"),
    path("opinions/<int:pk>/answer/", views.opinion_answer, name="opinion_answer"),
    path("opinions/<int:pk>/transfer/", views.opinion_transfer, name="opinion_transfer"),
    path("opinions/<int:pk>/reply/", views.opinion_reply, name="opinion_reply"),
    path("opinions/<int:pk>/rate/", views.opinion_rate, name="opinion_rate"),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("suggestions/new/", views.suggestion_create, name="suggestion_create"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/assign/", views.suggestion_assign, name="suggestion_assign"),
    path("suggestions/<int:pk>/extend/", views.suggestion_extend, name="suggestion_extend"),
    path("suggestions/<int:pk>/reply/", views.suggestion_reply, name="suggestion_reply"),
    path("suggestions/<int:pk>/rate/", views.suggestion_rate, name="suggestion_rate"),
    path("stations/", views.StationListView.as_view(), name="station_list"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("roster/", views.DeputyListView.as_view(), name="deputy_list"),
    path("roster/<int:pk>/", views.deputy_detail, name="deputy_detail"),
    path("roster/<int:pk>/record/", record.record, name="record"),
    path("roster/<int:pk>/record/print/", record.record_print, name="record_print"),
    path("my-record/", record.my_record, name="my_record"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/announce/", views.activity_announce, name="activity_announce"),
    path("activities/<int:pk>/outcome/", views.activity_outcome, name="activity_outcome"),
    path("activities/<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("calendar/", views.public_calendar, name="calendar"),
    path("contacts/", views.ContactVisitListView.as_view(), name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("todo/", views.todo, name="todo"),
]
