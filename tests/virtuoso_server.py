"""A private, throw-away Virtuoso for tests: 127.0.0.1 only, free ports, its own folder and virtuoso.ini.

Also the rule both real-client tests share: a missing tool is a skip on a developer's machine, but a
failure under CI (CI installs virtuoso-opensource and chromium, so missing means the set-up broke).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

#: where Debian's virtuoso-opensource keeps the HTTP server's root (the /sparql page needs it)
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = ., {db}
; small buffers: a test database holds a few thousand triples (8 KiB pages, ~80 MiB)
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 256M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 4
ServerThreads = 4
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def require_tool(name: str, package: str) -> str:
    """The tool's path; when missing, skip, or fail when the environment variable CI is set."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian: apt-get install {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI installs it, so under CI this is a failure")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """One virtuoso-t process in `root`. Use `start()`/`stop()` (stop is safe to call twice)."""

    def __init__(self, root: Path, virtuoso: str, isql: str):
        self.root, self.virtuoso, self.isql_bin = root, virtuoso, isql
        self.db = root / "db"
        self.sql_port, self.http_port = free_port(), free_port()
        self.proc: subprocess.Popen | None = None
        self.start_seconds = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def log_tail(self, n: int = 30) -> str:
        log = self.db / "virtuoso.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-n:]) if log.exists() else ""

    def start(self, timeout: float = 60.0) -> None:
        self.db.mkdir(parents=True)
        ini = self.root / "virtuoso.ini"
        ini.write_text(
            INI.format(db=self.db, sql_port=self.sql_port, http_port=self.http_port, vsp=VSP),
            encoding="utf-8",
        )
        out = open(self.root / "server.out", "wb")  # noqa: SIM115 - lives as long as the process
        t0 = time.perf_counter()
        # own session: stop() signals this process group only, never anything else on the machine
        self.proc = subprocess.Popen(
            [self.virtuoso, "+foreground", "+configfile", str(ini)],
            cwd=self.db,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.sparql("ASK {}", timeout=5)
                break
            except (OSError, urllib.error.URLError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Virtuoso not ready within {timeout} s:\n{self.log_tail()}") from None
                time.sleep(0.25)
        self.start_seconds = time.perf_counter() - t0

    def isql(self, sql: str, timeout: float = 60.0) -> str:
        """Run SQL as dba; raise with Virtuoso's message when it fails (isql-vt exits 0 on SQL errors)."""
        proc = subprocess.run(
            [self.isql_bin, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
             "ERRORS=STDOUT", f"EXEC={sql}"],
            capture_output=True, text=True, timeout=timeout,
        )
        output = proc.stdout + proc.stderr
        if proc.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql {sql!r} failed ({proc.returncode}): {output.strip()}")
        return output

    def sparql(self, query: str, timeout: float = 30.0) -> dict:
        """A query over HTTP at /sparql, the SPARQL 1.1 Protocol; the JSON results."""
        url = f"{self.url}/sparql?" + urllib.parse.urlencode({"query": query})
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def stop(self) -> None:
        """SQL shutdown first (clean checkpoint); then SIGTERM, then SIGKILL of our own process group.
        Every wait is bounded."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            self.isql("shutdown;", timeout=20)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            pass
        for sig, wait in ((None, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            if sig is not None:
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    return
            try:
                proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue
