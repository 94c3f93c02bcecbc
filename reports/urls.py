from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("quarterly/", views.quarterly, name="quarterly"),
    path("quarterly/view/", views.quarterly_view, name="quarterly_view"),
    path("exports/", views.job_list, name="job_list"),
    path("exports/new/", views.job_create, name="job_create"),
    path("exports/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("exports/<uuid:pk>/download/", views.job_download, name="job_download"),
    path("imports/jobs/<uuid:pk>/", views.import_job_detail, name="import_job_detail"),
    path("imports/<slug:identifier>/", views.import_upload, name="import_upload"),
    path("imports/<slug:identifier>/template.xlsx", views.import_template, name="import_template"),
]
