"""The shortcuts that keep reading fast give exactly what the plain searches give."""

import random
import re

import pytest

from kamerld.extraction.phrases import marked_date
from kamerld.text import words
from kamerld.text.scan import ignorecase_start

# letters of the words searched, their other case, the four characters re.IGNORECASE matches with i,
# k and s that str.lower does not lower to them, and what surrounds words
_ALPHABET = "ontvagiksdumONTVAGIKSDUM\u0130\u0131\u017f\u212a é1(:\n"


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("word", ["ontvangen", "Datum", "sik", "KISS"])
def test_ignorecase_start_is_never_after_the_first_match(word):
    pattern = re.compile(re.escape(word), re.IGNORECASE)
    texts = _random_texts(20000, 1) + [f"x{word.upper()}y", f"({word.lower()} 1 mei 2024)", "İntvangen"]
    for text in texts:
        start = ignorecase_start(text, word)
        first = pattern.search(text)
        if first is None:
            assert start is None or pattern.search(text, start) is None, text
        else:
            assert start is not None and start <= first.start(), text
            assert pattern.search(text, start).start() == first.start(), text


def test_ignorecase_start_sees_the_odd_letters():
    # K (Kelvin sign) and ſ (long s) match k and s under re.IGNORECASE; str.lower keeps them
    assert re.search("kenmerk", "\u212aenmer\u212a", re.IGNORECASE)
    assert ignorecase_start("\u212aenmer\u212a", "kenmerk") == 0
    assert ignorecase_start("nothing here", "kenmerk") is None
    with pytest.raises(ValueError):
        ignorecase_start("text", "een woord")


def _plain_marked_date(text: str, word: str):
    from kamerld.text.dates import parse_dutch_date

    w = re.escape(word).replace(r"\ ", r"\s+")
    m = re.search(rf"\b{w}\b\s*:?\s*([^()\n]{{0,60}})", text, re.IGNORECASE)
    return parse_dutch_date(m.group(1)) if m else None


def test_marked_date_is_the_plain_search():
    heads = [
        "Vragen van het lid X (ingezonden 19 november 2024).\nAntwoord (Ontvangen 15 januari 2025)",
        "(Ont-vangen 15 januari 1975)", "Vastgesteld 20 juni 2016", "DATUM 20 juni 2016",
        "datum: 3 maart 2001", "ONTVANGEN\n3 maart 2001", "xOntvangen 3 maart 2001",
        "\u0130ngezonden 2 mei 1990", "Ingezonden 31 februari 1990", "",
    ]
    rng = random.Random(2)
    heads += [" ".join(rng.choice(["ontvangen", "Ingezonden", "datum", "(", ")", "3", "maart", "2001",
                                   "\n", "vastgesteld", "x"]) for _ in range(12)) for _ in range(3000)]
    for head in heads:
        for word in ("Ontvangen", "Ingezonden", "Vastgesteld", "Datum", "DATUM"):
            assert marked_date(head, word) == _plain_marked_date(head, word), (head, word)
    assert marked_date(heads[0], "Ontvangen").isoformat() == "2025-01-15"


def test_caps_pattern_is_word_bounded_capitals():
    plain = re.compile(r"\b[A-Z]{5,12}\b")
    rng = random.Random(3)
    for _ in range(50000):
        text = "".join(rng.choice("ABCDEFGÉé1_xa- \n.") for _ in range(rng.randint(0, 24)))
        fast = [m.span() for m in words._CAPS.finditer(text)]
        assert fast == [m.span() for m in plain.finditer(text)], text


def test_split_glued_is_the_same_with_the_token_memory_cold_or_warm():
    texts = ["Wij willen debehandeling vande zaak zien op19 september.",
             "GroenLinks en vanBuitenlandse Zaken", "Sportover zorg", "een gewone zin zonder fouten",
             "de behandeling van de zaak"]
    words._UNSPLIT.clear()
    cold = [words.split_glued(t) for t in texts]
    warm = [words.split_glued(t) for t in texts]
    assert cold == warm
    assert cold[0] == "Wij willen de behandeling van de zaak zien op 19 september."
    assert cold[1] == "GroenLinks en van Buitenlandse Zaken"
    assert cold[3] == texts[3] and "gewone" in words._UNSPLIT and "debehandeling" not in words._UNSPLIT


# ---- where a pattern's matches can start ---------------------------------------------------------


def test_starts_of_reads_the_first_characters_off_the_pattern():
    from kamerld.text.scan import starts_of

    starts = starts_of(re.compile(r"(?<![A-Za-z])(?:Tweede|Eerste)\s+Kamer"))
    assert {c for c in "TEKabc " if starts.match(c)} == {"T", "E"}
    starts = starts_of(re.compile(r"(?<![\w.])\(?(?:[1-3]\d{4}|\d?Z)"))
    assert {c for c in "(123Z4Za" if starts.match(c)} == {"(", "1", "2", "3", "Z", "4"}
    # a match may start with a lower-case letter, anything, nothing; case-insensitive: not worth it
    for pattern in (r"(?<!\w)nr\.", r"(?<!\w).x", r"(?<!\w)a?", r"(?i)(?<!\w)Kamer", r"[^a]b", r"(Z)?\1b"):
        assert starts_of(re.compile(pattern)) is None, pattern


def _texts_to_search() -> list[str]:
    """Texts with citations in every form, and random ones made of their characters."""
    from conftest import CORPUS

    koop = sorted((CORPUS / "txt-koop-pdf").glob("*.txt")) if CORPUS.is_dir() else []
    texts = [p.read_text("utf-8", errors="replace") for p in koop]
    texts += [
        "Kamerstuk 36 200-VII, nr. 77; Kamerstukken II 2023/24, 29 984, nr. 1207 en (22052, nr. 5).",
        "Aanhangsel Handelingen II 2024/25, nr. 571; Tweede Kamer, vergaderjaar 2024-2025, 36600-B, nr. 3",
        "zie 36740-VII-1, dossier 36200-VII, 2024Z10018 en Stb. 2023, 45; motie-Omtzigt (21501-32, nr. 1740)",
    ]
    rng = random.Random(4)
    pieces = ["Kamerstuk", "ken", " II ", "Tweede Kamer", "Handelingen", "Aanhangsel", " 36", "200", "-",
              "VII", ", nr. ", "5", "(", ")", "/", "2024", "Z", "Stb.", " ", "\n", "x", "nrs.", "dossier ",
              "blz. 3"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    return texts


def test_citation_rules_tried_where_they_can_start_find_what_finditer_finds():
    from kamerld.extraction import references
    from kamerld.text.scan import finditer_at

    texts = _texts_to_search()
    assert any(s is not None for s in references._STARTS)
    for (pattern, _handler), starts in zip(references._RULES, references._STARTS, strict=True):
        for text in texts:
            fast = [(m.span(), m.groups()) for m in finditer_at(pattern, starts, text)]
            plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert fast == plain, (pattern.pattern[:60], text)


def test_a_line_ends_a_sentence_as_the_pattern_says():
    from kamerld.readers.plaintext import _ends_sentence

    pattern = re.compile(r"[.?!:;»”\"')]\s*$")
    rng = random.Random(5)
    alphabet = ".?!:;»”\"')a \t\n\u00a0\u2028\u3000x\f\v\x1c"
    for _ in range(100000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert bool(pattern.search(line)) == _ends_sentence(line), repr(line)


def test_every_citation_rule_that_matches_passes_its_gate():
    """A gate says what every match of its rule contains: a text a rule matches passes the gate."""
    from kamerld.extraction import references

    for text in _texts_to_search():
        facts = references._Facts(text)
        for order, (pattern, _handler) in enumerate(references._RULES):
            if pattern.search(text):
                assert references._GATES[order](facts), (order, text)


def test_list_numbers_are_looked_for_only_in_a_paragraph_that_holds_them():
    from kamerld.extraction.qa import _may_number, _next_number

    rng = random.Random(6)
    pieces = ["? ", ". ", "2", "11", "II", "IV", ". ", "Ad ", "ad ", "en ", "t/m ", "Het ", "Zo ja", "°",
              ", ", "x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        pos = rng.randint(0, len(text))
        for n in (1, 2, 4, 11, 12):
            if _next_number(n).search(text, pos):
                assert _may_number(text, pos, n), (n, pos, text)
    # past X there is no Roman numeral: a full stop or "Ad" alone is no list label
    assert _next_number(11).search("Is dat zo? . Het is zo.") is None
    assert _next_number(11).search("Is dat zo? Ad Het is zo.") is None
    assert _next_number(11).search("Is dat zo? 11 Het is zo.").group("label") == "11"
    assert _next_number(2).search("Is dat zo? II. Het is zo.").group("label") == "II."


def _word_list(text: str) -> set[str]:
    """Every word and hyphenated compound the text writes, and each part and pair of parts of one:
    the word list the line joiner used to build for each document."""
    out = set(re.findall(r"\w+(?:-\w+)*", text))
    for word in [w for w in out if "-" in w]:
        parts = word.split("-")
        out.update(parts)
        out.update("-".join(parts[i:i + 2]) for i in range(len(parts) - 1))
    return out


def test_a_word_is_written_when_the_word_list_holds_it():
    from kamerld.text.joining import _written

    rng = random.Random(7)
    pieces = ["ab", "cd", "abcd", "-", " ", "\n", "é", "_", "1", ".", "x-", "-ab"]
    candidates = ["ab", "cd", "abcd", "ab-cd", "cd-ab", "x-ab", "é", "b-c", "ab-x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        words = _word_list(text)
        for word in candidates:
            assert _written(text, word) == (word in words), (text, word)


def _split_tokens_one_by_one(text: str) -> str:
    """split_glued's last step as written first: every token looked up in turn."""
    out, last = [], 0
    for m in words._TOKEN.finditer(text):
        split = words._best_split(m[0])
        if split is not None:
            out += (text[last:m.start()], split)
            last = m.end()
    return "".join((*out, text[last:]))


def test_glued_tokens_are_split_where_finditer_finds_them():
    rng = random.Random(8)
    pieces = ["vande", "debehandeling", "zaak", "inhet", " ", "\n", "-", "/", "@", ".", ":", "a", "É", "1",
              "opde", "ervan"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    texts += ["Wij willen debehandeling vande zaak zien, vande vande.", "e-mail vande www.vande.nl/opde"]
    for text in texts:
        words._UNSPLIT.clear()  # cold and warm
        for _ in range(2):
            steps = words._TAIL_FUNCTION.sub(words._tail, text)  # the steps before, as split_glued runs them
            if words._LETTER_DIGIT.search(steps) or words._LOWER_UPPER.search(steps):
                continue  # those steps change the text first: compared on the texts without them
            assert words.split_glued(text) == _split_tokens_one_by_one(steps), text


def test_the_classifier_searches_find_what_the_plain_searches_find():
    from kamerld.extraction import classify
    from kamerld.text.scan import search_at, search_from_words

    rng = random.Random(9)
    pieces = ["Tweede", "TWEEDE", "eerste", "Kamer", "kamer", "\n", " ", "Aanhangsel", "AANHANGSEL",
              "van de", "Handelingen", "tot het Verslag", "TOT HET VERSLAG", "x", "İ",
              "MEMORIE VAN ANTWOORD", "Memorie van antwoord", "Nr. 3 ", "LIJST VAN VRAGEN",
              "Mededeling van ", "VERSLAG", "ſ", "Tweedekamer"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        for pattern, opening in ((classify._CHAMBER, ("tweede", "eerste")),
                                 (classify._AANHANGSEL, ("aanhangsel",))):
            fast, plain = search_from_words(pattern, text, *opening), pattern.search(text)
            assert (fast and fast.span()) == (plain and plain.span()), (pattern.pattern, text)
        for kp in classify.kind_patterns():
            fast, plain = search_at(kp.pattern, text), kp.pattern.search(text)
            assert (fast and fast.span()) == (plain and plain.span()), (kp.pattern.pattern, text)


def test_zipf_table_gives_wordfreqs_frequency_for_every_plain_word():
    """The table of plain words (`words._zipf_table`) against wordfreq's own lookup: the first and
    last plain word of every bucket of the Dutch list, every tenth word, and words that are not in it
    (a letter added, the word reversed)."""
    import wordfreq

    assert words._frequency_list() == wordfreq.get_frequency_list("nl")  # read as wordfreq reads it
    table = words._zipf_table()
    plain = [w for w in wordfreq.get_frequency_dict("nl") if words._PLAIN_WORD.fullmatch(w)]
    assert len(plain) > 250_000
    ends = [w for bucket in wordfreq.get_frequency_list("nl")
            for w in (bucket[:1] + bucket[-1:]) if words._PLAIN_WORD.fullmatch(w)]
    absent = [w + "q" for w in plain[::100]] + [w[::-1] for w in plain[::100]]
    for word in ends + plain[::10] + absent:
        assert table.get(word, 0.0) == wordfreq.zipf_frequency(word, "nl"), word
    # what is not a plain word goes to wordfreq itself: the same as before
    words.zipf.cache_clear()
    for word in ("straße", "covid19", "oud-minister", "a÷b", "'s"):
        assert words.zipf(word) == wordfreq.zipf_frequency(word, "nl"), word


def test_name_norm_gives_the_same_with_its_ascii_shortcut():
    """`registers.names.norm` skips NFKD for ASCII text: the same keys as the plain definition."""
    import unicodedata

    from kamerld.registers.names import _DASHES, norm

    def plain(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _DASHES.sub("-", text.lower())
        text = re.sub(r"[^a-z0-9&'\- ]+", " ", text)
        return re.sub(r"\s+", " ", text).strip(" -")

    rng = random.Random(3)
    alphabet = "abcXYZ .-'&\t\n\u2013é\u00b4\ufb0112(K"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    texts += [chr(i) for i in range(0x250)] + ["Muller-van Ast", "Kostic ´", "Noote- boom", "Daniëlle"]
    for text in texts:
        assert norm(text) == plain(text), text


def test_camel_case_is_split_only_where_the_whole_pattern_would_split_it():
    """`words._split_camel` hands the pattern only the runs of letters around a lower-to-upper step."""
    rng = random.Random(7)
    pieces = [*"abeéëzABÉÀÞ×÷ßZ09 -/.@:_\n", "van", "Van", "Handel", "Groen", "Links", "buiten", "landse",
              "Pvd", "Unie", "Buitenlandse", "Zaken"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(30000)]
    texts += ["BuitenlandseHandel en vanBuitenlandse", "GroenLinks-PvdA", "a@bC x/yZz", "éénTwee", "vanDe"]
    for text in texts:
        assert words._split_camel(text) == words._CAMEL.sub(words._camel, text), text
    assert words._split_camel("vanBuitenlandse HandelZaken") == "van Buitenlandse Handel Zaken"


def test_a_literal_is_written_as_it_is_exactly_when_n_triples_escapes_nothing_in_it():
    from kamerld.writers import fast

    rng = random.Random(8)
    chars = [chr(c) for c in range(0x250)] + ["\u2028", "\u00a0", "\ufeff", "\U0001F600", "\ud800", "\ufffe"]
    for _ in range(50000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))
        assert fast._plain(text) == (fast._NT_ESCAPED.search(text) is None), repr(text)


def test_the_coarse_unsafe_scan_misses_no_unsafe_character():
    from kamerld.sources import chars

    rng = random.Random(9)
    pool = [chr(c) for c in [*range(0x300), 0xD800, 0xDFFF, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFE, 0xFFFF,
                             0x10000, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF, 0x1F600]]
    for _ in range(50000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 5)))
        assert chars.has_unsafe(text) == (chars.UNSAFE.search(text) is not None), repr(text)
        assert chars.clean_input(text)[0] == chars.UNSAFE_IN_INPUT.sub("", text), repr(text)


def test_page_counter_totals_and_split_question_numbers_are_the_plain_patterns():
    """plaintext's page counters count N/M totals from findall's strings ("8" and "08" are one total);
    the split question number is found by its digit instead of by (?m)^."""
    from collections import Counter

    from kamerld.readers import plaintext

    full = re.compile(r"(\d(?<![\d/]\d)\d?)/(\d{1,2})(?![\d/])")
    split = re.compile(r"(?m)^(\d{1,2}\s?[A-Z])\n(?=[a-z])")
    rng = random.Random(10)
    texts = ["".join(rng.choice("12 08/\nIsaB9x") for _ in range(rng.randint(0, 40))) for _ in range(30000)]
    for text in texts:
        totals: Counter[int] = Counter()
        for written, times in Counter(plaintext._COUNTER.findall(text)).items():
            totals[int(written)] += times
        expected = Counter(int(m.group(2)) for m in full.finditer(text))
        assert totals == expected and totals.most_common(1) == expected.most_common(1), text
        assert plaintext._SPLIT_CAPITAL.sub(r"\1", text) == split.sub(r"\1", text), text


def test_one_furniture_pattern_matches_the_lines_one_of_the_eight_matches():
    from kamerld.readers import plaintext

    lines = ["Pagina 2 van 8", "pagina 2 van 8 ", "ISSN 0921-7398", "issn 0921 - 739X", "Sdu Uitgeverij",
             "SDU uitgeverij", "'s-Gravenhage 2024", "’s Gravenhage 1990", "Vel 12.", "ah-tk-20242025-1",
             "kst-36200-77", "Handelingen der Staten-Generaal. Bijlagen 1990-1991",
             "Tweede Kamer, zitting 1982-1983, Aanhangsel 12", "TWEEDE KAMER, ZITTING 1982–83, AANHANGSEL",
             "Vraag 1", "Antwoord van minister X", "", "Vel", "2 Is het waar?"]
    rng = random.Random(11)
    lines += ["".join(rng.choice("PaginvISSN 0123-X'sGravenhageVel.ah-tk") for _ in range(rng.randint(0, 24)))
              for _ in range(20000)]
    for line in lines:
        assert (plaintext._ANY_FURNITURE.match(line) is not None) == any(
            p.match(line) for p in plaintext._FURNITURE), line


def test_a_line_of_one_word_is_found_as_the_anchored_pattern_finds_it():
    from kamerld.text.scan import has_line

    rng = random.Random(11)
    # the word, longer words holding it, and every kind of white space: "\n" ends a line for ^ and $,
    # the others (\r, \v, \x1c, \u2028, the no-break space) are white space inside a line
    pieces = ["Antwoord", "Kenmerk", "Antwoorden", "xAntwoord", " ", "\t", "\n", "\n", "\r", "\x0b", "\x1c",
              "\u2028", "\xa0", "x", ":"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    texts += ["Antwoord", "\n  Antwoord  \n", "Antwoord:\n", "De vraag\nAntwoord\nHet antwoord", ""]
    for word in ("Antwoord", "Kenmerk"):
        pattern = re.compile(rf"^\s*{word}\s*$", re.M)
        for text in texts:
            assert has_line(text, word) == (pattern.search(text) is not None), (word, text)


def test_the_page_line_is_looked_for_only_where_pagina_opens_a_line():
    from kamerld.readers import letter_text
    from kamerld.text.scan import has_line_match

    rng = random.Random(12)
    pieces = ["Pagina", "pagina", "PAGINA", " 3 van 9", " 1 van 2 x", "\n", "\n", " ", "\t", "Kenmerk", "ſ",
              "Pagina's", "x", "İ", "pagına", "\r"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    texts += ["Pagina 1 van 2", "tekst\n  Pagina 3 van 9  \nmeer", "op pagina 3 van 9", ""]
    for text in texts:
        plain = letter_text._PAGE.search(text) is not None
        assert has_line_match(letter_text._PAGE, text, "pagina") == plain, text


def test_the_kind_heading_is_the_first_row_of_the_table_a_head_block_matches():
    from kamerld.extraction import classify
    from kamerld.readers.blocks import Block

    def plain(head):
        best = None
        for row, kp in enumerate(classify.kind_patterns()):
            for i, b in enumerate(head):
                if kp.pattern.search(b.text[:3000]):
                    if best is None or row < best[0]:
                        best = (row, i, kp)
                    break
        return None if best is None else (best[1], best[2])

    rng = random.Random(13)
    pieces = ["MEMORIE VAN ANTWOORD", "Mededeling van ", "LIJST VAN VRAGEN EN ANTWOORDEN", "VERSLAG",
              "Verslag van een schriftelijk overleg", "NOTA NAAR AANLEIDING VAN HET VERSLAG",
              "Brief van de minister", "EINDVERSLAG", "Nr. 3", "\n", " ", "x", "Vastgesteld 2 mei 2024"]
    for _ in range(3000):
        head = [Block("".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))))
                for _ in range(rng.randint(0, 6))]
        assert classify._kind_heading(head) == plain(head), [b.text for b in head]
