"""Running inputs in worker processes, each input on its own budget, so a batch survives its worst input.

A worker converts the inputs it is given one at a time, in order, and says when each is done, so the
parent always knows whose fault a problem is (the first of a worker's inputs not done yet, since the
moment the one before it was):

* an input that runs over its time budget, or grows the worker past its memory budget, is stopped
  (the worker is killed and replaced) and fails with that reason;
* a worker that dies (a crash in C code, the kernel's OOM killer) fails nobody at once: the input it
  was converting is tried again alone in a fresh worker, and fails only if that one dies too; the
  other inputs it had been given go back in the queue;
* a worker whose memory stayed high after an input that was within budget is replaced before the
  next input, so the next input is not blamed for the last one's memory;
* the output folder that cannot be written stops the run with one OutputError;
* workers exit with the parent, also after `kill -9` (`procs.die_with_parent`).

Results come back in input order (a bounded window runs ahead), so what is committed, journalled and
reported is the same whatever the number of workers.
"""

from __future__ import annotations

import collections
import multiprocessing as mp
import os
import select
import selectors
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamerld.errors import OutputError

from .budget import Budget
from .procs import die_with_parent, rss_bytes
from .report import InputResult, over_budget

#: inputs handed to a worker at once (fewer messages); each still reports its own start and result
CHUNK = 8
#: how far dispatch may run ahead of the oldest unfinished input (results wait in memory until then)
WINDOW = 512
_POLL_SECONDS = 0.05


#: (result, staged moves, dump parts): what `pipeline.convert_input` returns
Outcome = tuple[InputResult, list[tuple[str, str]], list[tuple]]


def _worker_main(conn, parent_pid: int, out: str | None, options: Any,
                 memory: int) -> None:  # pragma: no cover - a child process
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    from .pipeline import convert_input

    target = Path(out) if out is not None else None
    conn.send(("ready",))  # once: a worker that dies before this has not converted anything
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        for index, path in job:
            try:
                result, moves, parts = convert_input(path, target, options)
            except OutputError as exc:
                conn.send(("fatal", index, (exc.message, exc.path, exc.hint)))
                return
            conn.send(("done", index, result, moves, parts))
            rss = rss_bytes(os.getpid())
            if rss is not None and rss > memory // 2:
                conn.send(("recycle",))  # memory stays high after a big input: start afresh
                return


@dataclass
class _Worker:
    proc: Any
    conn: Any
    assigned: collections.deque
    current: tuple[int, float] | None = None  # (index, since when) of the input it is converting
    rss_read: float = 0.0  # when its memory was last read (`_check_budgets`)
    poller: Any = None  # its pipe alone, to take every message waiting without a new selector
    ready: bool = False  # it said it is ready: from then on a death is its current input's


def _failed(path: str, reason: str, settled: str | None = None) -> Outcome:
    return InputResult(path=path, status="failed", reason=reason, settled=settled), [], []


class _Pool:
    def __init__(self, paths: Sequence[str], out: Path | None, options: Any, jobs: int, budget: Budget):
        self.paths, self.out, self.options, self.jobs, self.budget = paths, out, options, jobs, budget
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.ctx = mp.get_context(method)  # fork: the warmed registers and shapes come along
        # what is to be given out: inputs handed back (a stopped worker's, one that crashed one), first
        # in line, then the inputs not given out yet, from `next_new` on (not a queue of every input:
        # at 200,000 inputs that would be the largest thing the main process holds)
        self.pending: collections.deque = collections.deque()
        self.next_new = 0
        self.crashed_once: set[int] = set()
        self.results: dict[int, Outcome] = {}
        self.workers: list[_Worker] = []
        self.failed_starts = 0
        # one selector for the pool's life: `multiprocessing.connection.wait` makes and fills a new
        # one on every call, which was a fifth of the main process's time per result
        self.selector = selectors.DefaultSelector()

    # -- workers --

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        out = str(self.out) if self.out is not None else None
        proc = self.ctx.Process(target=_worker_main, daemon=True,
                                args=(child, os.getpid(), out, self.options, self.budget.memory))
        proc.start()
        child.close()
        w = _Worker(proc, parent, collections.deque(), poller=select.poll())
        w.poller.register(parent.fileno(), select.POLLIN)
        self.selector.register(parent, selectors.EVENT_READ, w)
        return w

    def _stop(self, w: _Worker, requeue: bool = True) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        self.selector.unregister(w.conn)
        w.conn.close()
        if requeue:  # what it was given but did not finish goes back, first in line
            self.pending.extendleft(reversed([item for item in w.assigned
                                              if w.current is None or item[0] != w.current[0]]))
        self.workers.remove(w)

    def _next(self) -> tuple[int, str] | None:
        """The next (index, path) to give out, or None."""
        if self.pending:
            return self.pending[0]
        return (self.next_new, self.paths[self.next_new]) if self.next_new < len(self.paths) else None

    def _take(self) -> tuple[int, str]:
        if self.pending:
            return self.pending.popleft()
        self.next_new += 1
        return self.next_new - 1, self.paths[self.next_new - 1]

    def _dispatch(self, next_out: int) -> None:
        while len(self.workers) < self.jobs and self._next() is not None:
            self.workers.append(self._start())
        for w in list(self.workers):
            if w.assigned:
                continue
            item = self._next()
            if item is None or item[0] >= next_out + WINDOW:
                continue
            batch = []
            while (item := self._next()) is not None and len(batch) < CHUNK and item[0] < next_out + WINDOW:
                if item[0] in self.crashed_once and batch:
                    break  # an input that crashed a worker is tried again alone
                batch.append(self._take())
                if item[0] in self.crashed_once:
                    break
            w.assigned.extend(batch)
            self._next_current(w)  # an idle worker starts on it at once
            try:
                w.conn.send(batch)
            except OSError:  # it died (its pipe is closed): what it was given goes back
                self._on_death(w)

    @staticmethod
    def _next_current(w: _Worker) -> None:
        """A worker converts its inputs in order: the one it is on is the first not done, from now."""
        w.current = (w.assigned[0][0], time.monotonic()) if w.assigned else None

    # -- what the workers say --

    def _on_message(self, w: _Worker, msg: tuple) -> None:
        kind = msg[0]
        if kind == "ready":
            w.ready = True
            self._next_current(w)  # its first input's clock starts now, not while it started up
        elif kind == "done":
            index = msg[1]
            self.results[index] = (msg[2], msg[3], msg[4])
            w.assigned.popleft()
            self._next_current(w)  # the worker goes on with the next of its inputs straight away
            self.failed_starts = 0
        elif kind == "fatal":
            message, path, hint = msg[2]
            raise OutputError(message, path, hint)
        elif kind == "recycle":
            w.current = None
            self._stop(w)

    def _on_death(self, w: _Worker) -> None:
        w.proc.join(5)
        code = w.proc.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if not w.ready:
            w.current = None  # it died starting up: what it was given goes back, blaming nobody
        if w.current is not None:
            index = w.current[0]
            path = self.paths[index]
            if index in self.crashed_once:
                self.results[index] = _failed(
                    path, f"the worker process died ({how}) converting this input, also when tried alone")
            else:
                self.crashed_once.add(index)
                self.pending.appendleft((index, path))
        else:
            self.failed_starts += 1
            if self.failed_starts > 3:
                raise RuntimeError(f"worker processes keep dying before they convert anything ({how})")
        self._stop(w)

    def _check_budgets(self) -> None:
        now = time.monotonic()
        for w in list(self.workers):
            if w.current is None or not w.ready:
                continue
            index, started = w.current
            reason = settled = None
            if now - started > self.budget.seconds:
                reason = f"took longer than the time budget of {self.budget.seconds:g} s; stopped"
                settled = over_budget("time", self.budget.seconds)
            elif now - w.rss_read >= _POLL_SECONDS:  # /proc at most this often, not after every message
                w.rss_read = now
                rss = rss_bytes(w.proc.pid)
                if rss is not None and rss > self.budget.memory:
                    reason = (f"used more than the memory budget of {self.budget.memory // 2**20} MiB "
                              f"({-(-rss // 2**20)} MiB); stopped")
                    settled = over_budget("memory", self.budget.memory)
            if reason:
                self.results[index] = _failed(self.paths[index], reason, settled)
                self._stop(w)

    # -- the loop --

    def run(self, on_idle: Callable[[], None] | None = None) -> Iterator[Outcome]:
        next_out = 0
        try:
            while next_out < len(self.paths):
                while next_out in self.results:
                    yield self.results.pop(next_out)
                    next_out += 1
                if next_out >= len(self.paths):
                    break
                if on_idle is not None:
                    on_idle()
                self._dispatch(next_out)
                for key, _events in self.selector.select(_POLL_SECONDS):
                    w, conn = key.data, key.fileobj
                    if w not in self.workers:
                        continue
                    try:
                        self._on_message(w, conn.recv())
                        while w in self.workers and w.poller.poll(0):  # Connection.poll makes a selector
                            self._on_message(w, conn.recv())
                    except (EOFError, OSError):
                        self._on_death(w)
                self._check_budgets()
        finally:
            for w in list(self.workers):
                try:
                    w.conn.send(None)
                except OSError:
                    pass
                self._stop(w, requeue=False)
            self.selector.close()


def run_inputs(paths: Sequence[str], out: Path | None, options: Any, *, jobs: int | None = None,
               budget: Budget | None = None, on_idle: Callable[[], None] | None = None
               ) -> Iterator[Outcome]:
    """Convert `paths` (`pipeline.convert_input`), yielding (result, staged moves, dump parts) in
    input order.

    `jobs=None` (or 0): in this process, one after the other, without budgets. Otherwise `jobs`
    worker processes, each input on `budget` (the default Budget when None); `on_idle` is called
    whenever the results so far are taken and the parent is about to wait for the workers (a
    build commits its state then).
    """
    if not jobs:
        from .pipeline import convert_input

        for path in paths:
            yield convert_input(path, out, options)
        return
    if not paths:
        return
    yield from _Pool(paths, out, options, jobs, budget or Budget()).run(on_idle)


__all__ = ["Budget", "CHUNK", "run_inputs"]
