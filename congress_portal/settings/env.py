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
