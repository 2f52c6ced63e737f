"""Generate a large corpus in the real layouts kamerld reads, deterministically (seeded).

Layouts, modelled on the shared corpus and examples/ (shares in `CYCLE`):
  koop-pdf-ah    KOOP PDF text of an Aanhangsel (questions with answers), like txt-koop-pdf/ah-*.txt
  koop-pdf-kv    KOOP PDF text of Kamervragen (questions only, footnotes), like txt-koop-pdf/kv-*.txt
  koop-xml       KOOP officiele-publicatie XML, like examples/koop-xml/
  ministry       ministry answer letter text, like txt-ministry-docx/AH*.txt
  docx, pdf      the same letters as Word files and as PDFs with a text layer
  letter         schriftelijk-overleg answer letter, like examples/letter-text/
  notice+answer  a mededeling (the answer is late) and the later answer that refers to it: linked

Like the real documents: questions of about 190 characters and answers of about 600 (the corpus
Aanhangsels: 193 and 661 on average), a long tail of question counts (median about 7, up to 73),
grouped answers ("Antwoord 2 en 3"), citations (Kamerstuk, Handelingen, Aanhangsel, web links),
footnotes, real fractie, member and minister names.

    python bench/generate.py OUT -n 10000 --seed 1
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from xml.sax.saxutils import escape

# (name as printed, fractie as printed): members of the Tweede Kamer in 2024-2025
MEMBERS = [
    ("Krul", "CDA"), ("Boswijk", "CDA"), ("Van Houwelingen", "FVD"), ("Slagt-Tichelman", "GroenLinks-PvdA"),
    ("Kathmann", "GroenLinks-PvdA"), ("Westerveld", "GroenLinks-PvdA"), ("Mutluer", "GroenLinks-PvdA"),
    ("Temmink", "SP"), ("Van Nispen", "SP"), ("Beckerman", "SP"), ("Kostic", "PvdD"), ("Erkens", "VVD"),
    ("Martens-America", "VVD"), ("Koekkoek", "Volt"), ("Postma", "NSC"), ("Vlottes", "PVV"),
    ("Ceder", "ChristenUnie"), ("Grinwis", "ChristenUnie"), ("Eerdmans", "JA21"), ("Teunissen", "PvdD"),
]
# (title, name as printed, ministry as printed)
ANSWERERS = [
    ("Minister", "Van Weel", "Justitie en Veiligheid"),
    ("Staatssecretaris", "Coenradie", "Justitie en Veiligheid"),
    ("Minister", "Faber-Van de Klashorst", "Asiel en Migratie"),
    ("Minister", "Veldkamp", "Buitenlandse Zaken"),
    ("Minister", "Hermans", "Klimaat en Groene Groei"),
    ("Minister", "Agema", "Volksgezondheid, Welzijn en Sport"),
    ("Minister", "Bruins", "Onderwijs, Cultuur en Wetenschap"), ("Staatssecretaris", "Achahbar", "Financiën"),
    ("Staatssecretaris", "Jansen", "Infrastructuur en Waterstaat"),
    ("Minister", "Wiersma", "Landbouw, Visserij, Voedselzekerheid en Natuur"),
]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
SUBJECTS = ["de wachttijden bij het niet-noodnummer van de politie",
            "zorg voor zwangere vrouwen in opvanglocaties",
            "de sluiting van het politiebureau in Wolvega", "de ontbossingswet",
            "correspondentie met de NAVO",
            "stikstofruimte voor natuurvergunningen", "het lerarentekort in het primair onderwijs",
            "de kosten van de energietransitie voor huishoudens", "de bereikbaarheid van de Waddeneilanden",
            "vergunningverlening aan escortbureaus"]
QUESTIONS = ["Bent u bekend met het bericht over {s}?", "Wat is uw reactie op het rapport over {s}?",
             "Hoeveel meldingen zijn er in 2023 gedaan over {s}?",
             "Welke maatregelen neemt u om de problemen rond {s} te verminderen?",
             "Bent u bereid de Kamer voor het einde van het jaar te informeren over {s}?",
             "Kunt u per provincie aangeven hoe het staat met {s}?"]
ANSWERS = ["Ja, ik ben bekend met het bericht.", "Het kabinet neemt de zorgen over {s} serieus.",
           "Het kabinet heeft kennisgenomen van de berichten over {s} en heeft deze zorgen bij de betrokken "
           "organisaties kenbaar gemaakt; zij monitoren de uitvoering van de programma’s en voeren hierover "
           "een dialoog met de uitvoerende partners.",
           "Uit de gegevens van het Centraal Bureau voor de Statistiek blijkt dat het aantal meldingen over "
           "{s} in de afgelopen drie jaar is gestegen, met de grootste toename in de grote steden.",
           "Ik vind het van groot belang dat de lopende onderzoeken voortvarend worden uitgevoerd, inclusief "
           "de maatregelen die daaruit voortvloeien, en ik zal uw Kamer in het eerste kwartaal van 2025 "
           "over de uitkomsten informeren.",
           "Deze cijfers worden niet centraal bijgehouden.",
           "Ik verwijs naar de brief die ik uw Kamer eerder stuurde over {s}.",
           "In het voorjaar informeer ik uw Kamer over de voortgang.",
           "Daarover is overleg gaande met de betrokken partijen; de uitkomst verwacht ik na de zomer."]


def _cite(rng: random.Random) -> str:
    k = rng.randrange(4)
    if k == 0:
        return f"Kamerstuk {rng.randint(21000, 36600)}, nr. {rng.randint(1, 400)}"
    if k == 1:
        return f"Handelingen II 2024/25, nr. {rng.randint(1, 60)}, item {rng.randint(1, 20)}"
    if k == 2:
        return f"Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. {rng.randint(100, 3000)}"
    return f"https://nos.nl/artikel/{rng.randint(2400000, 2600000)}"


def _date(rng: random.Random, month: int | None = None) -> str:
    return f"{rng.randint(1, 28)} {MONTHS[(month or rng.randint(1, 12)) - 1]} 2024"


def _sentences(rng: random.Random, pool: list[str], subject: str, n: int) -> str:
    return " ".join(rng.choice(pool).format(s=subject) for _ in range(n))


def _askers(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    members = rng.sample(MEMBERS, 1 if rng.random() < 0.6 else 2)
    if len(members) == 1:
        return f"het lid {members[0][0]} ({members[0][1]})", members
    (a, fa), (b, fb) = members
    if fa == fb:
        return f"de leden {a} en {b} (beiden {fa})", members
    return f"de leden {a} ({fa}) en {b} ({fb})", members


def _plan(rng: random.Random) -> tuple[int, list[list[int]]]:
    """Number of questions and the answer groups ([[1], [2, 3], [4]]: one answer to 2 and 3)."""
    # a long tail, as in the Aanhangsels (corpus: median 9, up to 24 there and 73 elsewhere)
    n = max(1, min(73, int(rng.lognormvariate(2.0, 0.6))))
    groups, i = [], 1
    while i <= n:
        if i < n and rng.random() < 0.15:
            groups.append([i, i + 1])
            i += 2
        else:
            groups.append([i])
            i += 1
    return n, groups


def koop_pdf(rng: random.Random, nr: int, with_answers: bool, notice: bool = False,
             see_also: int | None = None, seed_rng: random.Random | None = None) -> tuple[str, str]:
    """KOOP PDF text: Kamervragen (questions), an Aanhangsel (questions and answers), or with `notice`
    the Aanhangsel of a mededeling (the answer is late). `see_also`: the number of the mededeling an
    answer follows ("Zie ook Aanhangsel Handelingen, ..., nr. N"); `seed_rng` gives the notice and
    its answer the same questions."""
    pick = seed_rng or rng
    subject = pick.choice(SUBJECTS)
    who, _ = _askers(pick)
    title, name, ministry = pick.choice(ANSWERERS)
    n, groups = _plan(pick)
    zaak = f"2024Z{nr % 100000:05d}" if see_also is None else f"2024Z{see_also % 100000:05d}"
    notes: list[str] = []
    lines = ["Tweede Kamer der Staten-Generaal2"]
    if with_answers or notice:
        lines += ["Vergaderjaar 2024–2025 Aanhangsel van de Handelingen",
                  "Vragen gesteld door de leden der Kamer, met de daarop door de",
                  "regering gegeven antwoorden", str(nr)]
    else:
        lines += ["Vergaderjaar 2024–2025 Vragen gesteld door de leden der Kamer", " ", zaak]
    vragen = "Vraag" if n == 1 else "Vragen"
    lines += [f"{vragen} van {who} aan de {title} van {ministry} over {subject} (ingezonden "
              f"{_date(pick, 10)})."]
    if notice:
        lines += [f"Mededeling van {title} {name} ({ministry}) (ontvangen", f"{_date(rng, 11)})."]
    elif with_answers:
        later = (f" Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. {see_also}."
                 if see_also is not None else "")
        lines += [f"Antwoord van {title} {name} ({ministry}) (ontvangen", f"{_date(rng, 12)}).{later}"]
    by_first = {g[0]: g for g in groups}
    for q in range(1, n + 1):
        lines += [f"Vraag {q}", _sentences(pick, QUESTIONS, subject, pick.randint(1, 4))]
        if pick.random() < 0.2:
            notes.append(_cite(pick))
            lines[-1] += f" {len(notes)}"
        if with_answers and not notice and q in by_first:
            g = by_first[q]
            head = f"Antwoord {g[0]}" if len(g) == 1 else f"Antwoord {g[0]} en {g[1]}"
            text = _sentences(rng, ANSWERS, subject, rng.randint(2, 11))
            if rng.random() < 0.3:
                text += f" Zie ook {_cite(rng)}."
            lines += [head, text]
    if notice:
        lines += ["Mededeling", f"De vragen van {who} over {subject} ({zaak}) kunnen tot mijn spijt niet "
                  "binnen de gebruikelijke termijn worden beantwoord. De reden van het uitstel is dat de "
                  "afstemming ten behoeve van de beantwoording meer tijd vergt. Ik zal u zo spoedig mogelijk "
                  "de antwoorden op de Kamervragen doen toekomen."]
    lines += [f"{i}{c}." for i, c in enumerate(notes, 1)]
    doc_id = f"ah-tk-20242025-{nr}" if with_answers or notice else f"kv-tk-{zaak}"
    kind = "Aanhangsel" if with_answers or notice else "Vragen"
    lines += ["   ", doc_id, f"’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2024–2025, {kind}"]
    return doc_id + ".txt", "\n".join(lines) + "\n"


def ministry(rng: random.Random, nr: int) -> tuple[str, str]:
    subject = rng.choice(SUBJECTS)
    title, name, ministry_name = rng.choice(ANSWERERS)
    n, groups = _plan(rng)
    zaak = f"2024Z{nr % 100000:05d}"
    lines = [f"AH {nr}", zaak, f"Antwoord van {title.lower()} {name} ({ministry_name}) (ontvangen "
             f"{_date(rng, 11)})", ""]
    notes: list[str] = []
    by_first = {g[0]: g for g in groups}
    for q in range(1, n + 1):
        text = _sentences(rng, QUESTIONS, subject, rng.randint(1, 4))
        if rng.random() < 0.25:
            notes.append(_cite(rng))
            text += f" {len(notes)})"
        lines += [f"Vraag {q}", text, ""]
        if q in by_first:
            g = by_first[q]
            head = f"Antwoord op vraag {g[0]}" if len(g) == 1 else f"Antwoord op vraag {g[0]} en {g[1]}"
            lines += [head, _sentences(rng, ANSWERS, subject, rng.randint(2, 11)), ""]
    lines += [" ", ""] + [f"{i}) {c}" for i, c in enumerate(notes, 1)]
    return f"AH{nr}-{zaak}.txt", "\n".join(lines) + "\n"


def letter(rng: random.Random, nr: int) -> tuple[str, str]:
    subject = rng.choice(SUBJECTS)
    fracties = sorted({f for _, f in rng.sample(MEMBERS, 3)})
    kenmerk = f"2024-{nr:010d}"
    lines = ["Kenmerk", kenmerk,
             "Hierbij beantwoord ik de vragen en opmerkingen die de vaste commissie voor",
             f"Binnenlandse Zaken heeft ingebracht in het schriftelijk overleg over {subject}.",
             "De vragen zijn in de volgorde van de inbreng opgenomen en voorzien van een antwoord.", ""]
    q = 0
    for f in fracties:
        for k in range(rng.randint(1, 3)):
            q += 1
            opening = f"De leden van de {f}-fractie hebben kennisgenomen van de stukken. Zij" if k == 0 \
                else "Deze leden"
            asked = _sentences(rng, QUESTIONS, subject, 1).lower()
            answer = _sentences(rng, ANSWERS, subject, rng.randint(2, 9))
            if rng.random() < 0.3:
                answer += f" ({_cite(rng)})."
            lines += [f"{q}. {opening} vragen {asked}", "", "Antwoord", answer, ""]
    lines += ["Pagina 1 van 1"]
    return f"so-brief-{nr}.txt", "\n".join(lines) + "\n"


def koop_xml(rng: random.Random, nr: int) -> tuple[str, str]:
    subject = rng.choice(SUBJECTS)
    who, _ = _askers(rng)
    title, name, ministry_name = rng.choice(ANSWERERS)
    n, groups = _plan(rng)
    doc_id = f"ah-tk-20242025-{nr}"
    body = []
    by_last = {g[-1]: g for g in groups}
    for q in range(1, n + 1):
        text = escape(_sentences(rng, QUESTIONS, subject, rng.randint(1, 4)))
        if rng.random() < 0.25:
            k, d = rng.randint(21000, 36600), rng.randint(1, 400)
            text += (f'<noot id="ID-{nr}-{q}" type="voet"><noot.nr>{q}</noot.nr><noot.al><extref '
                     f'doc="kst-{k}-{d}" soort="document" status="actief">Kamerstuk {k}, nr. {d}</extref>.'
                     f"</noot.al></noot>")
        body.append(f"      <vraag>\n        <nr>Vraag {q}</nr>\n        <al>{text}</al>\n      </vraag>")
        if q in by_last:
            g = by_last[q]
            head = f"Antwoord {g[0]}" if len(g) == 1 else f"Antwoord {g[0]} en {g[1]}"
            text = escape(_sentences(rng, ANSWERS, subject, rng.randint(2, 11)))
            body.append(f"      <antwoord>\n        <nr>{head}</nr>\n        <al>{text}</al>\n"
                        "      </antwoord>")
    vragen = "Vraag" if n == 1 else "Vragen"
    meta = f"https://zoek.officielebekendmakingen.nl/{doc_id}/metadata.xml"
    asked = (f"{vragen} van {escape(who)} aan de {title.lower()} van {escape(ministry_name)} over "
             f"{escape(subject)} (ingezonden {_date(rng, 9)}).")
    answered = (f"Antwoord van {title.lower()} {escape(name)} ({escape(ministry_name)}) "
                f"(ontvangen {_date(rng, 10)}).")
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <meta name="OVERHEIDop.externMetadataRecord" scheme="" content="{meta}" />
  </metadata>
  <kop>
    <titel>Tweede Kamer der Staten-Generaal</titel>
    <subtitel>Vergaderjaar 2024–2025</subtitel>
  </kop>
  <aanhangsel>
    <kamervragen>
      <kamervraagkop>
        <kamervraagnummer>{nr}</kamervraagnummer>
        <kamervraagomschrijving>{asked}</kamervraagomschrijving>
        <kamervraagomschrijving>{answered}</kamervraagomschrijving>
      </kamervraagkop>
{chr(10).join(body)}
    </kamervragen>
  </aanhangsel>
</officiele-publicatie>
"""
    return f"{doc_id}.xml", xml


def _docx(text: str) -> bytes:
    """A Word file holding the text, one paragraph a line (what a ministry's letter export holds)."""
    import io
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                    for line in text.splitlines())
    members = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
        'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
        f"{paras}</w:body></w:document>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _pdf(text: str, lines_per_page: int = 48) -> bytes:
    """A PDF with a text layer (Helvetica, WinAnsi), the text's lines 48 to a page, as a scanner-free
    export from a word processor would give."""
    all_lines = text.splitlines()
    pages = [all_lines[i:i + lines_per_page] for i in range(0, len(all_lines), lines_per_page)] or [[]]

    def esc(line: str) -> bytes:
        raw = line.encode("cp1252", "replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3 + 2 * len(pages)
    for i, page in enumerate(pages):
        stream = b"\n".join([b"BT /F1 10 Tf 12 TL 56 800 Td", *(b"(" + esc(x) + b") Tj T*" for x in page),
                             b"ET"])
        kids.append(f"{3 + 2 * i} 0 R")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font}"
                    f" 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


#: one cycle of 20 slots, in about the shares of the Kamer's written questions: Aanhangsels with
#: answers most, Kamervragen, KOOP XML, ministry letters as text, Word and PDF, schriftelijk-overleg
#: letters, and a mededeling with the later answer that refers to it (two documents, linked)
CYCLE = (["koop-pdf-ah"] * 6 + ["koop-pdf-kv"] * 4 + ["koop-xml"] * 3 + ["ministry"] * 2 + ["letter"] * 2
         + ["notice+answer", "docx", "pdf"])
LAYOUTS = tuple(dict.fromkeys(CYCLE))


def generate(out: Path, n: int = 10_000, seed: int = 1, per_folder: int = 1000) -> list[Path]:
    """Write n documents under out/, layouts in turn, at most `per_folder` files a folder."""
    rng = random.Random(seed)
    paths: list[Path] = []
    i = 0
    while len(paths) < n:
        layout = CYCLE[i % len(CYCLE)]
        nr = 10_000 + i  # unique numbers: every document has its own id
        files: list[tuple[str, str | bytes]] = []
        if layout == "koop-pdf-ah":
            files.append(koop_pdf(rng, nr, True))
        elif layout == "koop-pdf-kv":
            files.append(koop_pdf(rng, nr, False))
        elif layout == "ministry":
            files.append(ministry(rng, nr))
        elif layout == "docx":
            name, text = ministry(rng, nr)
            files.append((name.replace(".txt", ".docx"), _docx(text)))
        elif layout == "pdf":
            name, text = ministry(rng, nr)
            files.append((name.replace(".txt", ".pdf"), _pdf(text)))
        elif layout == "letter":
            files.append(letter(rng, nr))
        elif layout == "notice+answer":
            state = random.Random(rng.random())  # the same questions in both
            notice_nr = 500_000 + i
            files.append(koop_pdf(rng, notice_nr, False, notice=True, seed_rng=random.Random(state.random())))
            files.append(koop_pdf(rng, nr, True, see_also=notice_nr, seed_rng=random.Random(state.random())))
        else:
            files.append(koop_xml(rng, nr))
        for name, data in files[: n - len(paths)]:
            folder = out / layout / f"{len(paths) // per_folder:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
            paths.append(path)
        i += 1
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = generate(args.out, args.n, args.seed)
    print(f"{len(paths)} documents in {args.out}")


if __name__ == "__main__":
    main()
