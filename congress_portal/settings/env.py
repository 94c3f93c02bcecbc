"""Small typed readers for settings that come from the environment.

Each raises ImproperlyConfigured with one Chinese line naming the variable, so that a
misconfigured deployment fails with a message an operator can act on, not a traceback.
"""

import ipaddress
import os
from typing import Literal, overload

from django.core.exceptions import ImproperlyConfigured


@overload
def env_str(name: str, default: str | None = None, *, required: Literal[True]) -> str: ...
@overload
def env_str(name: str, default: str, *, required: bool = False) -> str: ...
@overload
def env_str(name: str, default: None = None, *, required: bool = False) -> str | None: ...
def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"缺少环境变量 {name}（生产环境必须设置）。")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 true 或 false，当前为 {value!r}。")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，当前为 {value!r}。") from None


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = env_str(name, required=required)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name: str, default: list[str]) -> list[str]:
    """A comma-separated list of addresses or networks (CIDR), each checked here."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"环境变量 {name} 中的 {network!r} 不是有效的 IP 地址或网段。"
            ) from None
    return networks


def env_file_storage(name: str) -> dict:
    """Where uploaded and exported files are kept: the local disk (MEDIA_ROOT) when the variable
    is unset, else S3-compatible object storage named as `s3://bucket/prefix?endpoint_url=...`.

    More than one web or worker machine can share nothing on a local disk: with object storage an
    export built by one worker is downloaded through any web process. Other query parameters are
    passed to django-storages' S3Storage as they are (region_name, addressing_style, ...); keys
    come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as boto3 reads them, never the URL.
    """
    from urllib.parse import parse_qsl, urlsplit

    value = env_str(name)
    if value is None:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    url = urlsplit(value)
    if url.scheme != "s3" or not url.netloc:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应形如 s3://存储桶/前缀?endpoint_url=http://…，当前为 {value!r}。"
        )
    if url.username or url.password:
        raise ImproperlyConfigured(
            f"环境变量 {name} 不应含访问密钥，请用 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY。"
        )
    options: dict[str, object] = dict(parse_qsl(url.query))
    options.update(
        bucket_name=url.netloc,
        location=url.path.strip("/"),
        # Files are private (exports, evidence): served through the portal's own checks, never by
        # a public bucket URL; the same name written twice must not silently replace a file.
        default_acl=None,
        querystring_auth=True,
        file_overwrite=False,
    )
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
