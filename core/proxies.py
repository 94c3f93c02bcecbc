"""The client's address, as told by the reverse proxies the deployment trusts.

Each trusted proxy appends the address its connection came from to X-Forwarded-For (nginx:
`$proxy_add_x_forwarded_for`), so with N trusted proxies the client is the N-th entry from the
right, and everything left of it was written by the client and is ignored. With none
(TRUSTED_PROXY_COUNT=0, the default) no header is read at all: the address is the connection's.

django-axes calls this as AXES_CLIENT_IP_CALLABLE, and the public rate limit calls axes'
`get_client_ip_address`, so a lockout and a limit always see the same address.

Not ipware's parser: it honours quotes in the header, so a client sending `X-Forwarded-For:
5.5.5.5, "` swallowed the entry nginx appended and chose its own address; and in strict mode any
client behind a forward proxy of its own fell back to the proxy's address, shared with every
spoofer. Counting commas from the right cannot be steered by what the client wrote.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(hops) < trusted:
        # The request did not pass every trusted proxy, so no entry can be believed.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted].strip()))
    except ValueError:
        return remote
