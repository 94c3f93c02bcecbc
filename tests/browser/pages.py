"""Every page of the portal, how to open it and who may: the list the layout and axe walks follow.

`test_pages_list.py` walks the URL configuration and fails on a pattern that is neither here nor
in EXCLUDED, so a new page is walked from the day it is added.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .walk_data import ROLES, Records

EVERYONE = frozenset(ROLES)
LOGGED_IN = frozenset(ROLES) - {"public"}
PUBLIC_ONLY = frozenset({"public"})
ADMIN = frozenset({"admin"})
DEPUTY = frozenset({"deputy"})
STAFF = frozenset({"admin", "staff"})
# Records a county keeps itself: the municipal admin, who has no county, is sent back to the list.
COUNTY_STAFF = frozenset({"staff"})
STAFF_AND_LIAISON = STAFF | {"liaison"}
STAFF_AND_DEPUTY = STAFF | {"deputy"}


def _no_args(_records: Records, _role: str) -> tuple:
    return ()


@dataclass(frozen=True)
class Page:
    name: str
    roles: frozenset[str]
    args: Callable[[Records, str], tuple] = _no_args
    query: str = ""

    def path(self, records: Records, role: str) -> str:
        path = reverse(self.name, args=self.args(records, role))
        return f"{path}?{self.query}" if self.query else path


def _pk(attribute: str) -> Callable[[Records, str], tuple]:
    return lambda records, _role: (getattr(records, attribute).pk,)


def _job(kind: str) -> Callable[[Records, str], tuple]:
    # A job is its requester's alone; the anonymous visitor is sent a staff member's.
    return lambda records, role: (getattr(records, kind)[role if role != "public" else "staff"].pk,)


PAGES = [
    # The portal's own pages.
    Page("home", EVERYONE),  # a visitor gets the public front door
    Page("login", PUBLIC_ONLY),
    Page("password_change", LOGGED_IN),
    Page("password_change_done", LOGGED_IN),
    Page("core:jurisdiction_list", STAFF),
    Page("core:jurisdiction_detail", STAFF, _pk("county")),
    Page("core:unit_list", STAFF),
    Page("core:unit_detail", STAFF, _pk("unit")),
    # Deputies, stations and their work.
    Page("deputies:visit_list", STAFF_AND_DEPUTY),
    Page("deputies:visit_create", STAFF_AND_DEPUTY),
    Page("deputies:visit_detail", STAFF_AND_DEPUTY, _pk("visit")),
    Page("deputies:visit_edit", STAFF_AND_DEPUTY, _pk("visit")),
    Page("deputies:opinion_list", LOGGED_IN),
    Page("deputies:opinion_detail", LOGGED_IN, _pk("opinion")),
    Page("deputies:suggestion_list", LOGGED_IN),
    Page("deputies:suggestion_create", STAFF_AND_DEPUTY),
    Page("deputies:suggestion_detail", LOGGED_IN, _pk("suggestion")),
    Page("deputies:station_list", STAFF_AND_DEPUTY),
    Page("deputies:station_detail", STAFF_AND_DEPUTY, _pk("station")),
    Page("deputies:deputy_list", STAFF),
    Page("deputies:deputy_detail", STAFF, _pk("deputy")),
    Page("deputies:record", STAFF_AND_DEPUTY, _pk("deputy")),  # the deputy's own record
    Page("deputies:record_print", STAFF_AND_DEPUTY, _pk("deputy")),
    Page("deputies:my_record", DEPUTY),
    Page("deputies:activity_list", STAFF),
    Page("deputies:activity_create", STAFF),
    Page("deputies:activity_detail", LOGGED_IN, _pk("activity")),
    Page("deputies:calendar", EVERYONE),
    Page("deputies:contact_list", STAFF),
    Page("deputies:contact_create", COUNTY_STAFF),
    Page("deputies:dashboard", STAFF),
    Page("deputies:todo", frozenset({"admin", "liaison"})),
    # Polls.
    Page("polls:list", STAFF),
    Page("polls:mine", LOGGED_IN),
    Page("polls:create", STAFF),
    Page("polls:detail", STAFF, _pk("poll_draft")),
    Page("polls:edit", STAFF, _pk("poll_draft")),
    Page("polls:not_voted", STAFF, _pk("poll_open")),
    Page("polls:paper", STAFF, _pk("poll_open")),
    Page("polls:results", STAFF_AND_DEPUTY, _pk("poll_published")),
    Page("polls:vote", DEPUTY, _pk("poll_open")),
    Page("polls:voted", DEPUTY, _pk("poll_voted")),
    # Reports, exports and imports.
    Page("reports:quarterly", STAFF),
    Page("reports:quarterly_view", STAFF, query="year=2024&quarter=4"),
    Page("reports:job_list", LOGGED_IN),
    Page("reports:job_detail", LOGGED_IN, _job("export_jobs")),
    Page("reports:import_job_detail", LOGGED_IN, _job("import_jobs")),
    Page("reports:import_upload", STAFF, lambda _records, _role: ("stations",)),
    # Notifications.
    Page("notifications:inbox", LOGGED_IN),
    Page("notifications:preferences", LOGGED_IN),
    Page("notifications:failed", ADMIN),
    # Evaluations, audit and appraisals.
    # Statutory supervision: the plan and its items for the office, published items for deputies,
    # the items on their unit for a body's liaison; the public pages for everyone.
    Page("supervision:plan_list", LOGGED_IN),
    Page("supervision:plan_create", STAFF),
    Page("supervision:plan_detail", STAFF_AND_LIAISON, _pk("supervision_plan")),
    Page("supervision:plan_edit", STAFF, _pk("draft_plan")),
    Page("supervision:plan_print", STAFF_AND_LIAISON, _pk("supervision_plan")),
    Page("supervision:item_create", STAFF, _pk("draft_plan")),
    Page("supervision:item_edit", STAFF, _pk("draft_item")),
    Page("supervision:item_move", STAFF, _pk("draft_item")),
    Page("supervision:item_list", LOGGED_IN),
    Page("supervision:item_detail", LOGGED_IN, _pk("supervision_item")),
    Page("supervision:letter_print", LOGGED_IN, _pk("supervision_item")),
    Page("supervision:dossier_print", LOGGED_IN, _pk("supervision_item")),
    Page("supervision:commitment_list", LOGGED_IN),
    Page("supervision:candidate_list", STAFF),
    Page("supervision:settings_edit", ADMIN),
    Page("supervision:calendar", ADMIN),
    Page("supervision:public_index", EVERYONE),
    Page("supervision:public_plan", EVERYONE, _pk("public_plan")),
    Page("supervision:public_item", EVERYONE, _pk("public_item")),
    Page("evaluations:round_list", STAFF_AND_LIAISON),
    Page("evaluations:round_create", STAFF),
    Page("evaluations:round_detail", STAFF_AND_LIAISON, _pk("round")),
    Page("evaluations:stage_update", STAFF, _pk("stage")),
    Page("evaluations:opinion_detail", STAFF_AND_LIAISON, _pk("round_opinion")),
    Page("evaluations:problem_list", STAFF_AND_LIAISON),
    Page("reports:import_upload", STAFF, lambda _records, _role: ("audit-problems",)),
    Page("evaluations:matching", STAFF_AND_LIAISON),
    Page("evaluations:review_list", STAFF),
    Page("evaluations:review_create", COUNTY_STAFF),
    Page("evaluations:problem_detail", STAFF_AND_LIAISON, _pk("problem")),
    Page("evaluations:rectification_item", STAFF_AND_LIAISON, _pk("problem")),
    Page("evaluations:suggestion_list", STAFF_AND_LIAISON),
    Page("evaluations:suggestion_create", STAFF),
    Page("evaluations:suggestion_detail", STAFF, _pk("procuratorial")),
    Page("evaluations:scorecard", STAFF),
    Page("evaluations:unit_scorecard", STAFF_AND_LIAISON, _pk("unit")),
    Page("evaluations:head_list", STAFF),
    Page("evaluations:head_create", STAFF),
    Page("evaluations:appraisal_list", STAFF),
    Page("evaluations:appraisal_create", STAFF),
    Page("evaluations:appraisal_detail", ADMIN, _pk("appraisal")),
    # Livelihood projects: the public pages, then the portal's.
    Page("livelihood_projects:public_propose", EVERYONE),
    Page("livelihood_projects:public_receipt", EVERYONE),
    Page("livelihood_projects:public_index", EVERYONE),
    Page(
        "livelihood_projects:public_results",
        EVERYONE,
        lambda records, _role: (
            records.results_cycle.jurisdiction.code,
            records.results_cycle.year,
        ),
    ),
    Page("livelihood_projects:dashboard", STAFF_AND_DEPUTY),
    Page("livelihood_projects:cycle_create", STAFF),
    Page("livelihood_projects:cycle_detail", STAFF_AND_DEPUTY, _pk("cycle")),
    Page("livelihood_projects:cycle_edit", STAFF, _pk("cycle")),
    Page("livelihood_projects:candidate_create", STAFF, _pk("cycle")),
    Page("livelihood_projects:vote", STAFF_AND_DEPUTY, _pk("cycle")),
    Page("livelihood_projects:inspection_create", STAFF, _pk("cycle")),
    Page("livelihood_projects:vote_paper", STAFF, _pk("vote_round")),
    Page("livelihood_projects:proposal_list", STAFF_AND_DEPUTY),
    Page("livelihood_projects:proposal_create", STAFF_AND_DEPUTY),
    Page("livelihood_projects:proposal_detail", STAFF_AND_DEPUTY, _pk("proposal")),
    Page("livelihood_projects:project_list", LOGGED_IN),
    Page("livelihood_projects:project_detail", STAFF_AND_DEPUTY, _pk("project")),
    Page("livelihood_projects:project_assign", STAFF, _pk("project")),
    Page("livelihood_projects:milestone_add", STAFF, _pk("project")),
    Page("livelihood_projects:money_add", STAFF, _pk("project")),
    Page("livelihood_projects:meeting_add", STAFF, _pk("project")),
    Page("livelihood_projects:project_attachment_add", STAFF, _pk("project")),
    Page("livelihood_projects:satisfaction_record", STAFF, _pk("project")),
    Page("livelihood_projects:milestone_progress", STAFF, _pk("milestone")),
    Page("livelihood_projects:inspection_detail", ADMIN, _pk("inspection")),
    Page("livelihood_projects:inspection_attachment_add", ADMIN, _pk("inspection")),
]

_POST_ONLY = "POST only: an action whose form sits on another page, walked there"
_DOWNLOAD = "a file download, not a page"
_REDIRECT = "redirects to another page, walked there"

# Patterns the walk does not open, each with the reason. Unnamed patterns are keyed by route.
EXCLUDED = {
    "admin": "Django's admin: its own templates, not the portal's",
    "healthz": "a plain-text health check for the load balancer",
    "favicon.ico": "the icon file",
    "logout": "POST only: logs out",
    "set_language": "POST only: switches the language and redirects back",
    "supervision:plan_adopt": _POST_ONLY,
    "supervision:plan_publish": _POST_ONLY,
    "supervision:research_add": _POST_ONLY,
    "supervision:version_add": _POST_ONLY,
    "supervision:session_set": _POST_ONLY,
    "supervision:hearing_record": _POST_ONLY,
    "supervision:question_add": _POST_ONLY,
    "supervision:commitment_add": _POST_ONLY,
    "supervision:commitment_report": _POST_ONLY,
    "supervision:opinions_draft": _POST_ONLY,
    "supervision:opinions_send": _POST_ONLY,
    "supervision:handling_report_receive": _POST_ONLY,
    "supervision:poll_start": _POST_ONLY,
    "supervision:poll_apply": _POST_ONLY,
    "supervision:verdict_record": _POST_ONLY,
    "supervision:item_close": _POST_ONLY,
    "supervision:item_publish": _POST_ONLY,
    "supervision:item_follow_up": _POST_ONLY,
    "supervision:calendar_day_remove": _POST_ONLY,
    "supervision:candidate_take": "its form sits on each candidate of candidate_list, walked there",
    "deputies:opinion_answer": _POST_ONLY,
    "deputies:opinion_transfer": _POST_ONLY,
    "deputies:opinion_reply": _POST_ONLY,
    "deputies:opinion_rate": _POST_ONLY,
    "deputies:suggestion_assign": _POST_ONLY,
    "deputies:suggestion_extend": _POST_ONLY,
    "deputies:suggestion_reply": _POST_ONLY,
    "deputies:suggestion_rate": _POST_ONLY,
    "deputies:activity_announce": _POST_ONLY,
    "deputies:activity_outcome": _POST_ONLY,
    "deputies:activity_cancel": _POST_ONLY,
    "polls:subjects_add": _POST_ONLY,
    "polls:subject_remove": _POST_ONLY,
    "polls:electorate_add": _POST_ONLY,
    "polls:elector_remove": _POST_ONLY,
    "polls:open": _POST_ONLY,
    "polls:close": _POST_ONLY,
    "polls:publish": _POST_ONLY,
    "reports:job_create": _POST_ONLY,
    "reports:job_download": _DOWNLOAD,
    "reports:import_template": _DOWNLOAD,
    "notifications:open": _REDIRECT + " (marks the notice read, then opens its target)",
    "notifications:mark_all_read": _POST_ONLY,
    "notifications:resend": _POST_ONLY,
    "evaluations:participant_add": _POST_ONLY,
    "evaluations:opinion_add": _POST_ONLY,
    "evaluations:round_poll_start": _POST_ONLY,
    "evaluations:problem_report": _POST_ONLY,
    "evaluations:problem_close": _POST_ONLY,
    "evaluations:problem_return": _POST_ONLY,
    "evaluations:suggestion_reply": _POST_ONLY,
    "evaluations:suggestion_adoption": _POST_ONLY,
    "evaluations:appraisal_roster": _POST_ONLY,
    "evaluations:consequence_record": _POST_ONLY,
    "evaluations:appraisal_votes": _POST_ONLY,
    "evaluations:appraisal_grade": _POST_ONLY,
    "evaluations:appraisal_poll_start": _POST_ONLY,
    "evaluations:appraisal_poll_import": _POST_ONLY,
    "evaluations:appraisal_export": _DOWNLOAD,
    "livelihood_projects:approval_record": _POST_ONLY,
    "livelihood_projects:vote_start": _POST_ONLY,
    "livelihood_projects:vote_poll_count": _POST_ONLY,
    "livelihood_projects:satisfaction_poll_start": _POST_ONLY,
    "livelihood_projects:satisfaction_poll_import": _POST_ONLY,
    "livelihood_projects:proposal_screen": _POST_ONLY,
    "livelihood_projects:proposal_publish": _POST_ONLY,
    "livelihood_projects:proposal_unpublish": _POST_ONLY,
    "livelihood_projects:attachment_download": _DOWNLOAD,
}


# The later practices list their pages in their own modules, each with the same two names.
from . import (  # noqa: E402
    pages_budget,
    pages_budget_review,
    pages_experts,
    pages_legislation,
    pages_online,
)

for _area in (pages_budget, pages_budget_review, pages_experts, pages_legislation, pages_online):
    PAGES += _area.PAGES
    EXCLUDED |= _area.EXCLUDED
