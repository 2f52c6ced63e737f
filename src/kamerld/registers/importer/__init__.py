"""The register importer: builds kamerld's register data files from the open sources.

    kamerld registers --import-from ../shared/registers-src

reads polder (CC0), openkamer's fixtures (MIT) and TOOI's value lists (`../shared/registers-src`,
described in its SOURCES.tsv) plus the few hand-kept tables in `registers/hand/`, and writes
`ministries.tsv`, `posts.tsv`, `fracties.tsv`, `persons.tsv`, `memberships.tsv` and
`document_types.tsv` beside the registers. The output depends on nothing but those files: the same
sources give the same bytes (a test rebuilds and compares). Every row says where it came from
(`source`); rows no source has are `hand`.
"""

from __future__ import annotations

import io
from pathlib import Path

from . import doctypes, fracties, ministries, people, posts
from .sources import Sources, read_tsv

__all__ = ["build", "write", "stale", "HAND", "OUTPUTS", "REGISTERS_DIR"]

#: where the registers live (the package folder: in a checkout, src/kamerld/registers)
REGISTERS_DIR = Path(__file__).resolve().parents[1]
#: the hand-kept tables: only what no source has
HAND = REGISTERS_DIR / "hand"
#: the generated files and their columns, in the order they are written
OUTPUTS = {
    "ministries.tsv": ministries.COLUMNS,
    "posts.tsv": posts.COLUMNS,
    "fracties.tsv": fracties.COLUMNS,
    "persons.tsv": people.PERSON_COLUMNS,
    "memberships.tsv": people.MEMBERSHIP_COLUMNS,
    "document_types.tsv": doctypes.COLUMNS,
}


def _tsv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    out.write("\t".join(columns) + "\n")
    for row in rows:
        cells = [str(row.get(c, "")).replace("\t", " ").replace("\n", " ") for c in columns]
        out.write("\t".join(cells) + "\n")
    return out.getvalue()


def build(source_dir: Path, hand: Path = HAND) -> dict[str, str]:
    """{file name: TSV text} of every register, built from the sources."""
    src = Sources(source_dir)
    cabs = ministries.cabinets(src, hand)
    versions = ministries.ministries(src, hand, cabs)
    by_key = {v.key: v for v in versions}
    post_table = posts.PostTable(versions)
    fractie_table = fracties.FractieTable(src, hand)
    for r in read_tsv(hand / "posts.tsv"):
        where = str(hand / "posts.tsv")
        post_table.add_hand(r, by_key, ministries.day(r["begin"], where), ministries.day(r["end"], where))
    folk = people.People(src, hand, fractie_table, post_table, {c.begin for c in cabs})
    folk.build_memberships()
    post_list = post_table.rows()
    return {
        "ministries.tsv": _tsv(ministries.COLUMNS, ministries.ministry_rows(versions)),
        "posts.tsv": _tsv(posts.COLUMNS, posts.post_rows(post_list)),
        "fracties.tsv": _tsv(fracties.COLUMNS, fractie_table.table(folk.fractie_spans())),
        "persons.tsv": _tsv(people.PERSON_COLUMNS, folk.person_rows()),
        "memberships.tsv": _tsv(people.MEMBERSHIP_COLUMNS, folk.membership_rows()),
        "document_types.tsv": _tsv(doctypes.COLUMNS, doctypes.document_types(src, hand)),
    }


def write(source_dir: Path, out_dir: Path, hand: Path = HAND) -> dict[str, int]:
    """Build and write the registers into out_dir; {file name: rows written}."""
    files = build(source_dir, hand)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    return {name: text.count("\n") - 1 for name, text in files.items()}


def stale(source_dir: Path, out_dir: Path, hand: Path = HAND) -> list[str]:
    """The register files in out_dir that differ from what the sources build."""
    files = build(source_dir, hand)
    return [
        name
        for name, text in files.items()
        if not (out_dir / name).exists() or (out_dir / name).read_text(encoding="utf-8") != text
    ]
