"""The pages of township budget review and 两问四评 of major funds, for the layout and axe walks
(see pages.py)."""

from .pages import ADMIN, EVERYONE, STAFF, Page

READERS = STAFF | {"deputy"}


def _extra(name: str):
    return lambda records, _role: (records.extra[name].pk,)


def _township(records, _role):
    return (records.extra["township_review"].township_id,)


def _published(records, _role):
    return (records.extra["published_county"].code,)


PAGES: list[Page] = [
    Page("budget:review_matrix", READERS),
    Page("budget:review_township", READERS, _township),
    Page("budget:fund_list", READERS),
    Page("budget:fund_create", STAFF),
    Page("budget:fund_detail", READERS, _extra("fund")),
    Page("budget:fund_settings", ADMIN),
    Page("budget:criterion_edit", ADMIN, _extra("fund_criterion")),
    # The public's pages: the survey a QR code opens, its thanks, and the published results.
    Page("budget:public_survey", EVERYONE, _extra("fund")),
    Page("budget:public_survey_done", EVERYONE, _extra("fund")),
    Page("budget:public_fund_results", EVERYONE, _published),
]

_POST_ONLY = "POST only: an action whose form sits on another page, walked there"

EXCLUDED: dict[str, str] = {
    "budget:review_record": _POST_ONLY,
    "budget:review_document": "a file download, not a page",
    "budget:fund_tally": _POST_ONLY,
    "budget:fund_evaluate": _POST_ONLY,
    "budget:fund_survey": _POST_ONLY,
    "budget:fund_publish": _POST_ONLY,
}
