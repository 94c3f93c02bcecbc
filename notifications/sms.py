"""SMS behind a small interface: counties plug in their own gateway via settings.SMS_BACKEND."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LoggingSmsBackend(SmsBackend):
    """The default: records that a message would have been sent, and sends nothing."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s****%s: %s", phone[:3], phone[-4:], text)


def get_backend() -> SmsBackend:
    return import_string(getattr(settings, "SMS_BACKEND", "notifications.sms.LoggingSmsBackend"))()
