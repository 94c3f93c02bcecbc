"""`make run`'s server (runserver with the dev settings) as a newcomer meets it.

It shows the portal's own Chinese 404 and 500 pages, never Django's debug pages, which list
every URL pattern and setting; a developer asks for those with DEBUG=true. Static files are
served all the same. The database is left empty, so a public page that reads it fails: that is
the 500.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FAILING_PAGE = "/livelihood/results/"  # reads a table the empty database does not have


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def demo_server(tmp_path):
    servers = []

    def start(**env) -> str:
        port = _free_port()
        keep = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL"}
        }
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env={
                **keep,
                "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3",
                "POLL_KEY_DIR": str(tmp_path / "keys"),
                **env,
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(server)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("runserver did not start")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_the_demo_shows_the_portals_own_404_and_500_and_serves_static_files(demo_server):
    base = demo_server()
    status, body = _get(f"{base}/no-such-page/")
    assert status == 404
    assert "页面不存在" in body and "Using the URLconf" not in body and "urlpatterns" not in body
    status, body = _get(f"{base}{FAILING_PAGE}")
    assert status == 500
    assert "服务器错误" in body and "Traceback" not in body and "OperationalError" not in body
    for path in ["/static/css/portal.css", "/static/vendor/bootstrap/bootstrap.min.css"]:
        assert _get(f"{base}{path}")[0] == 200, path


def test_a_developer_asks_for_the_debug_pages(demo_server):
    base = demo_server(DEBUG="true")
    status, body = _get(f"{base}/no-such-page/")
    assert status == 404 and "Using the URLconf" in body
    status, body = _get(f"{base}{FAILING_PAGE}")
    assert status == 500 and "OperationalError" in body
