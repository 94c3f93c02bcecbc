"""Routes of the items pages (see urls/__init__.py): an item's dossier and every action on it."""

from django.urls import URLPattern, path

from supervision.views import items as views

urlpatterns: list[URLPattern] = [
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/research/", views.research_add, name="research_add"),
    path("items/<int:pk>/versions/", views.version_add, name="version_add"),
    path("items/<int:pk>/session/", views.session_set, name="session_set"),
    path("items/<int:pk>/hearing/", views.hearing_record, name="hearing_record"),
    path("items/<int:pk>/questions/", views.question_add, name="question_add"),
    path("questions/<int:pk>/commitments/", views.commitment_add, name="commitment_add"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/report/", views.commitment_report, name="commitment_report"),
    path("items/<int:pk>/opinions/", views.opinions_draft, name="opinions_draft"),
    path("items/<int:pk>/opinions/send/", views.opinions_send, name="opinions_send"),
    path("items/<int:pk>/letter/", views.letter_print, name="letter_print"),
    path(
        "handling-reports/<int:pk>/receive/",
        views.handling_report_receive,
        name="handling_report_receive",
    ),
    path("handling-reports/<int:pk>/verdict/", views.verdict_record, name="verdict_record"),
    path("items/<int:pk>/poll/", views.poll_start, name="poll_start"),
    path("items/<int:pk>/poll/apply/", views.poll_apply, name="poll_apply"),
    path("items/<int:pk>/close/", views.item_close, name="item_close"),
    path("items/<int:pk>/publish/", views.item_publish, name="item_publish"),
    path("items/<int:pk>/follow-up/", views.item_follow_up, name="item_follow_up"),
    path("items/<int:pk>/print/", views.dossier_print, name="dossier_print"),
]
