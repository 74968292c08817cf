"""The private-address guard: newsfuse fetches public pages, never the machine or network it runs in.

A URL given to `newsfuse ingest` could point (or redirect) at 127.0.0.1, a router's admin page, or a
cloud metadata service (169.254.169.254). Every hop is checked before it is requested, and the
connection itself is pinned to the address that was checked, so a host name that resolves to a
public address at check time and a private one at connect time (DNS rebinding) is refused too.
`allow_private=True` (`--allow-private`) lifts the guard, for an intranet or a test server.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from newsfuse.errors import FetchError

SCHEMES = ("http", "https")


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}", path=host) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str, *, allow_private: bool = False) -> list[str]:
    """Refuse a URL that is not http(s) or (unless allowed) resolves to a non-public address; return
    the addresses it may be fetched from."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}", path=url)
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host", path=url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    addresses = resolve(host, port)
    if allow_private:
        return addresses
    refused = [a for a in addresses if not is_public(a)]
    if refused:
        raise FetchError(f"refused: {host} resolves to a private or local address ({refused[0]})", path=url,
                         hint="to fetch from your own network, pass --allow-private (setting fetch.allow_private)")
    return addresses
