"""The pages of budget review, for the layout and axe walks (see pages.py)."""

from .pages import EVERYONE, LOGGED_IN, STAFF, Page

ADMIN = frozenset({"admin"})
READERS = STAFF | {"deputy"}
PROBLEMS = STAFF | {"liaison"}


def _extra(name: str):
    return lambda records, _role: (records.extra[name].pk,)


def _county_code(records, _role):
    return (records.extra["budget_publication"].jurisdiction.code,)


def _importer(identifier: str):
    return lambda _records, _role: (identifier,)


PAGES: list[Page] = [
    Page("budget:budget_list", READERS),
    Page("budget:budget_create", STAFF),
    Page("budget:budget_detail", READERS, _extra("budget")),
    Page("budget:warning_list", STAFF),
    Page("budget:warning_detail", STAFF, _extra("budget_warning")),
    Page("budget:problem_list", PROBLEMS),
    Page("budget:problem_detail", PROBLEMS, _extra("budget_problem")),
    Page("budget:imports", STAFF),
    Page("budget:settings_edit", ADMIN),
    Page("reports:import_upload", STAFF, _importer("budget-lines")),
    Page("reports:import_upload", STAFF, _importer("budget-execution")),
    Page("reports:import_upload", STAFF, _importer("budget-extracts")),
    Page("budget:dashboard", STAFF),
    Page("budget:publication_list", STAFF),
    Page("budget:publication_detail", STAFF, _extra("budget_publication")),
]
assert all(page.roles <= LOGGED_IN for page in PAGES)

# The public pages of a quarter's publication: everyone, the logged in too.
PUBLIC_PAGES: list[Page] = [
    Page("budget:public_index", EVERYONE),
    Page("budget:public_county", EVERYONE, _county_code),
    Page("budget:public_quarter", EVERYONE, _extra("budget_publication")),
]
PAGES += PUBLIC_PAGES

_POST_ONLY = "POST only: an action whose form sits on another page, walked there"

EXCLUDED: dict[str, str] = {
    "budget:line_add": _POST_ONLY,
    "budget:adjustment_add": _POST_ONLY,
    "budget:warning_confirm": _POST_ONLY,
    "budget:warning_dismiss": _POST_ONLY,
    "budget:problem_reply": _POST_ONLY,
    "budget:problem_close": _POST_ONLY,
    "budget:problem_return": _POST_ONLY,
    "budget:evidence_download": "a file download, not a page",
    "budget:debt_add": _POST_ONLY,
    "budget:publication_withdraw": _POST_ONLY,
    "budget:publication_republish": _POST_ONLY,
}
