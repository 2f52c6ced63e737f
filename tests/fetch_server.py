"""A local stand-in for KOOP's and the Tweede Kamer's services, for the fetch tests.

One HTTP server on 127.0.0.1 serves what the three official hosts serve, under one root (the layout
`kamerld --mirror` expects, see kamerld.fetch.services):

* `/sru` — SRU 2.0 searchRetrieve responses; every record is the real record of
  `../shared/corpus/xml-koop-format-examples/searchrec.xml` with its values set for the publication
  and the namespaces KOOP's live service uses; the CQL kamerld sends is evaluated (an index it does
  not know gives an SRU diagnostic, as KOOP does); paging by startRecord/maximumRecords;
* `/frbr/…`, `/{id}.xml|.pdf`, `/{id}/metadata.xml` — the files;
* `/OData/v4/2.0/{Entity}` — JSON pages in the service's shape (`value`, `@odata.nextLink`), the
  `$filter` forms kamerld sends evaluated, `$expand` of the navigation properties it uses;
* `/SyncFeed/2.0/Feed?category=…&skiptoken=N` — Atom pages of the entities changed after N, in the
  tkData schema of `../shared/corpus/reference-tk-schema/`, deleted ones with `tk:verwijderd="true"`.

Faults are queued per path (`fail(path, …)`): a status with headers (429 + Retry-After, 500), a
delay longer than the client's timeout, a truncated body (Content-Length larger than what is sent),
or another body (a malformed record). Every request is logged in `log`.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEARCHREC = CORPUS / "xml-koop-format-examples" / "searchrec.xml"

SRU_NS = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
DIAG_NS = "http://docs.oasis-open.org/ns/search-ws/diagnostic"
GZD_NS = "http://standaarden.overheid.nl/sru"
OW_NS = "http://standaarden.overheid.nl/wetgeving/"
DCT_NS = "http://purl.org/dc/terms/"
C_NS = "http://standaarden.overheid.nl/collectie/"
TK_NS = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
ATOM_NS = "http://www.w3.org/2005/Atom"

_RECORD_NS = {  # element of the record -> namespace on the live service
    **dict.fromkeys(("record", "recordSchema", "recordPacking", "recordData", "recordPosition"), SRU_NS),
    **dict.fromkeys(
        ("gzd", "originalData", "enrichedData", "url", "preferredUrl", "itemUrl", "timestamp"), GZD_NS
    ),
    **dict.fromkeys(("product-area", "content-area"), C_NS),
    **dict.fromkeys(
        (
            "identifier",
            "title",
            "language",
            "type",
            "creator",
            "modified",
            "available",
            "date",
            "hasVersion",
            "subject",
            "abstract",
            "publisher",
            "authority",
        ),
        DCT_NS,
    ),
}


@dataclass
class Publication:
    """A KOOP publication: its record values and the manifestations the service has."""

    identifier: str
    title: str
    publicatienaam: str
    date: str  # owmsmantel date
    modified: str  # datumTijdstipWijzigingExpression
    files: dict[str, bytes] = field(default_factory=dict)  # manifestation (xml, pdf, metadata) -> bytes
    tpmeta: dict[str, str] = field(default_factory=dict)  # vergaderjaar, vraagnummer, dossiernummer …
    broken: bool = False  # a malformed record: the identifier is missing


def _frbr(pub: Publication, manifestation: str) -> str:
    series = pub.identifier.split("-", 1)[0]
    name = "metadata.xml" if manifestation == "metadata" else f"{pub.identifier}.{manifestation}"
    return f"/frbr/officielepublicaties/{series}/2024/{pub.identifier}/1/{manifestation}/{name}"


def record_xml(pub: Publication, position: int) -> etree._Element:
    """The real corpus record, its values replaced by this publication's, in the live namespaces."""
    rec = etree.fromstring(SEARCHREC.read_bytes())
    kern = rec.find(".//owmskern")
    mantel = rec.find(".//owmsmantel")
    tp = rec.find(".//tpmeta")
    enriched = rec.find(".//enrichedData")
    kern.find("identifier").text = pub.identifier
    kern.find("title").text = pub.title
    kern.find("type").text = "Kamervragen" if pub.identifier.startswith(("kv", "ah")) else pub.publicatienaam
    kern.find("type").set("scheme", "OVERHEIDop.Parlementair")
    for tag in ("creator", "authority"):
        kern.find(tag).text = "Tweede Kamer der Staten-Generaal"
        kern.find(tag).set("scheme", "OVERHEID.StatenGeneraal")
    kern.find("modified").text = pub.modified[:10]
    for tag in ("available", "date"):
        mantel.find(tag).text = pub.date
    mantel.find("hasVersion").set(
        "resourceIdentifier", f"https://zoek.officielebekendmakingen.nl/{pub.identifier}.html"
    )
    for tag in ("subject", "abstract", "publisher"):
        el = mantel.find(tag)
        if el is not None:
            mantel.remove(el)
    for child in list(tp):  # the Gemeenteblad's own fields go; the parliamentary ones come in
        if child.tag not in (
            "product-area",
            "content-area",
            "datumTijdstipWijzigingWork",
            "datumTijdstipWijzigingExpression",
        ):
            tp.remove(child)
    tp.find("content-area").text = f"officielepublicaties/{pub.identifier.split('-', 1)[0]}/2024"
    tp.find("datumTijdstipWijzigingExpression").text = pub.modified
    tp.find("datumTijdstipWijzigingWork").text = pub.modified
    for name, value in {"publicatienaam": pub.publicatienaam, **pub.tpmeta}.items():
        etree.SubElement(tp, name).text = value
    for child in list(enriched):
        enriched.remove(child)
    etree.SubElement(enriched, "url").text = "https://repository.overheid.nl" + _frbr(pub, "xml")
    etree.SubElement(
        enriched, "preferredUrl"
    ).text = f"https://zoek.officielebekendmakingen.nl/{pub.identifier}.html"
    for m in sorted(pub.files):
        item = etree.SubElement(enriched, "itemUrl", manifestation=m)
        item.text = "https://repository.overheid.nl" + _frbr(pub, m)
    etree.SubElement(enriched, "timestamp").text = pub.modified
    rec.find("recordPosition").text = str(position)
    if pub.broken:
        kern.remove(kern.find("identifier"))
    for el in rec.iter():
        ns = _RECORD_NS.get(el.tag, OW_NS)
        el.tag = f"{{{ns}}}{el.tag}"
    etree.cleanup_namespaces(
        rec,
        top_nsmap={"sru": SRU_NS, "gzd": GZD_NS, "overheidwetgeving": OW_NS, "dcterms": DCT_NS, "c": C_NS},
    )
    return rec


def metadata_xml(fields: list[tuple[str, str, str]]) -> bytes:
    """KOOP's metadata.xml (`metadata_gegevens`, as in the corpus' opmeta1.xml)."""
    rows = "".join(
        f"  <metadata name={quoteattr(n)} scheme={quoteattr(s)} content={quoteattr(v)} />\n"
        for n, s, v in fields
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<metadata_gegevens>\n{rows}</metadata_gegevens>\n'.encode()
    )


# ---- the CQL kamerld sends -------------------------------------------------------------------------

_CLAUSE = re.compile(r'^(?P<index>[a-z.-]+)\s*(?P<op>==|>=|<=)\s*(?P<value>"(?:[^"\\]|\\.)*"|\S+)$')
_KNOWN = {"c.product-area", "w.publicatienaam", "w.dossiernummer", "dt.date", "dt.modified", "dt.identifier"}


def _value(raw: str) -> str:
    return raw[1:-1].replace('\\"', '"') if raw.startswith('"') else raw


def cql_matches(cql: str, pub: Publication) -> bool:
    """Evaluate `a AND b AND (c OR d)`; ValueError for an index or form the service would refuse."""
    values = {
        "c.product-area": ["officielepublicaties"],
        "w.publicatienaam": [pub.publicatienaam],
        "w.dossiernummer": pub.tpmeta.get("dossiernummer", "").split(";"),
        "dt.date": [pub.date],
        "dt.modified": [pub.modified[:10]],
        "dt.identifier": [pub.identifier],
    }

    def clause(text: str) -> bool:
        text = text.strip()
        if text.startswith("(") and text.endswith(")"):
            return any(clause(part) for part in re.split(r"\s+OR\s+", text[1:-1]))
        m = _CLAUSE.match(text)
        if not m or m.group("index") not in _KNOWN:
            raise ValueError(f"Unsupported index or clause: {text}")
        want, op = _value(m.group("value")), m.group("op")
        have = values[m.group("index")]
        return any(h == want if op == "==" else (h >= want if op == ">=" else h <= want) for h in have if h)

    return all(clause(part) for part in re.split(r"\s+AND\s+(?![^(]*\))", cql))


# ---- the server ---------------------------------------------------------------------------------------


@dataclass
class Fault:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False
    body: bytes | None = None


class FakeServices:
    def __init__(self) -> None:
        self.publications: dict[str, Publication] = {}
        self.entities: dict[str, dict[str, dict]] = defaultdict(dict)  # OData entity set -> id -> entity
        self.feed: dict[str, list[tuple[int, str]]] = defaultdict(list)  # category -> (seq, entry xml)
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.log: list[str] = []
        self.sru_page = 2
        self.odata_page = 2
        self.feed_page = 2
        self._seq = 1000
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 (http.server's name)
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- content ------------------------------------------------------------------------------

    def add(self, pub: Publication) -> None:
        self.publications[pub.identifier] = pub

    def entity(self, entity_set: str, item: dict) -> dict:
        self.entities[entity_set][item["Id"]] = item
        return item

    def change(
        self,
        category: str,
        element: str,
        guid: str,
        children: str = "",
        deleted: bool = False,
        updated: str = "2024-12-05T10:00:00Z",
    ) -> int:
        """Put one entity change on the SyncFeed; returns its skiptoken."""
        with self._lock:
            self._seq += 7  # skiptokens go up, not one by one
            seq = self._seq
        content = (
            f'<{element} xmlns="{TK_NS}" xmlns:tk="{TK_NS}" id="{guid}" tk:bijgewerkt="{updated}" '
            f'tk:verwijderd="{"true" if deleted else "false"}">{children}</{element}>'
        )
        self.feed[category].append(
            (
                seq,
                f"<title>{guid}</title><updated>{updated}</updated>"
                f'<category term="{category}"/>'
                f'<content type="application/xml">{content}</content>',
            )
        )
        return seq

    def fail(self, path: str, *faults: Fault) -> None:
        """The next requests for `path` (path, or path with query) get these faults, one each."""
        self.faults[path].extend(faults)

    def requests_for(self, prefix: str) -> list[str]:
        return [p for p in self.log if p.startswith(prefix)]

    # -- dispatch -------------------------------------------------------------------------------

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        self.log.append(h.path)
        parts = urlsplit(h.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        fault = None
        for key in (h.path, parts.path):
            if self.faults.get(key):
                fault = self.faults[key].pop(0)
                break
        try:
            status, ctype, body = self.route(parts.path, query)
        except ValueError as exc:
            status, ctype, body = 400, "text/plain", str(exc).encode()
        headers: dict[str, str] = {}
        if fault is not None:
            time.sleep(fault.delay)
            if fault.status != 200:
                status, body = fault.status, b"<html><body>Service unavailable</body></html>"
                ctype = "text/html"
            headers = fault.headers
            if fault.body is not None:
                body = fault.body
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body) + (1000 if fault and fault.truncate else 0)))
            for k, v in headers.items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body[: len(body) // 2] if fault and fault.truncate else body)
            if fault and fault.truncate:
                h.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def route(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        if path == "/sru":
            return 200, "application/xml", self.sru(query)
        if path.startswith("/OData/v4/2.0/"):
            return self.odata(path[len("/OData/v4/2.0/") :], query)
        if path == "/SyncFeed/2.0/Feed":
            return 200, "application/atom+xml", self.syncfeed(query)
        for pub in self.publications.values():
            for m, data in pub.files.items():
                zoek = f"/{pub.identifier}/metadata.xml" if m == "metadata" else f"/{pub.identifier}.{m}"
                if path in (_frbr(pub, m), zoek):
                    ctype = {"pdf": "application/pdf", "html": "text/html"}.get(m, "application/xml")
                    return 200, ctype, data
        return 404, "text/html", b"<html><body>404: Pagina niet gevonden</body></html>"

    # -- SRU ---------------------------------------------------------------------------------------

    def sru(self, q: dict[str, str]) -> bytes:
        cql = q.get("query", "")
        start, size = int(q.get("startRecord", "1")), int(q.get("maximumRecords", "10"))
        size = min(size, self.sru_page)
        try:
            hits = [
                p
                for p in sorted(self.publications.values(), key=lambda p: p.identifier)
                if cql_matches(cql, p)
            ]
        except ValueError as exc:
            return (
                f'<sru:searchRetrieveResponse xmlns:sru="{SRU_NS}"><sru:version>2.0</sru:version>'
                f"<sru:numberOfRecords>0</sru:numberOfRecords><sru:diagnostics>"
                f'<diag:diagnostic xmlns:diag="{DIAG_NS}"><diag:uri>info:srw/diagnostic/1/16</diag:uri>'
                f"<diag:details>{escape(str(exc))}</diag:details><diag:message>Unsupported index"
                f"</diag:message></diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>"
            ).encode()
        root = etree.Element(f"{{{SRU_NS}}}searchRetrieveResponse", nsmap={"sru": SRU_NS})
        etree.SubElement(root, f"{{{SRU_NS}}}version").text = "2.0"
        etree.SubElement(root, f"{{{SRU_NS}}}numberOfRecords").text = str(len(hits))
        records = etree.SubElement(root, f"{{{SRU_NS}}}records")
        page = hits[start - 1 : start - 1 + size]
        for i, pub in enumerate(page, start=start):
            records.append(record_xml(pub, i))
        if start - 1 + size < len(hits):
            etree.SubElement(root, f"{{{SRU_NS}}}nextRecordPosition").text = str(start + size)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    # -- OData -------------------------------------------------------------------------------------

    _NAV = {
        ("Zaak", "Document"): ("Document", "Zaak"),
        ("Zaak", "ZaakActor"): ("ZaakActor", "Zaak_Id"),
        ("Document", "Kamerstukdossier"): ("Kamerstukdossier", "Document"),
    }

    def _matches(self, entity_set: str, item: dict, flt: str) -> bool:
        if not flt:
            return True
        if "Verwijderd eq false" in flt and item.get("Verwijderd"):
            return False
        ors = re.findall(r"(\w+) eq '([^']*)'", flt) + re.findall(r"(Id) eq ([0-9a-f-]{36})\b", flt)
        if ors and not any(str(item.get(f)) == v for f, v in ors):
            return False
        m = re.search(r"Kamerstukdossier/any\(d: d/Nummer eq (\d+)\)", flt)
        if m:
            dossiers = [
                self.entities["Kamerstukdossier"].get(d, {}) for d in item.get("Kamerstukdossier", [])
            ]
            if not any(str(d.get("Nummer")) == m.group(1) for d in dossiers):
                return False
        rest = re.sub(
            r"\(?\w+ eq '[^']*'\)?|\(?Id eq [0-9a-f-]{36}\)?|Kamerstukdossier/any\(d: d/Nummer eq \d+\)"
            r"|Verwijderd eq false|\band\b|\bor\b|[()\s]",
            "",
            flt,
        )
        if rest:
            raise ValueError(f"The query specified in the URI is not valid: {flt}")
        return True

    def _expand(self, entity_set: str, item: dict, expand: str) -> dict:
        out = {k: v for k, v in item.items() if k not in ("Document", "Zaak", "Kamerstukdossier")}
        for nav in filter(None, expand.split(",")):
            target, link = self._NAV.get((entity_set, nav), (None, None))
            if target is None:
                raise ValueError(f"Could not find a property named '{nav}' on type '{entity_set}'")
            if entity_set == "Zaak" and nav == "ZaakActor":
                out[nav] = [
                    copy.deepcopy(a)
                    for a in self.entities["ZaakActor"].values()
                    if a["Zaak_Id"] == item["Id"]
                ]
            else:
                out[nav] = [
                    copy.deepcopy(self.entities[target][i])
                    for i in item.get(nav, [])
                    if i in self.entities[target]
                ]
        return out

    def odata(self, entity_set: str, q: dict[str, str]) -> tuple[int, str, bytes]:
        if entity_set not in ("Zaak", "Document", "ZaakActor", "Persoon", "Fractie", "Kamerstukdossier"):
            return 404, "application/json", json.dumps({"error": {"message": "Resource not found"}}).encode()
        flt = q.get("$filter", "")
        items = [
            self._expand(entity_set, i, q.get("$expand", ""))
            for i in self.entities[entity_set].values()
            if self._matches(entity_set, i, flt)
        ]
        items.sort(key=lambda i: i["Id"])
        skip = int(q.get("$skiptoken", "0"))
        page = items[skip : skip + self.odata_page]
        body: dict = {"@odata.context": f"{self.url}OData/v4/2.0/$metadata#{entity_set}", "value": page}
        if skip + self.odata_page < len(items):
            rest = {k: v for k, v in q.items() if k != "$skiptoken"}
            rest["$skiptoken"] = str(skip + self.odata_page)
            body["@odata.nextLink"] = f"{self.url}OData/v4/2.0/{entity_set}?{urlencode(rest)}"
        return 200, "application/json; odata.metadata=minimal", json.dumps(body).encode()

    # -- SyncFeed ----------------------------------------------------------------------------------

    def syncfeed(self, q: dict[str, str]) -> bytes:
        category = q.get("category", "")
        after = int(q.get("skiptoken", "-1"))
        entries = [(s, e) for s, e in self.feed.get(category, []) if s > after][: self.feed_page]
        base = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed"
        out = [
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="{ATOM_NS}">',
            f"<title>{category}</title><id>{base}?category={category}</id>",
            "<updated>2024-12-05T10:00:00Z</updated>",
            "<author><name>Tweede Kamer der Staten-Generaal</name></author>",
        ]
        for seq, body in entries:
            nxt = escape(f"{base}?{urlencode({'category': category, 'skiptoken': seq})}")
            out.append(f'<entry>{body}<link rel="next" href="{nxt}"/></entry>')
        more = [s for s, _ in self.feed.get(category, []) if s > (entries[-1][0] if entries else after)]
        if entries and more:
            nxt = escape(f"{base}?{urlencode({'category': category, 'skiptoken': entries[-1][0]})}")
            out.append(f'<link rel="next" href="{nxt}"/>')
        out.append("</feed>")
        return "".join(out).encode()
