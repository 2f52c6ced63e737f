"""The one lxml parser factory. Readers parse XML only through `parse_xml`.

No external entities, no DTD loading, no network, no entity expansion ("billion laughs"), and a size
cap before parsing. lxml's `huge_tree` stays off, which bounds depth and text node size too.
"""

from __future__ import annotations

from lxml import etree

from kamerld.errors import InputError

MAX_XML_BYTES = 50 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, path: str, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse untrusted XML bytes into an element tree or raise InputError naming `path`."""
    if len(data) > max_bytes:
        raise InputError(f"XML is {len(data)} bytes, more than the limit of {max_bytes}", path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM before the XML declaration is common and harmless
    stripped = data.lstrip()
    if not stripped:
        raise InputError("XML file is empty", path)
    if b"<!ENTITY" in data:
        # Entity declarations are never needed by the formats we read and are the tool of XML bombs.
        # The whole input is scanned: 64 KiB of comment inside the DOCTYPE would hide them from a head.
        raise InputError("XML declares entities (DTD); refused as unsafe", path)
    try:
        root = etree.fromstring(stripped, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"XML is not well-formed: {exc.msg} (line {exc.lineno})", path) from exc
    if root is None:
        raise InputError("XML has no root element", path)
    return root


def local(tag: object) -> str:
    """Local name of an element tag, without its namespace."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
