"""The pages of legislative contact points, for the layout and axe walks (see pages.py)."""

from .pages import EVERYONE, LOGGED_IN, STAFF, Page

READERS = STAFF | {"deputy"}


def _extra(name: str):
    return lambda records, _role: (records.extra[name].pk,)


PAGES: list[Page] = [
    Page("legislation:point_list", READERS),
    Page("legislation:point_create", STAFF),
    Page("legislation:point_detail", READERS, _extra("legislation_point")),
    Page("legislation:point_edit", STAFF, _extra("legislation_point")),
    Page("legislation:collection_point_create", STAFF, _extra("legislation_point")),
    Page("legislation:informant_create", STAFF, _extra("legislation_point")),
    Page("legislation:consultation_list", READERS),
    Page("legislation:consultation_create", STAFF),
    Page("legislation:consultation_detail", READERS, _extra("legislation_consultation")),
    Page("legislation:consultation_edit", STAFF, _extra("legislation_consultation")),
    Page("legislation:articles_import", STAFF, _extra("legislation_consultation")),
    Page("legislation:channel_create", STAFF, _extra("legislation_consultation")),
    Page("legislation:suggestion_create", READERS, _extra("legislation_consultation")),
    Page("legislation:report_print", READERS, _extra("legislation_consultation")),
    Page("legislation:suggestion_detail", READERS, _extra("legislation_sent")),
    Page("legislation:statistics", READERS),
    Page("legislation:public_index", EVERYONE),
    Page("legislation:public_consultation", EVERYONE, _extra("legislation_consultation")),
    Page("legislation:public_suggest", EVERYONE, _extra("legislation_consultation")),
    Page("legislation:public_poster", EVERYONE, _extra("legislation_consultation")),
    Page("legislation:public_receipt", EVERYONE),
]
assert all(page.roles <= LOGGED_IN | {"public"} for page in PAGES)

_POST_ONLY = "POST only: an action whose form sits on another page, walked there"

EXCLUDED: dict[str, str] = {
    "legislation:report_send": _POST_ONLY,
    "legislation:suggestion_accept": _POST_ONLY,
    "legislation:suggestion_reject": _POST_ONLY,
    "legislation:suggestion_merge": _POST_ONLY,
    "legislation:suggestion_rewrite": _POST_ONLY,
    "legislation:suggestion_disposition": _POST_ONLY,
    "legislation:public_qr": "the QR code's SVG image, shown on the poster page",
    "legislation:public_done": "shown once after a suggestion is sent; walked in test_legislation.py",
}
