from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.budget_list, name="budget_list"),
    path("new/", views.budget_create, name="budget_create"),
    path("<int:pk>/", views.budget_detail, name="budget_detail"),
    path("<int:pk>/lines/", views.line_add, name="line_add"),
    path("<int:pk>/adjustments/", views.adjustment_add, name="adjustment_add"),
    path("<int:pk>/debts/", views.debt_add, name="debt_add"),
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
    path("dashboard/", views.dashboard, name="dashboard"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path(
        "publications/<int:pk>/withdraw/",
        views.publication_withdraw,
        name="publication_withdraw",
    ),
    path(
        "publications/<int:pk>/republish/",
        views.publication_republish,
        name="publication_republish",
    ),
    path("public/", views.public_index, name="public_index"),
    path("public/<str:code>/", views.public_county, name="public_county"),
    path("public/quarters/<int:pk>/", views.public_quarter, name="public_quarter"),
]

# Township budget review and 两问四评 of major funds.
urlpatterns += [
    path("review/", views.review_matrix, name="review_matrix"),
    path("review/townships/<int:pk>/", views.review_township, name="review_township"),
    path("review/townships/<int:pk>/record/", views.review_record, name="review_record"),
    path("review/documents/<int:pk>/", views.review_document, name="review_document"),
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/new/", views.fund_create, name="fund_create"),
    path("funds/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/tally/", views.fund_tally, name="fund_tally"),
    path("funds/<int:pk>/evaluations/<str:kind>/", views.fund_evaluate, name="fund_evaluate"),
    path("funds/<int:pk>/survey/", views.fund_survey, name="fund_survey"),
    path("funds/<int:pk>/publish/", views.fund_publish, name="fund_publish"),
    path("funds/settings/", views.fund_settings, name="fund_settings"),
    path("funds/criteria/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("funds/public/<int:pk>/survey/", views.public_survey, name="public_survey"),
    path("funds/public/<int:pk>/thanks/", views.public_survey_done, name="public_survey_done"),
    path("funds/public/<str:code>/", views.public_results, name="public_fund_results"),
]
