"""The Tweede Kamer's OData v4 service (gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/).

Entity sets (Zaak, Document, ZaakActor, Kamerstukdossier, Persoon, Fractie …) are queried with
`$filter` and `$expand`; a page holds at most 250 entities in `value` and links the next one with
`@odata.nextLink`, which is followed until it is absent (never `$skip`: the service pages itself).
Soft-deleted entities stay in the service with `Verwijderd: true`; callers say whether they want them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

from ..errors import FetchError
from .http import HttpClient
from .services import TK_ODATA

_ENTITY = re.compile(r"^[A-Z][A-Za-z]+$")
MAX_PAGES = 10_000  # a loop guard: a service that links a page to itself must not run forever


def literal(value: str) -> str:
    """An OData string literal: quoted, with quotes doubled."""
    return "'" + value.replace("'", "''") + "'"


def any_of(field: str, values: list[str]) -> str:
    """`(Field eq 'a' or Field eq 'b')`."""
    return "(" + " or ".join(f"{field} eq {literal(v)}" for v in values) + ")"


class ODataClient:
    def __init__(self, http: HttpClient, root: str = TK_ODATA):
        self.http = http
        self.root = root

    def url(self, entity: str, *, filter: str | None = None, expand: str | None = None,
            select: str | None = None, orderby: str | None = None) -> str:
        if not _ENTITY.match(entity):
            raise ValueError(f"not an OData entity set: {entity!r}")
        params = {k: v for k, v in (("$filter", filter), ("$expand", expand), ("$select", select),
                                    ("$orderby", orderby)) if v}
        query = urlencode(params, quote_via=quote, safe="$,()/'")
        return f"{self.root}{entity}" + (f"?{query}" if query else "")

    def page(self, url: str) -> dict:
        data = self.http.get(url, accept="application/json")
        try:
            page = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(f"not a JSON OData page ({exc})", url) from None
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise FetchError("OData page has no 'value' list", url)
        return page

    def entities(self, entity: str, **query: str | None) -> Iterator[dict]:
        """Every entity of the set that the query selects, following `@odata.nextLink`."""
        url: str | None = self.url(entity, **query)
        seen: set[str] = set()
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise FetchError("OData paging does not end (a next link seen before)", url)
            seen.add(url)
            page = self.page(url)
            for item in page["value"]:
                if isinstance(item, dict):
                    yield item
            nxt = page.get("@odata.nextLink")
            if nxt is not None and (not isinstance(nxt, str) or not self.http.services.allowed(nxt)):
                raise FetchError(f"OData next link leaves the service: {nxt!r}", url)
            url = self.http.services.official(nxt) if nxt else None
