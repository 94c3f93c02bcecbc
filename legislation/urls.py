"""Routes of the contact points: the office's and deputies' pages, and the public ones under
public/."""

from django.urls import path

from . import public_views, views

app_name = "legislation"

urlpatterns = [
    path("", views.point_list, name="point_list"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<int:pk>/", views.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path(
        "points/<int:pk>/collection-points/new/",
        views.collection_point_create,
        name="collection_point_create",
    ),
    path("points/<int:pk>/informants/new/", views.informant_create, name="informant_create"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/articles/", views.articles_import, name="articles_import"),
    path("consultations/<int:pk>/channels/new/", views.channel_create, name="channel_create"),
    path(
        "consultations/<int:pk>/suggestions/new/",
        views.suggestion_create,
        name="suggestion_create",
    ),
    path("consultations/<int:pk>/send/", views.report_send, name="report_send"),
    path("consultations/<int:pk>/report/", views.report_print, name="report_print"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/accept/", views.suggestion_accept, name="suggestion_accept"),
    path("suggestions/<int:pk>/reject/", views.suggestion_reject, name="suggestion_reject"),
    path("suggestions/<int:pk>/merge/", views.suggestion_merge, name="suggestion_merge"),
    path("suggestions/<int:pk>/rewrite/", views.suggestion_rewrite, name="suggestion_rewrite"),
    path(
        "suggestions/<int:pk>/disposition/",
        views.suggestion_disposition,
        name="suggestion_disposition",
    ),
    path("statistics/", views.statistics, name="statistics"),
    path("public/", public_views.index, name="public_index"),
    path("public/<int:pk>/", public_views.consultation, name="public_consultation"),
    path("public/<int:pk>/suggest/", public_views.suggest, name="public_suggest"),
    path("public/<int:pk>/poster/", public_views.poster, name="public_poster"),
    path("public/<int:pk>/qr.svg", public_views.qr_code, name="public_qr"),
    path("public/done/", public_views.done, name="public_done"),
    path("public/receipt/", public_views.receipt, name="public_receipt"),
]
