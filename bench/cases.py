"""What `make bench` measures: list pages with their floors, and dashboards.

A list case names a real page and query string, and the floor that selects the same rows: the
page's own FilterSet over the same scoped queryset, in the page's order, fetched as plain values in
one query and rendered by a template with nothing else on it. The floor is served through the same
middleware, so the ratio is what the page adds on top of fetching and printing its rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import QueryDict

from deputies.filters import OpinionFilter, SuggestionFilter, VisitFilter
from deputies.models import Opinion, Suggestion, Visit
from livelihood_projects.models import Project

# A deep page: this far back through the user's list, as someone paging back through years gets.
DEEP_FRACTION = 0.8


@dataclass(frozen=True)
class ListCase:
    key: str
    label: str
    url_name: str
    page_size: int | None
    floor: Callable
    params: dict[str, str] = field(default_factory=dict)
    # "staff": 辰溪's county staff; "small": the held county's staff (see generate.HELD_COUNTY);
    # "admin": the municipal admin.
    login: str = "staff"
    deep: bool = False  # measured at DEEP_FRACTION of the user's pages instead of page 1


def _listed(model, filterset_class, order: tuple[str, ...], *fields: str) -> Callable:
    """The floor of a filtered list page: its FilterSet over the scoped rows, as plain values."""

    def floor(user, query: QueryDict):
        queryset = model.objects.visible_to(user)
        filterset = filterset_class(query, queryset=queryset, user=user)
        return filterset.qs.order_by(*order).values_list(*fields)

    return floor


_visits = _listed(
    Visit,
    VisitFilter,
    ("-visited_on", "-pk"),
    *("visited_on", "station__name", "deputy__name", "kind", "people_received"),
)
_opinions = _listed(
    Opinion,
    OpinionFilter,
    ("-raised_on", "-pk"),
    *("raised_on", "content", "station__name", "status", "unit__name"),
)
_suggestions = _listed(
    Suggestion,
    SuggestionFilter,
    ("-submitted_on", "-pk"),
    *("number", "title", "deputy__name", "status", "lead_unit__name", "due_on"),
)


def _projects(user, query: QueryDict):
    return (
        Project.objects.visible_to(user)
        .elected()
        .order_by("-cycle__year", "cycle__jurisdiction__code", "position")
        .values_list("cycle__year", "title", "responsible_unit__name", "progress", "due_on")
    )


def _cases() -> list[ListCase]:
    cases = []
    for key, label, url_name, floor, filtered in [
        (
            "visits",
            "进站履职",
            "deputies:visit_list",
            _visits,
            {"kind": "reception", "after": "2025-01-01"},
        ),
        ("opinions", "群众意见", "deputies:opinion_list", _opinions, {"status": "transferred"}),
        (
            "suggestions",
            "代表建议",
            "deputies:suggestion_list",
            _suggestions,
            {"kind": "suggestion", "status": "closed"},
        ),
    ]:
        cases += [
            ListCase(f"{key}", f"{label} 第1页", url_name, 25, floor),
            ListCase(f"{key}_filtered", f"{label} 筛选", url_name, 25, floor, filtered),
            ListCase(f"{key}_deep", f"{label} 深页", url_name, 25, floor, deep=True),
            ListCase(f"{key}_city", f"{label} 第1页（全市）", url_name, 25, floor, login="admin"),
            ListCase(f"{key}_small", f"{label} 第1页（小县）", url_name, 25, floor, login="small"),
        ]
    cases += [
        ListCase("projects", "民生实事项目", "livelihood_projects:project_list", 30, _projects),
        ListCase(
            "projects_city",
            "民生实事项目（全市）",
            "livelihood_projects:project_list",
            30,
            _projects,
            login="admin",
        ),
    ]
    return cases


LIST_CASES = {case.key: case for case in _cases()}

# Dashboards at full size: (key, label, url name, query string, login).
DASHBOARDS = [
    ("home_staff", "首页（县级工作人员）", "home", {}, "staff"),
    ("deputies_county", "代表工作统计（一个县）", "deputies:dashboard", {}, "staff"),
    ("deputies_small", "代表工作统计（小县）", "deputies:dashboard", {}, "small"),
    ("deputies_city", "代表工作统计（全市）", "deputies:dashboard", {}, "admin"),
    ("livelihood_city", "民生实事概览（全市）", "livelihood_projects:dashboard", {}, "admin"),
]
