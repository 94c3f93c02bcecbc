"""More than one machine: two web processes and a worker share PostgreSQL, Redis and an S3 store.

Production runs several `web` and `worker` replicas (docker-compose.yml). A file one of them
writes (an export built by the worker, an attachment uploaded through one web process) must be
served by any other, so files live in S3-compatible object storage when STORAGE_URL is set. Here
the store is a real S3 API server (moto's, on loopback), the web processes are gunicorn on two
ports, and the worker is a real `celery worker` process; nothing is shared through a local disk.
"""

import os
import re
import socket
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import boto3
import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from livelihood_projects.models import Attachment, Project
from reports.models import ExportJob
from tests.livelihood_projects.factories import CycleFactory, ProjectFactory

REDIS_URL = os.environ.get("REDIS_URL")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
BUCKET = "portal-files"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
KEYS = {"AWS_ACCESS_KEY_ID": "portal", "AWS_SECRET_ACCESS_KEY": "portal-secret"}

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not (REDIS_URL and DATABASE_URL.startswith("postgres")),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}")
        try:
            requests.get(url, timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    pytest.fail(f"{what} did not answer within two minutes")


def _stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def object_store():
    """A real S3 API server on loopback with an empty bucket."""
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(endpoint, server, "the S3 server")
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys())
        s3.create_bucket(Bucket=BUCKET)
        yield s3, endpoint
    finally:
        _stop(server)


def _boto_keys() -> dict:
    return {
        "aws_access_key_id": KEYS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": KEYS["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture(scope="module")
def machines(object_store, django_db_setup):
    """Two gunicorn web processes and one celery worker on the test database, the test Redis
    keys and the store, started once for the module (each takes seconds to start). Returns the
    two base URLs."""
    _s3, endpoint = object_store
    database = connection.settings_dict
    base_env = {
        **os.environ,
        **KEYS,
        "DJANGO_SETTINGS_MODULE": "congress_portal.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": REDIS_URL,
        "STORAGE_URL": f"s3://{BUCKET}/portal?endpoint_url={endpoint}&region_name=us-east-1",
    }
    ports = [_free_port(), _free_port()]
    processes = []
    for port in ports:
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "congress_portal.wsgi:application"]
                + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
                cwd=settings.BASE_DIR,
                env=base_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    processes.append(
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "congress_portal", "worker", "--pool=solo"]
            + ["--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR,
            env=base_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, process in zip(urls, processes, strict=False):
            _wait_until_up(f"{url}/healthz", process, "a web process")
        yield urls
    finally:
        _stop(*processes)


def _session_for(user) -> requests.Session:
    """A browser session of `user`: the session row is in the shared database."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    return session


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, page.status_code
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _stored_keys(s3) -> list[str]:
    listing = s3.list_objects_v2(Bucket=BUCKET, Prefix="portal/")
    return [entry["Key"] for entry in listing.get("Contents", [])]


def test_an_export_built_by_the_worker_is_downloaded_through_the_other_web_process(
    object_store, machines, staff_a
):
    s3, _endpoint = object_store
    web_a, web_b = machines
    session = _session_for(staff_a)
    token = _csrf(session, web_a + reverse("deputies:visit_list"))

    started = session.post(
        web_a + reverse("reports:job_create"),
        data={"exporter": "visits", "query": "", "csrfmiddlewaretoken": token},
        headers={"Referer": web_a},
        allow_redirects=False,
        timeout=10,
    )
    assert started.status_code == 302, started.status_code
    job = ExportJob.objects.get(requester=staff_a)
    deadline = time.monotonic() + 60
    while job.status not in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
        assert time.monotonic() < deadline, f"the export is still {job.status}"
        time.sleep(0.3)
        job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error

    download = session.get(web_b + reverse("reports:job_download", args=[job.pk]), timeout=10)
    assert download.status_code == 200
    workbook = load_workbook(BytesIO(download.content), read_only=True)
    assert workbook.active["A1"].value  # the header row the worker wrote
    assert f"portal/{job.file.name}" in _stored_keys(s3)
    assert not (Path(settings.MEDIA_ROOT) / job.file.name).exists(), "written to a local disk"


def test_an_attachment_uploaded_through_one_web_process_is_served_by_the_other(
    object_store, machines, world, liaison_a
):
    s3, _endpoint = object_store
    web_a, web_b = machines
    project = ProjectFactory(
        cycle=CycleFactory(jurisdiction=world.county_a),
        status=Project.Status.ELECTED,
        responsible_unit=world.unit_a,
        township=world.township_a,
    )
    session = _session_for(liaison_a)
    form = reverse("livelihood_projects:project_attachment_add", args=[project.pk])
    token = _csrf(session, web_a + form)

    uploaded = session.post(
        web_a + form,
        data={"caption": "主体施工", "csrfmiddlewaretoken": token},
        files={"file": ("现场照片.jpg", JPEG_BYTES, "image/jpeg")},
        headers={"Referer": web_a},
        allow_redirects=False,
        timeout=10,
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    attachment = Attachment.objects.get(project=project)
    assert f"portal/{attachment.file.name}" in _stored_keys(s3)

    served = session.get(
        web_b + reverse("livelihood_projects:attachment_download", args=[attachment.pk]),
        timeout=10,
    )
    assert served.status_code == 200 and served.content == JPEG_BYTES
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists(), "on a local disk"
