import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user switched: the language cookie decides, not the browser.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show English to
    anyone whose browser prefers it; the portal speaks Chinese first and offers English as a
    choice the user makes with the language switch.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = (
                translation.get_supported_language_variant(chosen)
                if chosen
                else settings.LANGUAGE_CODE
            )
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RejectNulMiddleware:
    """Answer 400 to a request whose path, query string, cookies or form body holds a NUL byte.

    No page of the portal takes one, and PostgreSQL refuses NUL in text: a `?county=%00` that
    reached a lookup answered 500. Multipart bodies are left to the forms (Django's CharField
    refuses NUL), because reading them here would fix the upload handlers before a view could.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)


def _holds_nul(request) -> bool:
    if "\x00" in request.path_info or "\x00" in request.path:
        return True
    mappings = [request.GET, request.COOKIES]
    if request.content_type == "application/x-www-form-urlencoded":
        mappings.append(request.POST)
    return any(holds_nul(data) for data in mappings)


def holds_nul(data) -> bool:
    """Whether a key or value of a QueryDict, or of a dict of strings or lists of them, holds NUL."""
    pairs = data.lists() if hasattr(data, "lists") else data.items()
    for key, values in pairs:
        for text in (key, *([values] if isinstance(values, str) else values)):
            if "\x00" in text:
                return True
    return False


# How stale the session's last write may be before a request renews it: the idle timeout then
# slides within this much of its nominal length.
SESSION_RENEWAL_SECONDS = 60
RENEWED_KEY = "_renewed_at"


def session_renewed_at_login(sender, request, user, **kwargs) -> None:
    """Logging in writes the session: the pages right after it need not write it again."""
    request.session[RENEWED_KEY] = int(time.time())


class SessionRenewalMiddleware:
    """Slide the idle timeout without writing the session on every request.

    `SESSION_SAVE_EVERY_REQUEST` would renew the session by rewriting its row on every page:
    one UPDATE per request, the largest part of what a page that changes nothing costs (the
    ballot page, every list). Here a logged-in session is written when its last write is more
    than a minute old (or a tenth of the idle time, if shorter), so a user active within the idle
    time stays logged in, and an idle one is logged out no more than that much later than
    SESSION_COOKIE_AGE says.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = min(SESSION_RENEWAL_SECONDS, settings.SESSION_COOKIE_AGE // 10)

    def __call__(self, request):
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED_KEY, 0) >= self.interval:
                session[RENEWED_KEY] = now
        return self.get_response(request)
