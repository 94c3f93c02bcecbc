"""Bad configuration must end in one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_says_so_in_one_line():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="congress_portal.settings.prod", ALLOWED_HOSTS="a.example"
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "配置错误: 缺少环境变量 SECRET_KEY（生产环境必须设置）。"


def test_production_without_allowed_hosts_says_so_in_one_line():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="congress_portal.settings.prod", SECRET_KEY="x" * 60
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "配置错误: 缺少环境变量 ALLOWED_HOSTS（生产环境必须设置）。"


def test_unreachable_database_says_so_in_one_line():
    result = manage("migrate", DATABASE_URL="postgres://portal@127.0.0.1:1/portal")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("数据库无法连接，请检查 DATABASE_URL")


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="congress_portal.settings.prod",
        SECRET_KEY="k7#Qv9!mZ2$pL4^wX8&nR1*tY6@bH3%jD5(sF0)gA-e" + "x" * 20,
        ALLOWED_HOSTS="portal.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr


def test_bad_boolean_is_named():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "环境变量 DEBUG 应为 true 或 false" in result.stderr.strip().splitlines()[-1]


def test_a_storage_url_that_is_not_s3_is_named():
    result = manage("check", STORAGE_URL="ftp://files.example/portal")
    assert result.returncode != 0
    assert "环境变量 STORAGE_URL 应形如 s3://" in result.stderr.strip().splitlines()[-1]


def test_keys_in_the_storage_url_are_refused():
    result = manage("check", STORAGE_URL="s3://key:secret@portal-files/portal")
    assert result.returncode != 0
    assert "不应含访问密钥" in result.stderr.strip().splitlines()[-1]


def test_a_storage_url_names_the_bucket_the_prefix_and_the_endpoint(monkeypatch):
    from congress_portal.settings.env import env_file_storage

    monkeypatch.setenv(
        "STORAGE_URL", "s3://portal-files/huaihua/portal?endpoint_url=http://minio:9000"
    )
    storage = env_file_storage("STORAGE_URL")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "portal-files"
    assert storage["OPTIONS"]["location"] == "huaihua/portal"
    assert storage["OPTIONS"]["endpoint_url"] == "http://minio:9000"
    monkeypatch.delenv("STORAGE_URL")
    assert env_file_storage("STORAGE_URL")["BACKEND"].endswith("FileSystemStorage")
