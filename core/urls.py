from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction_list"),
    path("jurisdictions/<int:pk>/", views.jurisdiction_detail, name="jurisdiction_detail"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
]
