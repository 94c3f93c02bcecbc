"""Views of deputy work, one module per kind of record; urls.py refers to them here."""

from .activities import (
    ActivityListView,
    activity_announce,
    activity_cancel,
    activity_create,
    activity_detail,
    activity_outcome,
    public_calendar,
)
from .contacts import ContactVisitListView, contact_create
from .dashboards import dashboard, todo
from .opinions import (
    OpinionListView,
    opinion_answer,
    opinion_detail,
    opinion_rate,
    opinion_refer,
    opinion_reply,
    opinion_review,
    opinion_tag,
    opinion_transfer,
)
from .stations import DeputyListView, StationListView, deputy_detail, station_detail
from .suggestions import (
    SuggestionListView,
    suggestion_assign,
    suggestion_create,
    suggestion_detail,
    suggestion_extend,
    suggestion_rate,
    suggestion_reply,
)
from .visits import VisitListView, visit_create, visit_detail, visit_edit

__all__ = [
    "visit_create",
    "VisitListView",
    "visit_detail",
    "visit_edit",
    "OpinionListView",
    "opinion_detail",
    "opinion_answer",
    "opinion_transfer",
    "opinion_reply",
    "opinion_rate",
    "opinion_review",
    "opinion_tag",
    "opinion_refer",
    "SuggestionListView",
    "suggestion_create",
    "suggestion_detail",
    "suggestion_assign",
    "suggestion_extend",
    "suggestion_reply",
    "suggestion_rate",
    "StationListView",
    "station_detail",
    "DeputyListView",
    "deputy_detail",
    "ActivityListView",
    "activity_create",
    "activity_detail",
    "activity_announce",
    "activity_outcome",
    "activity_cancel",
    "public_calendar",
    "ContactVisitListView",
    "contact_create",
    "dashboard",
    "todo",
]
