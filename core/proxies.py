"""The client's address, as told by the reverse proxies the deployment trusts.

Each trusted proxy appends the address its connection came from to X-Forwarded-For (nginx:
`$proxy_add_x_forwarded_for`), so with N trusted proxies the client is the N-th entry from the
right, and everything left of it was written by the client and is ignored. With none
(TRUSTED_PROXY_COUNT=0, the default) no header is read at all: the address is the connection's.

The header is believed only from a proxy: the connection must come from TRUSTED_PROXY_NETWORKS,
and so must the entries the inner proxies appended. Otherwise anyone reaching the app directly
(another container, a published port) could name their own address.

An IPv6 client is counted by its /64 network, the block one subscriber is given: counted by the
whole address, one household could rotate through 2^64 addresses to escape a limit or a lockout.

django-axes calls this as AXES_CLIENT_IP_CALLABLE, and the public rate limit calls axes'
`get_client_ip_address`, so a lockout and a limit always see the same address.

Not ipware's parser: it honours quotes in the header, so a client sending `X-Forwarded-For:
5.5.5.5, "` swallowed the entry nginx appended and chose its own address; and in strict mode any
client behind a forward proxy of its own fell back to the proxy's address, shared with every
spoofer. Counting commas from the right cannot be steered by what the client wrote.
"""

import ipaddress

from django.conf import settings

IPV6_SUBSCRIBER_PREFIX = 64


def client_address(request) -> str:
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return request.META.get("REMOTE_ADDR", "")
    return _counted(_forwarded_client(request, remote) or remote)


def _forwarded_client(request, remote):
    """The client named by the trusted proxies, or None when the header cannot be believed."""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0 or not _is_proxy(remote):
        return None
    hops = [_parse(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < trusted:
        return None  # the request did not pass every trusted proxy
    inner_proxies = hops[len(hops) - trusted + 1 :]
    if not all(hop is not None and _is_proxy(hop) for hop in inner_proxies):
        return None
    return hops[-trusted]


def _is_proxy(address) -> bool:
    return any(address in network for network in _proxy_networks())


def _proxy_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXY_NETWORKS]


def _parse(text: str):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _counted(address) -> str:
    if address.version == 6:
        network = ipaddress.ip_network(f"{address}/{IPV6_SUBSCRIBER_PREFIX}", strict=False)
        return str(network.network_address)
    return str(address)
