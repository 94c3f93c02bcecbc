from django.urls import path

from . import public_views, views

app_name = "livelihood_projects"

urlpatterns = [
    # Public: no login.
    path("propose/", public_views.propose, name="public_propose"),
    path("receipt/", public_views.receipt, name="public_receipt"),
    path("results/", public_views.results_index, name="public_index"),
    path("results/<str:code>/<int:year>/", public_views.results, name="public_results"),
    # Staff, deputies and liaisons.
    path("", views.dashboard, name="dashboard"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/edit/", views.cycle_edit, name="cycle_edit"),
    path("cycles/<int:pk>/approvals/", views.approval_record, name="approval_record"),
    path("cycles/<int:pk>/candidates/new/", views.candidate_create, name="candidate_create"),
    path("cycles/<int:pk>/vote/", views.vote, name="vote"),
    path("cycles/<int:pk>/vote/start/", views.vote_start, name="vote_start"),
    path("cycles/<int:pk>/inspections/new/", views.inspection_create, name="inspection_create"),
    path("rounds/<int:pk>/paper/", views.vote_paper, name="vote_paper"),
    path("rounds/<int:pk>/count/", views.vote_poll_count, name="vote_poll_count"),
    path(
        "cycles/<int:pk>/satisfaction/start/",
        views.satisfaction_poll_start,
        name="satisfaction_poll_start",
    ),
    path(
        "cycles/<int:pk>/satisfaction/import/",
        views.satisfaction_poll_import,
        name="satisfaction_poll_import",
    ),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/screen/", views.proposal_screen, name="proposal_screen"),
    path("proposals/<int:pk>/publish/", views.proposal_publish, name="proposal_publish"),
    path("proposals/<int:pk>/unpublish/", views.proposal_unpublish, name="proposal_unpublish"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/assign/", views.project_assign, name="project_assign"),
    path("projects/<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("projects/<int:pk>/money/new/", views.money_add, name="money_add"),
    path("projects/<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path(
        "projects/<int:pk>/attachments/new/",
        views.project_attachment_add,
        name="project_attachment_add",
    ),
    path("projects/<int:pk>/satisfaction/", views.satisfaction_record, name="satisfaction_record"),
    path("milestones/<int:pk>/progress/", views.milestone_progress, name="milestone_progress"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path(
        "inspections/<int:pk>/attachments/new/",
        views.inspection_attachment_add,
        name="inspection_attachment_add",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
