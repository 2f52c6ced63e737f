"""Text as people read it: words that PDF extraction ran together are split, words that a line break
hyphenated are joined, where a Dutch word list says so.

The word list is wordfreq's Dutch frequency list (well kept, Apache-2.0 code, CC-BY-SA data), read
once per process. Three repairs, each careful not to touch what is written on purpose:

* a function word glued to the next word or a number ("vande", "inde", "debehandeling",
  "hetorganiseren", "op19 september", "november2024"): split when the glued form is rare and both
  parts are words. Compounds of two content words ("premieverhogingen") are never split: the list
  cannot tell them from a lost space, so the text keeps what was printed.
* a hyphen and a space inside a word, left by flattening a hyphenated line end ("laag- geletterdheid"):
  joined when the whole is a word.
* a hyphen inside a word from a line end of the printed page, kept by OCR ("Hinderwetver-gunning",
  "werkloos-heids-uitkering"): joined when the whole is a word and Dutch spelling does not need the
  hyphen (a vowel clash as in "zee-egel", a prefix as in "oud-minister", a capital after it).

And one repair of OCR only: a capitalised heading word with one letter misread ("VEAGEN", "ANTWOOED",
"VEESLAG" in a 1946 scan that read every R as E) is put back when it is one substitution away from
exactly one of the words that head parliamentary papers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .joining import HYPHEN_PREFIXES, keep_hyphen

__all__ = ["readable", "split_glued", "join_broken", "zipf", "repair_caps_heads"]

# the capitalised words that head items and papers, which the grammars look for
HEAD_WORDS = (
    "VRAGEN", "VRAAG", "ANTWOORD", "ANTWOORDEN", "MEDEDELING", "VERSLAG", "MEMORIE", "AANHANGSEL",
    "HANDELINGEN", "VOORLOPIG", "EINDVERSLAG", "REGEERING", "REGERING", "BIJLAGEN",
)
# \b[A-Z]{5,12}\b, opening with its first letter (see _TOKEN below): a third of the time
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{4,11}\b")

# closed-class words that PDF text glues to their neighbours
FUNCTION_WORDS = frozenset(
    """de het een van in op te aan met voor door om bij naar over tot uit als dat die dit deze en of
    maar niet ook nog wel er is zijn was werd wordt worden heeft hebben had u ik we wij zij hij ze
    zich hun haar ons mijn uw geen meer al dan zo""".split()
)
# which glued function word may be split off at which side: never a particle that also starts a
# compound or a separable verb ("uitbetalende", "opvolgen", "aanpak", "doorgaan", "overleg")
_LEFT = frozenset("de het een van dat die dit deze en is zijn u we wij zij hij ze ik er".split())
_RIGHT = frozenset("het een van".split())  # never "de" or "en": Dutch words end in them
_KNOWN = 2.5  # Zipf frequency from which a part counts as a word
_RARE = 2.0  # a glued token rarer than this is not a word of its own


@lru_cache(maxsize=1)
def _freq():
    import wordfreq  # only for a word that is not plain letters: its import costs 0.3 s

    return wordfreq.zipf_frequency


def _frequency_list() -> list[list[str]]:
    """wordfreq's Dutch list: its words in buckets, most frequent first, a centibel apart.

    Read from wordfreq's data file (the gzipped msgpack that its own loader reads, recognised by its
    header) without importing wordfreq, whose import (its tokenizer's language data) costs 0.3 s of
    every start; through wordfreq itself where the file is not found or not as expected."""
    import gzip
    import importlib.util
    from pathlib import Path

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is not None and spec.submodule_search_locations:
        data = Path(spec.submodule_search_locations[0], "data")
        # wordfreq's "best" list: the large one where there is one
        path = next((p for p in (data / "large_nl.msgpack.gz", data / "small_nl.msgpack.gz") if p.is_file()),
                    None)
        if path is not None:
            with gzip.open(path, "rb") as fh:
                pack = msgpack.load(fh, raw=False)
            if isinstance(pack, list) and pack and pack[0] == {"format": "cB", "version": 1}:
                return pack[1:]
    import wordfreq

    return wordfreq.get_frequency_list("nl")


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    """Every word of the Dutch list -> its Zipf frequency, as `wordfreq.zipf_frequency` gives it.

    wordfreq looks a word up through its tokenizer (about 25 µs a word, a tenth to a fifth of reading
    the shared corpus, where most words are seen once); a word of plain lowercase letters is its own
    one token, so its frequency is the one of its bucket (tests/test_text_scan.py checks the table
    against wordfreq)."""
    import math

    def bucket_zipf(index: int) -> float:
        # wordfreq's arithmetic: the bucket's frequency (cB_to_freq), word_frequency of one token
        # (1 / (1 / f), rounded to three significant digits), then zipf_frequency's freq_to_zipf and rounding
        freq = 1.0 / (1.0 / 10 ** (-index / 100))
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
        return round(math.log(freq, 10) + 9, 2)

    table: dict[str, float] = {}
    for index, bucket in enumerate(_frequency_list()):
        table.update(dict.fromkeys(bucket, bucket_zipf(index)))  # a later bucket wins, as in wordfreq
    return table


#: a word that wordfreq's tokenizer keeps whole and as it is: lowercase letters only (no ß, which
#: case folding changes, no ÷)
_PLAIN_WORD = re.compile(r"[a-zà-öø-ÿ]+")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common a Dutch word is (0 = unknown, 7 = "de")."""
    if _PLAIN_WORD.fullmatch(word):
        return _zipf_table().get(word, 0.0)
    return _freq()(word, "nl")


# each pattern opens with its first letter, then what may not precede it: re finds a pattern that
# opens with a character class quickly, one that opens with a lookbehind only by trying every position
_TOKEN = re.compile(r"[a-zà-ÿ](?<![\w@/.:-].)[a-zà-ÿ]{3,39}(?![\w@/-])")
_DIGIT_GLUE = re.compile(r"([a-zà-ÿ](?<![\w@/.:-].)[a-zà-ÿ]{1,11})(\d{1,4})(?![\w@/.-])")
_HYPHEN_SPACE = re.compile(r"([a-zà-ÿ](?<![\w-].)[a-zà-ÿ]{1,39})- ([a-zà-ÿ]{2,40})(?![\w-])")
_INLINE_HYPHEN = re.compile(
    r"(?<![\w-])([A-Za-zà-ÿ][a-zà-ÿ]{1,30}(?:-[A-Za-zà-ÿ][a-zà-ÿ]{0,30}){1,3})(?![\w-])"
)


@lru_cache(maxsize=65_536)  # a pure function of the token; a document repeats most of its tokens
def _best_split(token: str) -> str | None:
    """'debehandeling' -> 'de behandeling', when one part is a function word and both are words."""
    if zipf(token) >= _RARE and not _both_function_words(token):
        return None
    best: tuple[float, str] | None = None
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        if left not in _LEFT and right not in _RIGHT and not (left in _GLUE_LEFT and right in _GLUE_RIGHT):
            continue
        score = min(zipf(left), zipf(right))
        if score >= _KNOWN and (best is None or score > best[0]):
            best = (score, f"{left} {right}")
    return best[1] if best else None


_GLUE_LEFT = frozenset("van in op met voor aan door bij naar uit over is dat om tot".split())
_GLUE_RIGHT = frozenset("de het een".split())


def _both_function_words(token: str) -> bool:
    """'vande', 'inde', 'ophet': a preposition glued to an article (common as a typo, so not rare).
    Real words made of two function words ('ervan', 'deze') are not of this form."""
    return any(token[:i] in _GLUE_LEFT and token[i:] in _GLUE_RIGHT for i in range(2, len(token) - 1))


# words whose inner capital is real (party and brand names): never split
_CAMEL_KEEP = frozenset(
    """GroenLinks PvdA PvdD ChristenUnie BoerBurgerBeweging TikTok McDonald LinkedIn YouTube WhatsApp iPhone
    DigiD BuZa MinBuZa JenV VenJ EZenK IenW OCenW BiZa SoFi ZonMw KiesKompas DenkTank""".split()
)
_CAMEL = re.compile(r"([A-Za-zà-ÿ](?<![\w@/.:-].)[a-zà-ÿ]{1,30})([A-ZÀ-Þ][a-zà-ÿ]{2,30})(?![\w@/-])")
# the capital first, then what may not precede it: re finds a pattern that opens with a character
# class quickly, one that opens with a lookbehind only by trying every position
_TAIL_FUNCTION = re.compile(r"([A-ZÀ-Þ](?<![\w@/.:-].)[a-zà-ÿ]{3,30}?)(over|van|voor|en|aan|met)(?![\w@/-])")
# what every match of _DIGIT_GLUE and _CAMEL holds: a text without it is not scanned by them
_LETTER_DIGIT = re.compile(r"\d(?<=[a-zà-ÿ]\d)")
_LOWER_UPPER = re.compile(r"[A-ZÀ-Þ](?<=[a-zà-ÿ][A-ZÀ-Þ])")


def _camel(m: re.Match[str]) -> str:
    """'vanBuitenlandse' -> 'van Buitenlandse', 'BuitenlandseHandel' -> 'Buitenlandse Handel'."""
    left, right = m[1], m[2]
    if m[0] in _CAMEL_KEEP or any(k in m[0] for k in _CAMEL_KEEP):
        return m[0]
    if left.lower() in FUNCTION_WORDS or min(zipf(left.lower()), zipf(right.lower())) >= 3.0:
        return f"{left} {right}"
    return m[0]


def _tail(m: re.Match[str]) -> str:
    """'Sportover zorg' -> 'Sport over zorg': a word with a function word glued to its end."""
    if zipf(m[0].lower()) > 0 or zipf(m[1].lower()) < 3.5:
        return m[0]
    return f"{m[1]} {m[2]}"


#: the letters `_CAMEL` matches: a match never runs past them
_RUN_LETTERS = frozenset(chr(c) for c in (*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1),
                                          *range(0xC0, 0xDF), *range(0xE0, 0x100)))


def _split_camel(text: str) -> str:
    """`_CAMEL.sub(_camel, text)`, scanning only the runs of letters that hold a lower-case letter
    before a capital: every match is one such run's word (its letters, no more), with what stands
    before and after the run for the pattern's look-around. Scanned whole, the pattern was tried at
    every letter of a paragraph that holds one 'GroenLinks' (27 us for 510 characters, against 11)."""
    out: list[str] = []
    last = done = 0
    end = len(text)
    letters = _RUN_LETTERS
    for step in _LOWER_UPPER.finditer(text):
        at = step.start()
        if at < done:
            continue  # a second step in a run already done
        a = at - 1
        while a > 0 and text[a - 1] in letters:
            a -= 1
        b = at + 1
        while b < end and text[b] in letters:
            b += 1
        lo, hi = max(a - 1, 0), min(b + 1, end)
        piece = _CAMEL.sub(_camel, text[lo:hi])
        out += (text[last:a], piece[a - lo:len(piece) - (hi - b)])
        last = done = b
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def split_glued(text: str) -> str:
    if _LETTER_DIGIT.search(text):
        text = _DIGIT_GLUE.sub(lambda m: f"{m[1]} {m[2]}" if zipf(m[1]) >= 3.0 else m[0], text)
    text = _split_camel(text)
    text = _TAIL_FUNCTION.sub(_tail, text)
    # nearly every token stays as it is: a text whose tokens are all known to stay is returned at
    # once (one set test instead of a call per token), and only the tokens that split are replaced
    tokens = _TOKEN.findall(text)
    if _UNSPLIT.issuperset(tokens):
        return text
    splits = {}
    for token in set(tokens).difference(_UNSPLIT):  # the tokens not known yet
        split = _best_split(token)
        if split is None:
            if len(_UNSPLIT) >= _UNSPLIT_MAX:  # a bound for a worker's life, whatever it reads
                _UNSPLIT.clear()
            _UNSPLIT.add(token)
        else:
            splits[token] = split
    if not splits:
        return text
    # where those tokens stand: an occurrence the token pattern matches whole (a match can only start
    # where no earlier match runs, so these are the matches finditer would give)
    hits = []
    for token, split in splits.items():
        at = text.find(token)
        while at >= 0:
            m = _TOKEN.match(text, at)
            if m is not None and m.end() - at == len(token):
                hits.append((at, token, split))
            at = text.find(token, at + 1)
    out: list[str] = []
    last = 0
    for at, token, split in sorted(hits):
        out += (text[last:at], split)
        last = at + len(token)
    return "".join((*out, text[last:]))


#: tokens `_best_split` leaves as they are, seen so far
_UNSPLIT: set[str] = set()
_UNSPLIT_MAX = 200_000


def _join_hyphenated(word: str) -> str:
    """'werkloos-heids-uitkering' -> 'werkloosheidsuitkering'; 'Minis-ter-President' -> 'Minister-President':
    the whole when it is a word, else each pair that makes a word, keeping the hyphens spelling needs."""
    parts = word.split("-")
    whole = "".join(parts)
    if zipf(whole.lower()) > 0 and not any(
        left.lower() in HYPHEN_PREFIXES or keep_hyphen(left, right)
        for left, right in zip(parts, parts[1:], strict=False)
    ):
        return whole
    out = [parts[0]]
    for right in parts[1:]:
        left = out[-1]
        joined = left + right
        z = zipf(joined.lower())
        if (z >= 3.0 and zipf(left.lower()) < 3.0  # a fragment before the hyphen, a word once joined
                and left.lower() not in HYPHEN_PREFIXES and not keep_hyphen(left, right)):
            out[-1] = joined  # a line break inside a word of a hyphenated compound
        else:
            out.append(right)
    return "-".join(out)


def join_broken(text: str, ocr: bool = False) -> str:
    """Join 'laag- geletterdheid' always; join OCR's inline 'Hinderwetver-gunning' when `ocr`."""
    if "- " in text:
        text = _HYPHEN_SPACE.sub(lambda m: m[1] + m[2] if zipf((m[1] + m[2]).lower()) > 0 else m[0], text)
    if ocr and "-" in text:
        text = _INLINE_HYPHEN.sub(lambda m: _join_hyphenated(m[1]), text)
    return text


def _head_word(m: re.Match[str]) -> str:
    word = m[0]
    if word in HEAD_WORDS:
        return word
    same_length = [h for h in HEAD_WORDS if len(h) == len(word)]
    near = [h for h in same_length if sum(a != b for a, b in zip(h, word, strict=True)) == 1]
    return near[0] if len(near) == 1 else word


def repair_caps_heads(text: str) -> str:
    return _CAPS.sub(_head_word, text)


def readable(text: str, ocr: bool = False) -> str:
    """The repairs above, in order: join what a line break split, then split what extraction glued."""
    if ocr:
        text = repair_caps_heads(text)
    return split_glued(join_broken(text, ocr=ocr))
