"""Walking every page as every role: one seeded database, one server, one browser context per role
and screen size, all kept for the whole module so the hundreds of page views stay fast.

Each walk module uses `walk` (module-scoped). The records are written once, outside any test's
transaction, and flushed when the module ends so the tests after it start from an empty database as
usual. The tests still carry the plain django_db mark: pytest-django sets up the test database only
for a run that holds a test marked so.
"""

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User

from .pages import PAGES, Page
from .walk_data import ROLES, USERS, Records, seed

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}


# The (page, role) pairs to walk, known from the list alone: the pages a role may open, whose look
# is checked, and the ones it may not, whose refusal is checked once (the server's answer does not
# depend on the screen size or on what the walk looks at).
def _pairs(allowed: bool) -> list:
    # A page listed more than once (the import page, once per importer) is numbered.
    names = Counter(page.name for page in PAGES)
    seen: Counter = Counter()
    pairs = []
    for page in PAGES:
        seen[page.name] += 1
        name = page.name if names[page.name] == 1 else f"{page.name}{seen[page.name]}"
        pairs += [
            pytest.param(page, role, id=f"{name}-{role}")
            for role in ROLES
            if (role in page.roles) == allowed
        ]
    return pairs


ALLOWED = _pairs(allowed=True)
REFUSED = _pairs(allowed=False)


@dataclass
class Tab:
    """One browser tab of a role at a size, with what its page views reported."""

    page: object
    console_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)

    def reset(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()


@dataclass
class Opened:
    tab: Tab
    url: str
    allowed: bool


class Walk:
    def __init__(self, browser, base: str, records: Records):
        self.browser, self.base, self.records = browser, base, records
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.cookies = {role: self._session(username) for role, username in USERS.items()}
        self.tabs: dict[tuple[str, str], Tab] = {}

    def _session(self, username: str) -> str:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    def tab(self, role: str, size: str) -> Tab:
        if (role, size) not in self.tabs:
            self.tabs[role, size] = self._new_tab(role, size)
        return self.tabs[role, size]

    def _new_tab(self, role: str, size: str) -> Tab:
        width, height = SIZES[size]
        context = self.browser.new_context(
            locale="zh-CN", viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        if role in self.cookies:
            host = urlsplit(self.base).hostname
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": self.cookies[role]}
            context.add_cookies([{**cookie, "domain": host, "path": "/"}])
        tab = Tab(context.new_page())
        tab.page.on("console", lambda message: _console(tab, message))
        tab.page.on("pageerror", lambda error: tab.console_errors.append(str(error)))
        tab.page.on("request", lambda request: self._request(tab, request.url))
        return tab

    def _request(self, tab: Tab, url: str) -> None:
        if url.split(":", 1)[0] in ("http", "https", "ws", "wss") and not url.startswith(
            self.origin + "/"
        ):
            tab.foreign_requests.append(url)

    def open(self, page: Page, role: str, size: str) -> Opened:
        """Open the page; check the status the role should get (a denied role's ends here)."""
        tab = self.tab(role, size)
        tab.reset()
        path = page.path(self.records, role)
        response = tab.page.goto(self.base + path, wait_until="load")
        allowed = role in page.roles
        where = urlsplit(tab.page.url)
        if allowed:
            assert response.status == 200, f"{path} 返回 {response.status}"
            assert where.path == urlsplit(path).path, f"{path} 跳转到了 {tab.page.url}"
        elif role == "public":
            assert where.path == reverse("login"), f"未登录访问 {path} 未转到登录页"
        else:
            # Refused outright, or sent somewhere else (the login page to a user already logged
            # in, the municipal admin to the list a county's form belongs to).
            refused = response.status in (403, 404) or where.path != urlsplit(path).path
            assert refused, f"无权访问的 {path} 返回 {response.status}"
        return Opened(tab, path, allowed)

    def close(self) -> None:
        for tab in self.tabs.values():
            tab.page.context.close()


def _console(tab: Tab, message) -> None:
    if message.type == "error":
        tab.console_errors.append(f"{message.text} ({message.location.get('url', '')})")


@pytest.fixture(scope="module")
def walk(browser, django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    # The records outlive any one test, and the server's thread reads them between tests.
    django_db_blocker.unblock()
    try:
        records = seed()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        walk = Walk(browser, server.url, records)
        try:
            yield walk
        finally:
            walk.close()
            _requests_finished()
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
    finally:
        django_db_blocker.restore()


def _requests_finished(timeout: float = 5) -> None:
    """Wait for the server's request threads: one still closing its database connections when the
    server stops fails in its thread (SQLite's connection is the test's, shared with the server
    only while it runs), which pytest reports as an unhandled thread exception."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)
