"""One document id, one input: the second input that holds a document already written fails, by name.

Two inputs can hold the same document (the corpus has such a pair: `opmeta1.xml` and `opmeta2.xml`
in `xml-koop-format-examples/` are both `gmb-2024-216934`). Writing both would let the second silently
replace the first. Inputs are converted to staged files (`pipeline.convert_input`) and committed here,
in input order: a document whose file name an earlier input already claimed fails the later input
with a message naming both files, and its staged files are removed; the first input's files stay.
"""

from __future__ import annotations

from kamerld.rdf.uris import safe_id
from kamerld.writers.atomic import move, output_error

from .pipeline import Move, discard
from .report import InputResult


class Claims:
    """Which input wrote each document (by its file name, `safe_id(doc.id)`) into one output folder."""

    def __init__(self, owners=None):
        # a dict, or a map kept on disk (`state.StateOwners`: get and item assignment)
        self.owner = owners if owners is not None else {}

    def conflict(self, result: InputResult) -> str | None:
        """Why `result` may not be written, or None."""
        mine: set[str] = set()
        for d in result.documents:
            name = safe_id(d.id)
            holder = self.owner.get(name)
            if name in mine:
                return f"two documents in this input have the id {d.id}; the input is left out"
            if holder is not None and holder != result.path:
                return (f"document {d.id} was already converted from {holder}: two inputs hold the same "
                        f"document, and this one is left out (the first is kept, not overwritten)")
            mine.add(name)
        return None

    def commit(self, result: InputResult, moves: list[Move]) -> None:
        """Put the staged files of `result` in place, or fail it when another input holds its ids.
        OutputError when a file cannot be moved into place."""
        reason = self.conflict(result)
        if reason is not None:
            discard(moves)
            # not settled: it is converted again when the other input goes or changes
            result.status, result.reason, result.documents, result.settled = "failed", reason, [], None
            return
        done = 0
        try:
            for tmp, final in moves:
                move(tmp, final)
                done += 1
        except OSError as exc:
            discard(moves[done:])
            raise output_error(exc, moves[done][1]) from exc
        for d in result.documents:
            self.owner[safe_id(d.id)] = result.path


__all__ = ["Claims"]
