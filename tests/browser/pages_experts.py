"""The pages of the expert pool, for the layout and axe walks (see pages.py)."""

from .pages import STAFF, STAFF_AND_DEPUTY, Page

ADMIN = frozenset({"admin"})


def _row(name: str):
    return lambda records, _role: (records.extra[name].pk,)


PAGES: list[Page] = [
    Page("experts:pool", STAFF_AND_DEPUTY),
    Page("experts:expert_create", STAFF),
    Page("experts:expert_detail", STAFF_AND_DEPUTY, _row("expert")),
    Page("experts:expert_edit", STAFF, _row("expert")),
    Page("experts:meeting_list", STAFF),
    Page("experts:meeting_create", STAFF),
    Page("experts:engagement_list", STAFF),
    Page("experts:engagement_create", STAFF),
    Page("experts:engagement_detail", STAFF, _row("engagement")),
    Page("experts:report", STAFF_AND_DEPUTY),
    Page("experts:report_print", STAFF_AND_DEPUTY),
    Page("experts:settings_edit", ADMIN),
]

EXCLUDED: dict[str, str] = {
    "experts:engagement_invite": "POST only: the form on the engagement page",
    "experts:activity_create": "POST only: the form on the engagement page",
    "experts:opinion_create": "POST only: the form on the engagement page",
    "experts:opinion_decide": "POST only: the form on each opinion of the engagement page",
}
