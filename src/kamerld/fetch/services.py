"""The official services kamerld fetches from, and the one switch that points them all at a mirror.

Every URL kamerld handles is kept in its official form (what a record names, what provenance cites);
only the moment a request goes out does `Services.request_url` map it onto a mirror, when one is
set. A mirror serves the three hosts under one root, by path:

    https://repository.overheid.nl/sru?…, /frbr/…          -> {mirror}sru?…, {mirror}frbr/…
    https://zoek.officielebekendmakingen.nl/{id}.xml     -> {mirror}{id}.xml
    https://gegevensmagazijn.tweedekamer.nl/OData/…      -> {mirror}OData/…  (and SyncFeed/…)

URLs on any other host are refused: a record cannot make kamerld fetch what the user did not ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import UsageError
from ..rdf.uris import TK_ODATA, is_guid, tk_entity_uri  # noqa: F401  (the Kamer's entity URIs are minted there)

KOOP_REPOSITORY = "https://repository.overheid.nl/"
KOOP_SRU = KOOP_REPOSITORY + "sru"
KOOP_FILES = "https://zoek.officielebekendmakingen.nl/"
TK_HOST = "https://gegevensmagazijn.tweedekamer.nl/"
TK_SYNCFEED = TK_HOST + "SyncFeed/2.0/"

OFFICIAL_HOSTS = (KOOP_REPOSITORY, KOOP_FILES, TK_HOST)


def _official_host_for_path(path: str) -> str:
    """Which official host a mirror path belongs to (the inverse of the mapping above)."""
    if path.startswith(("sru", "frbr/")):
        return KOOP_REPOSITORY
    if path.startswith(("OData/", "SyncFeed/")):
        return TK_HOST
    return KOOP_FILES


@dataclass(frozen=True)
class Services:
    """Where requests go: the official hosts, or `mirror` for all of them."""

    mirror: str | None = None

    def __post_init__(self) -> None:
        if self.mirror is None:
            return
        parts = urlsplit(self.mirror)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise UsageError(f"--mirror must be an http(s) URL without query, got {self.mirror!r}")
        if not self.mirror.endswith("/"):
            object.__setattr__(self, "mirror", self.mirror + "/")

    def official(self, url: str) -> str:
        """The official form of a URL a service gave us (a mirror's own links are mapped back)."""
        if self.mirror and url.startswith(self.mirror):
            rest = url[len(self.mirror):]
            return _official_host_for_path(rest) + rest
        return url

    def allowed(self, url: str) -> bool:
        url = self.official(url)
        return url.startswith(OFFICIAL_HOSTS)

    def request_url(self, url: str) -> str:
        """Where to send a request for `url` (official or mirror form); refuses other hosts."""
        url = self.official(url)
        if not url.startswith(OFFICIAL_HOSTS):
            raise ValueError(f"not a URL of the official services: {url!r}")
        if self.mirror is None:
            return url
        host = next(h for h in OFFICIAL_HOSTS if url.startswith(h))
        return self.mirror + url[len(host):]
