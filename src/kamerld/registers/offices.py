"""Ministries and posts by name and date: "BZK", "Justitie en Veiligheid", "de Ministers van
Financiën en voor Buitenlandse Handel", "de Minister en Staatssecretaris van BZK"."""

from __future__ import annotations

import re
from datetime import date

from ..model import Ministry, Post
from .memo import memoized
from .names import one_edit, title_key
from .tables import _MinistryRow, _PostRow, pick

_ROLE_WORDS = [  # compact role words, longest first
    ("staatssecretarissen", "staatssecretaris"),
    ("staatssecretaris", "staatssecretaris"),
    ("ministers", "minister"),
    ("minister", "minister"),
]
_SKIP_WORDS = ("en", "de", "het", "&")


class Offices:
    """The ministry and post lookups of `Registers` (which holds the rows they read)."""

    _ministries: list[_MinistryRow]
    _posts: list[_PostRow]

    # -- ministries

    def _ministry_row(self, text: str, on: date | None) -> _MinistryRow | None:
        key = title_key(re.sub(r"^\s*(?:het\s+)?(?:ministerie|min\.)\s*(?:van\s*)?", "", text, flags=re.I))
        if not key:
            return None
        rows = [r for r in self._ministries if key in r.names or key in r.abbreviations]
        if not rows and len(key) >= 20:
            # a long name with a slip of the pen ("Koninkrijkrelaties"): one edit away from exactly one
            # known name, never a different ministry of similar name (those differ by whole words)
            near = [r for r in self._ministries if any(one_edit(key, n) for n in r.names)]
            if len({r.ministry.uri for r in near}) == 1:
                rows = near
        return pick(rows, on)

    @memoized
    def ministry(self, text: str, on: date | None = None) -> Ministry | None:
        """The ministry a name, short name or abbreviation names on a date ("BZK", "Justitie en
        Veiligheid", "ministerie van Economische Zaken"); names reused over time resolve by date."""
        row = self._ministry_row(text, on)
        if row is None:
            self._miss("ministry", text)
            return None
        return row.ministry

    def is_tooi(self, ministry: Ministry) -> bool:
        return any(r.tooi for r in self._ministries if r.ministry.uri == ministry.uri)

    def successors(self, ministry: Ministry) -> list[Ministry]:
        """What a ministry (name version) was renamed, merged or split into."""
        by_key = {r.key: r for r in self._ministries}
        row = next((r for r in self._ministries if r.ministry == ministry), None)
        return [by_key[k].ministry for k in row.successors] if row else []

    # -- posts

    def _post_rows(self, role: str, prep: str, on: date | None) -> list[tuple[str, _PostRow]]:
        """(compact title, row) for one role and preposition, valid on the date."""
        out = []
        for r in self._posts:
            if r.role == role and r.prep == prep and r.span.holds(on):
                out.extend((t, r) for t in (r.title, *r.aliases))
        return out

    def _title_at(self, c: str, i: int, role: str, prep: str, on: date | None) -> tuple[int, _PostRow] | None:
        """The longest post title of this role starting at c[i]; "voor" falls back to "van" and back
        (documents write "Minister voor Economische Zaken"), and ministry abbreviations count too."""
        for p in (prep, "voor" if prep == "van" else "van"):
            cands = [(t, r) for t, r in self._post_rows(role, p, on) if c.startswith(t, i)]
            if cands:
                t, r = max(cands, key=lambda tr: (len(tr[0]), tr[1].span.current))
                return len(t), r
        if slip := self._title_slip(c, i, role, prep, on):
            return slip
        for mrow in self._ministries:  # "minister van BZK"
            for a in mrow.abbreviations:
                if c.startswith(a, i) and (i + len(a) == len(c) or c.startswith("en", i + len(a))):
                    post = self._ministry_post(mrow, role, on)
                    if post is not None:
                        return len(a), post
        return None

    def _title_slip(
        self, c: str, i: int, role: str, prep: str, on: date | None
    ) -> tuple[int, _PostRow] | None:
        """A long title with a slip of the pen ("Binnenlandse Zaken en Koninkrijkrelaties"), the rule
        `_ministry_row` applies to ministry names: one edit away from exactly one title."""
        near = {}
        for t, r in self._post_rows(role, prep, on):
            if len(t) < 20:
                continue
            for n in (len(t) - 1, len(t), len(t) + 1):
                if one_edit(c[i:i + n], t):
                    near.setdefault(r.post.slug, (n, r))
        return next(iter(near.values())) if len(near) == 1 else None

    def _ministry_post(self, mrow: _MinistryRow, role: str, on: date | None) -> _PostRow | None:
        rows = [r for r in self._posts if r.role == role and r.prep == "van"
                and r.post.ministry == mrow.ministry and r.span.holds(on)]
        return rows[0] if rows else None

    @memoized
    def posts(self, text: str, on: date | None = None) -> list[Post]:
        """Every post a phrase names: "de Ministers van Financiën en voor Buitenlandse Handel en
        Ontwikkelingshulp", "de Minister en Staatssecretaris van BZK", "de minister-president".
        Names are matched longest first, so "en" inside a ministry name never splits it."""
        c = title_key(text)
        found: list[Post] = []
        roles: list[str] = []
        prep = "van"
        emitted_since_role = False
        i = 0
        while i < len(c):
            if c.startswith(("ministerpresident", "premier"), i):
                i += len("ministerpresident") if c.startswith("ministerpresident", i) else len("premier")
                row = pick([r for r in self._posts if r.role == "minister-president"], on)
                if row:
                    found.append(row.post)
                continue
            role_word = next(((w, r) for w, r in _ROLE_WORDS if c.startswith(w, i)), None)
            if role_word:
                if emitted_since_role:
                    roles, emitted_since_role = [], False
                if role_word[1] not in roles:
                    roles.append(role_word[1])
                i += len(role_word[0])
                continue
            if roles and c.startswith(("van", "voor"), i):
                p = "voor" if c.startswith("voor", i) else "van"
                hit = None
                if c.startswith(p, i):
                    hit = [self._title_at(c, i + len(p), role, p, on) for role in roles]
                if hit and all(h is not None for h in hit):
                    for h in hit:
                        found.append(h[1].post)
                    i += len(p) + max(h[0] for h in hit)
                    prep, emitted_since_role = p, True
                    continue
            if roles and emitted_since_role:  # "..., voor Buitenlandse Handel" / "en Y" after a post
                hit = [self._title_at(c, i, role, prep, on) for role in roles]
                if all(h is not None for h in hit):
                    for h in hit:
                        found.append(h[1].post)
                    i += max(h[0] for h in hit)
                    continue
            skip = next((w for w in _SKIP_WORDS if c.startswith(w, i)), None)
            if skip:
                i += len(skip)
                continue
            if found:
                break  # text after the last post ("over het bericht ...")
            i += 1
        unique = list(dict.fromkeys(found))
        if not unique:
            self._miss("post", text)
        return unique

    @memoized
    def post(self, role: str, portfolio: str, on: date | None = None) -> Post | None:
        """The post of a role with a bracketed portfolio: ("minister", "Justitie en Veiligheid")."""
        role = role.lower()
        if role == "minister-president":
            row = pick([r for r in self._posts if r.role == "minister-president"], on)
            return row.post if row else None
        key = title_key(portfolio)
        for prep in ("van", "voor"):
            rows = [r for t, r in self._post_rows(role, prep, on) if t == key]
            if rows:
                return rows[0].post
        mrow = self._ministry_row(portfolio, on)
        if mrow is not None:
            row = self._ministry_post(mrow, role, on)
            if row:
                return row.post
        self._miss("post", f"{role} ({portfolio})")
        return None
