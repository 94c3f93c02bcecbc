"""The pages of deputies online (public station pages, opinions from the public), for the layout and axe walks (see pages.py)."""

from .pages import EVERYONE, STAFF, Page

_POST_ONLY = "a POST action; the page that offers it is walked"
_PHOTO = "a JPEG image, not a page; the page that shows it is walked"


def _extra(name: str):
    return lambda records, _role: (records.extra[name].pk,)


PAGES: list[Page] = [
    Page("deputies:public_directory", EVERYONE),
    Page("deputies:public_station", EVERYONE, _extra("online_station")),
    Page("deputies:public_station_opinion", EVERYONE, _extra("online_station")),
    Page("deputies:station_poster", EVERYONE, _extra("online_station")),
    Page("deputies:public_deputy_opinion", EVERYONE, _extra("online_deputy")),
    Page("deputies:deputy_poster", EVERYONE, _extra("online_deputy")),
    Page("deputies:public_receipt", EVERYONE, query="receipt=WALK234567"),
    Page("deputies:campaign_list", STAFF),
    Page("deputies:campaign_detail", STAFF, _extra("campaign")),
    Page("deputies:contact_detail", STAFF, _extra("contact_visit")),
]

EXCLUDED: dict[str, str] = {
    "deputies:station_qr": "an SVG image, not a page; the poster that shows it is walked",
    "deputies:deputy_qr": "an SVG image, not a page; the poster that shows it is walked",
    "deputies:station_online": _POST_ONLY,
    "deputies:partner_add": _POST_ONLY,
    "deputies:post_public": _POST_ONLY,
    "deputies:opinion_review": _POST_ONLY,
    "deputies:opinion_tag": _POST_ONLY,
    "deputies:opinion_refer": _POST_ONLY,
    "deputies:activity_tag": _POST_ONLY,
    "deputies:activity_partners": _POST_ONLY,
    "deputies:activity_opinion": _POST_ONLY,
    "deputies:contact_opinion": _POST_ONLY,
    "deputies:station_photo": _POST_ONLY,
    "deputies:station_photo_remove": _POST_ONLY,
    "deputies:deputy_photo": _POST_ONLY,
    "deputies:deputy_photo_remove": _POST_ONLY,
    "deputies:station_photo_image": _PHOTO,
    "deputies:deputy_photo_image": _PHOTO,
    "deputies:public_station_photo": _PHOTO,
    "deputies:public_deputy_photo": _PHOTO,
}
