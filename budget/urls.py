from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.budget_list, name="budget_list"),
    path("new/", views.budget_create, name="budget_create"),
    path("<int:pk>/", views.budget_detail, name="budget_detail"),
    path("<int:pk>/lines/", views.line_add, name="line_add"),
    path("<int:pk>/adjustments/", views.adjustment_add, name="adjustment_add"),
    path("warnings/", views.WarningListView.as_view(), name="warning_list"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning_detail"),
    path("warnings/<int:pk>/confirm/", views.warning_confirm, name="warning_confirm"),
    path("warnings/<int:pk>/dismiss/", views.warning_dismiss, name="warning_dismiss"),
    path("problems/", views.ProblemListView.as_view(), name="problem_list"),
    path("problems/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("problems/<int:pk>/reply/", views.problem_reply, name="problem_reply"),
    path("problems/<int:pk>/close/", views.problem_close, name="problem_close"),
    path("problems/<int:pk>/return/", views.problem_return, name="problem_return"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("imports/", views.imports, name="imports"),
    path("settings/", views.settings_edit, name="settings_edit"),
]
