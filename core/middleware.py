from django.conf import settings
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
