"""A long ministry name with one slip of the pen still resolves; a different ministry never does."""

from __future__ import annotations

from datetime import date

from conftest import corpus_file

from kamerld.batch.pipeline import read_documents
from kamerld.registers import get_registers
from kamerld.sources import Source

BZK = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034"


def test_real_letter_with_a_typo():
    # jenv-beantwoording-02.docx signs "mede namens de minister van Binnenlandse Zaken en
    # Koninkrijkrelaties" (sic, without the s)
    [doc] = read_documents(Source.from_path(corpus_file("docx-ministry/jenv-beantwoording-02.docx")))
    co = [m for m in doc.answerers[1:] if m.portfolio and "Koninkrijkrelaties" in m.portfolio]
    assert len(co) == 1
    assert co[0].post is not None and co[0].post.ministry.uri == BZK
    assert not [n for n in doc.notices if n.message.startswith("not in the registers")]


def test_one_edit_only_for_long_unique_names():
    regs = get_registers()
    on = date(2024, 5, 1)
    assert regs.ministry("Binnenlandse Zaken en Koninkrijkrelaties", on).uri == BZK
    assert regs.ministry("Financien", on).uri.endswith("mnre1090")  # diacritics are normalised anyway
    assert regs.ministry("Defensei", on) is None  # short names: no tolerance
    assert regs.ministry("Economische Zaken en Klimaatt", on) is not None


def test_a_post_title_with_a_slip_resolves_in_a_plural_addressee():
    # the same letter addresses "de ministers van Justitie en Veiligheid en Binnenlandse Zaken en
    # Koninkrijkrelaties": two posts, where only the registers can tell where the first name ends
    [doc] = read_documents(Source.from_path(corpus_file("docx-ministry/jenv-beantwoording-02.docx")))
    slugs = [m.post.slug for m in doc.addressees if m.post is not None]
    assert slugs == ["minister-van-justitie-en-veiligheid",
                     "minister-van-binnenlandse-zaken-en-koninkrijksrelaties"]


def test_post_titles_get_one_edit_only_when_long_and_unique():
    regs = get_registers()
    on = date(2024, 5, 1)
    assert [p.slug for p in regs.posts("minister van Volksgezondheid, Welzijn en Sprt", on)] == [
        "minister-van-volksgezondheid-welzijn-en-sport"]
    assert regs.posts("minister voor Klimaat en Energi", on) == []  # short titles: no tolerance
    assert regs.posts("minister van Asiel en Migrati", on) == []
