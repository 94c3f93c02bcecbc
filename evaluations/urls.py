from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("rounds/<int:pk>/opinions/", views.opinion_add, name="opinion_add"),
    path("rounds/<int:pk>/poll/", views.round_poll_start, name="round_poll_start"),
    path("stages/<int:pk>/", views.stage_update, name="stage_update"),
    path("opinions/<int:pk>/", views.opinion_detail, name="opinion_detail"),
    path("audit/", views.ProblemListView.as_view(), name="problem_list"),
    path("audit/matching/", views.matching, name="matching"),
    path("audit/reviews/", views.review_list, name="review_list"),
    path("audit/reviews/new/", views.review_create, name="review_create"),
    path("audit/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("audit/<int:pk>/report/", views.problem_report, name="problem_report"),
    path("audit/<int:pk>/close/", views.problem_close, name="problem_close"),
    path("audit/<int:pk>/return/", views.problem_return, name="problem_return"),
    path("audit/<int:pk>/rectification/", views.rectification_item, name="rectification_item"),
    path("procuratorial/", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("procuratorial/new/", views.suggestion_create, name="suggestion_create"),
    path("procuratorial/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("procuratorial/<int:pk>/reply/", views.suggestion_reply, name="suggestion_reply"),
    path("procuratorial/<int:pk>/adoption/", views.suggestion_adoption, name="suggestion_adoption"),
    path("scorecard/", views.scorecard, name="scorecard"),
    path("scorecard/<int:pk>/", views.unit_scorecard, name="unit_scorecard"),
    path("heads/", views.HeadListView.as_view(), name="head_list"),
    path("heads/new/", views.head_create, name="head_create"),
    path("appraisals/", views.appraisal_list, name="appraisal_list"),
    path("appraisals/new/", views.appraisal_create, name="appraisal_create"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="appraisal_detail"),
    path("appraisals/<int:pk>/roster/", views.appraisal_roster, name="appraisal_roster"),
    path("appraisals/<int:pk>/votes/", views.appraisal_votes, name="appraisal_votes"),
    path("appraisals/<int:pk>/grade/", views.appraisal_grade, name="appraisal_grade"),
    path("appraisals/<int:pk>/poll/", views.appraisal_poll_start, name="appraisal_poll_start"),
    path(
        "appraisals/<int:pk>/poll/results/",
        views.appraisal_poll_import,
        name="appraisal_poll_import",
    ),
    path("appraisals/<int:pk>/export.xlsx", views.appraisal_export, name="appraisal_export"),
    path(
        "appraisals/consequences/<int:pk>/record/",
        views.consequence_record,
        name="consequence_record",
    ),
]
