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
