"""What the registers know and what they missed: the misses of this process, listings of the
files and per-register coverage (`kamerld registers`)."""

from __future__ import annotations

from .tables import _Span, read_rows


class Coverage:
    """The bookkeeping of `Registers`: misses, listings, coverage and a summary."""

    def _miss(self, kind: str, text: str) -> None:
        self._misses[(kind, text.strip())] = None

    def unresolved(self) -> list[tuple[str, str]]:
        """(kind, text as written) of every lookup that found nothing in this process, in order."""
        return list(self._misses)

    def note_unresolved(self, kind: str, text: str) -> None:
        """Record a miss found by a caller (attribution makes local entries for these)."""
        self._miss(kind, text)

    #: columns shown by `kamerld registers` per register file
    LISTING = {
        "ministries": ("ministries.tsv", ("code", "uri", "name", "abbreviations", "begin", "end")),
        "posts": ("posts.tsv", ("slug", "label", "ministry", "begin", "end")),
        "fracties": ("fracties.tsv", ("slug", "notation", "name", "begin", "end")),
        "persons": ("persons.tsv", ("slug", "name", "initials", "surname")),
    }

    def listing(self, kind: str = "all") -> list[str]:
        """Tab-separated lines of what a register holds, straight from its data file."""
        kinds = list(self.LISTING) if kind == "all" else [kind]
        lines: list[str] = []
        for k in kinds:
            name, cols = self.LISTING[k]
            lines.append(f"# {k} ({name})")
            lines.append("\t".join(cols))
            lines.extend("\t".join(row.get(c, "") for c in cols) for row in read_rows(name))
        return lines

    def coverage(self) -> list[dict[str, str | int]]:
        """Per register: rows, the first and last year its rows are valid, and what the rows carry.
        A row without a begin counts from its end (and without either, it does not bound the years)."""
        def years(spans: list[_Span]) -> tuple[str, str]:
            firsts = [s.begin.year for s in spans if s.begin] or [s.end.year for s in spans if s.end]
            open_ = any(s.end is None for s in spans)
            lasts = [s.end.year for s in spans if s.end]
            return (str(min(firsts)) if firsts else "-",
                    "open" if open_ else (str(max(lasts)) if lasts else "-"))

        persons = [p.person for p in self._persons]
        rows: list[dict[str, str | int]] = []
        for name, spans, detail in (
            ("ministries", [r.span for r in self._ministries],
             f"{len({r.ministry.uri for r in self._ministries})} organisations, "
             f"{sum(r.tooi for r in self._ministries)} names with a TOOI URI, "
             f"{sum(r.ministry.version is not None for r in self._ministries)} TOOI historic versions"),
            ("posts", [r.span for r in self._posts],
             f"{sum(r.role == 'minister' for r in self._posts)} minister, "
             f"{sum(r.role == 'staatssecretaris' for r in self._posts)} staatssecretaris"),
            ("fracties", [r.span for r in self._fracties], ""),
            ("persons", [m.span for m in self._memberships],
             f"{sum(any('tweedekamer' in u for u in p.same_as) for p in persons)} with a TK Persoon id, "
             f"{sum(any('wikidata' in u for u in p.same_as) for p in persons)} with a Wikidata id, "
             f"{sum(any('parlement.com' in u for u in p.same_as) for p in persons)} with a parlement.com id"),
            ("memberships", [m.span for m in self._memberships],
             ", ".join(f"{sum(m.kind == k for m in self._memberships)} {k}"
                       for k in ("fractie", "post", "kamer"))),
        ):
            first, last = years(spans)
            count = {"ministries": len(self._ministries), "posts": len(self._posts),
                     "fracties": len(self._fracties), "persons": len(self._persons),
                     "memberships": len(self._memberships)}[name]
            rows.append({"register": name, "rows": count, "from": first, "to": last, "detail": detail})
        return rows

    def summary(self) -> dict[str, int]:
        return {
            "ministries": len({r.ministry.uri for r in self._ministries}),
            "ministry_names": len(self._ministries),
            "posts": len(self._posts),
            "fracties": len(self._fracties),
            "persons": len(self._persons),
            "memberships": len(self._memberships),
            "unresolved": len(self._misses),
        }
