"""The links between documents (`links.cross_links`) and the documents held, worked out in the build
state with SQL instead of in memory, so the corpus step of a build holds nothing per document.

`links.cross_links` reads a batch's `LinkInfo` rows in Python; `convert` (a batch in memory anyway)
uses it. A build keeps every document's link row in the state (`documents.links`: the zaken, the
documents it refers to with "zie ook", the notices it delays), and at 200,000 documents a list of
those rows, the set of their ids and the maps of `cross_links` would be the one thing in the main
process that grows with the corpus. Here the same rules are joins over three temporary tables:

* `temp.link_docs`: every document (id, kind, whether it is an answer or a notice);
* `temp.link_zaak`: the zaken each document names;
* `temp.link_see`: the documents each refers to.

The rules, as in `cross_links`: a document and one it refers to that the build holds point to each
other (`rdfs:seeAlso`, each direction unless that document says it itself); when both are answers or
notices, each gets the other's zaken (`kld:zaak`); answers and notices of one zaak (their own or so
gained) point to each other, and an answer points to a notice of its zaak (`kld:uitstelmededeling`).
`tests/test_corpus_graphs.py` checks that both give the same links on random batches.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kamerld.model import DocumentKind

if TYPE_CHECKING:
    from .state import BuildState

SCHEMA = """
CREATE TEMP TABLE IF NOT EXISTS link_docs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, an INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS link_zaak (id TEXT NOT NULL, zaak TEXT NOT NULL, PRIMARY KEY (id, zaak));
CREATE TEMP TABLE IF NOT EXISTS link_see (id TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (id, target));
CREATE TEMP TABLE IF NOT EXISTS link_gained (id TEXT NOT NULL, zaak TEXT NOT NULL, PRIMARY KEY (id, zaak));
CREATE TEMP TABLE IF NOT EXISTS link_lines (
  line TEXT PRIMARY KEY, subject TEXT NOT NULL, object TEXT, stem TEXT NOT NULL);
"""
TEMP_TABLES = ("link_docs", "link_zaak", "link_see", "link_gained", "link_lines")
ANSWER, NOTICE = DocumentKind.ANTWOORD.value, DocumentKind.MEDEDELING.value  # links.ANSWERS, NOTICES

# a reference to a document the build holds (not to itself)
_REFS = """refs(a, b) AS (
  SELECT s.id, s.target FROM temp.link_see s JOIN temp.link_docs o ON o.id = s.target
  WHERE s.id != s.target)"""
# the zaken of the answers and notices: their own and those they gain (`_GAINED`)
_ZAKEN = """zaken(id, zaak) AS (
  SELECT z.id, z.zaak FROM temp.link_zaak z JOIN temp.link_docs d ON d.id = z.id AND d.an
  UNION SELECT id, zaak FROM temp.link_gained)"""
# answers and notices of one zaak, each pair once (a < b)
_SAME = """same(a, b) AS (
  SELECT DISTINCT x.id, y.id FROM zaken x JOIN zaken y ON y.zaak = x.zaak AND x.id < y.id)"""
# the zaken a document gains from a reference between two answers or notices: the other's it lacks
_GAINED = f"""WITH {_REFS},
ans(a, b) AS (SELECT r.a, r.b FROM refs r JOIN temp.link_docs x ON x.id = r.a AND x.an
              JOIN temp.link_docs y ON y.id = r.b AND y.an),
pairs(doc, other) AS (SELECT a, b FROM ans UNION SELECT b, a FROM ans)
SELECT DISTINCT p.doc, z.zaak FROM pairs p JOIN temp.link_zaak z ON z.id = p.other
WHERE NOT EXISTS (SELECT 1 FROM temp.link_zaak w WHERE w.id = p.doc AND w.zaak = z.zaak)"""
# every pair that points to each other, both ways, less what a document says itself
_SEE_ALSO = f"""WITH {_REFS}, {_ZAKEN}, {_SAME},
pairs(a, b) AS (SELECT a, b FROM refs UNION SELECT a, b FROM same),
directed(a, b) AS (SELECT a, b FROM pairs UNION SELECT b, a FROM pairs)
SELECT a, b FROM directed d
WHERE NOT EXISTS (SELECT 1 FROM temp.link_see s WHERE s.id = d.a AND s.target = d.b)"""
# an answer and a notice of one zaak
_NOTICES = f"""WITH {_ZAKEN}, {_SAME},
directed(a, b) AS (SELECT a, b FROM same UNION SELECT b, a FROM same)
SELECT p.a, p.b FROM directed p JOIN temp.link_docs x ON x.id = p.a JOIN temp.link_docs y ON y.id = p.b
WHERE x.kind = '{ANSWER}' AND y.kind = '{NOTICE}'"""

_PAGE = 1000


def load(state: BuildState) -> None:
    """Fill the temporary tables from the documents' link rows, a page at a time."""
    db = state.db
    for statement in SCHEMA.split(";"):
        if statement.strip():
            state.write(statement)
    for table in TEMP_TABLES:
        state.write(f"DELETE FROM temp.{table}")
    rows = db.execute("SELECT id, kind, links FROM documents ORDER BY name")
    while page := rows.fetchmany(_PAGE):
        docs, zaken, see = [], [], []
        for doc_id, kind, links in page:
            docs.append((doc_id, kind, int(kind in (ANSWER, NOTICE))))
            doc_zaken, see_also, _uitstel_van = json.loads(links)
            zaken += ((doc_id, z) for z in doc_zaken)
            see += ((doc_id, t) for t in see_also)
        state.write_many("INSERT OR REPLACE INTO temp.link_docs VALUES (?, ?, ?)", docs)
        state.write_many("INSERT OR IGNORE INTO temp.link_zaak VALUES (?, ?)", zaken)
        state.write_many("INSERT OR IGNORE INTO temp.link_see VALUES (?, ?)", see)
    state.write(f"INSERT INTO temp.link_gained {_GAINED}")


def links(state: BuildState) -> Iterator[tuple[str, str, str]]:
    """(kind, document id, document id or zaak number) of every link (`load` first): kind 'see_also',
    'zaak' or 'notice', as the three sets of `links.Links`."""
    db = state.db
    for kind, sql in (("see_also", _SEE_ALSO), ("zaak", "SELECT id, zaak FROM temp.link_gained"),
                      ("notice", _NOTICES)):
        for a, b in db.execute(sql):
            yield kind, a, b


def relink(state: BuildState, base: str, stem_of: Callable[[str], str],
           touch_sql: Callable[[str], None]) -> None:
    """Bring `corpus_held` and `corpus_links` up to date with the documents in the state: the lines of
    a document newly held (or no longer held) are marked so, the link lines made again and diffed
    against those kept. `touch_sql(select)` marks the subjects (first column) and the IRIs pointed to
    (second column, may be NULL) of what changed."""
    from rdflib.namespace import RDFS

    from kamerld.rdf.namespaces import KLD
    from kamerld.rdf.uris import Minter
    from kamerld.writers.fast import nt_lines

    from .corpus import _parts, chunks

    load(state)
    # 2. the documents held: a held document's own resources leave the shares' lines out
    new = "SELECT id FROM temp.link_docs WHERE id NOT IN (SELECT id FROM corpus_held)"
    gone = "SELECT id FROM corpus_held WHERE id NOT IN (SELECT id FROM temp.link_docs)"
    touch_sql(f"SELECT DISTINCT subject, NULL FROM corpus_lines WHERE doc IN ({new}) OR doc IN ({gone})")
    state.write(f"UPDATE corpus_lines SET held = 1 WHERE doc IN ({new})")
    state.write(f"UPDATE corpus_lines SET held = 0 WHERE doc IN ({gone})")
    state.write(f"DELETE FROM corpus_held WHERE id IN ({gone})")
    state.write(f"INSERT INTO corpus_held (id) {new}")

    # 3. the links between documents, made again from every document's row
    m = Minter(base)
    predicate = {"see_also": RDFS.seeAlso, "zaak": KLD.zaak, "notice": KLD.uitstelmededeling}
    for chunk in chunks(links(state), _PAGE):
        triples = [(m.document(a), predicate[kind], m.zaak(b) if kind == "zaak" else m.document(b))
                   for kind, a, b in chunk]
        rows = []
        for line in nt_lines(triples):
            subject, obj = _parts(line)
            rows.append((line, subject, obj, stem_of(subject)))
        state.write_many("INSERT OR IGNORE INTO temp.link_lines VALUES (?, ?, ?, ?)", rows)
    touch_sql("SELECT subject, object FROM corpus_links WHERE line NOT IN (SELECT line FROM temp.link_lines) "
              "UNION ALL SELECT subject, object FROM temp.link_lines "
              "WHERE line NOT IN (SELECT line FROM corpus_links)")
    state.write("DELETE FROM corpus_links WHERE line NOT IN (SELECT line FROM temp.link_lines)")
    state.write("INSERT INTO corpus_links (line, subject, object, stem) SELECT line, subject, object, stem "
                "FROM temp.link_lines WHERE line NOT IN (SELECT line FROM corpus_links)")
    for table in TEMP_TABLES:
        state.write(f"DELETE FROM temp.{table}")


__all__ = ["links", "load", "relink"]
