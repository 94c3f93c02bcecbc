from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("", views.PollListView.as_view(), name="list"),
    path("mine/", views.my_polls, name="mine"),
    path("new/", views.poll_create, name="create"),
    path("<int:pk>/", views.poll_detail, name="detail"),
    path("<int:pk>/edit/", views.poll_edit, name="edit"),
    path("<int:pk>/subjects/", views.subjects_add, name="subjects_add"),
    path(
        "<int:pk>/subjects/<int:subject_pk>/remove/",
        views.subject_remove,
        name="subject_remove",
    ),
    path("<int:pk>/electorate/", views.electorate_add, name="electorate_add"),
    path(
        "<int:pk>/electors/<int:elector_pk>/remove/",
        views.elector_remove,
        name="elector_remove",
    ),
    path("<int:pk>/open/", views.poll_open, name="open"),
    path("<int:pk>/close/", views.poll_close, name="close"),
    path("<int:pk>/publish/", views.poll_publish, name="publish"),
    path("<int:pk>/not-voted/", views.not_voted, name="not_voted"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/voted/", views.voted, name="voted"),
]
