"""Worker processes that never outlive the process that started them, and what they cost.

`kamerld build` and `kamerld serve` run work in child processes (to use both cores, and so a worker
can be killed when it runs over its time or memory budget). After a `kill -9` of the parent, nothing
tells a busy child to stop: on Linux the kernel can (`PR_SET_PDEATHSIG`), elsewhere a watchdog thread
notices that the parent is gone. A child calls `die_with_parent(pid)` first thing.

The kernel sends the signal when the *thread* that started the child ends, so children must be started
from a thread that lives as long as the pool (the main thread, or the pool's own spawner thread).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, poll: float = 0.5) -> None:
    """End this process when `parent_pid` ends (call it in the child, with the parent's pid)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:  # where prctl is missing; harmless where it is not
        while True:
            time.sleep(poll)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="kamerld-parent-watch", daemon=True).start()


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


__all__ = ["die_with_parent", "rss_bytes"]
