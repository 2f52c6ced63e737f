"""A bounded load test of `kamerld serve`: many clients at once, a mix of normal and hostile requests.

    python bench/serve_load.py                       # publish output/, 16 clients for 20 s
    python bench/serve_load.py --site site/ -c 32 -s 60 --idle 500

Each client sends requests back to back, each on a new connection (HTTP/1.0, no keep-alive): pages
in every format, 303s from `id/`, SPARQL queries (small SELECTs, a COUNT, an ASK), and hostile ones
(a refused federated query, a path that is not UTF-8, a 60 KB path, an update, a negative
Content-Length). `--idle N` first opens N connections that send nothing, held for the whole run.
A request is an error when its status is not the one expected for its kind, or it fails or times out.
Prints requests/s, errors, p50/p99/max latency and the resident memory of the server and its query
workers before and after. The figures in docs/robustness.md come from here; tests/test_serve_load.py
runs a short version and checks its bounds.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from procmem import tree_memory  # the benchmarks run as scripts from bench/

REPO = Path(__file__).resolve().parents[1]
WARM_UP = 4  # requests before the measured run


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of `root` and all its descendants."""
    return tree_memory(root)[1]


def _q(query: str) -> str:
    return "/sparql?query=" + urllib.parse.quote(query)


def request_mix(doc_ids: list[str]) -> list[tuple[str, bytes, set[int], int]]:
    """(kind, raw request, expected statuses, weight)."""
    def get(path: str, accept: str = "*/*") -> bytes:
        return f"GET {path} HTTP/1.0\r\nHost: load\r\nAccept: {accept}\r\n\r\n".encode()

    doc = random.choice(doc_ids)
    select = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
    body = b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    post = b"POST /sparql HTTP/1.0\r\nHost: load\r\nContent-Type: "
    return [
        ("page html", get(f"/doc/document/{doc}", "text/html"), {200}, 20),
        ("page turtle", get(f"/doc/document/{doc}", "text/turtle"), {200}, 10),
        ("page jsonld", get(f"/doc/document/{doc}.jsonld"), {200}, 5),
        ("id 303", get(f"/id/document/{doc}"), {303}, 10),
        ("home", get("/"), {200}, 5),
        ("sparql select", get(_q(select), "application/sparql-results+json"), {200}, 15),
        ("sparql count", get(_q(count), "text/csv"), {200}, 5),
        ("sparql ask", get(_q("ASK { ?s ?p ?o }")), {200}, 5),
        ("service refused", get(_q(service)), {403}, 3),
        ("not utf-8", get("/doc/%ff"), {400}, 3),
        ("60 KB path", get("/doc/" + "a" * 60_000), {414}, 2),
        ("no such page", get("/doc/document/does-not-exist"), {404}, 3),
        ("update refused", post + b"application/sparql-update\r\nContent-Length: "
         + str(len(body)).encode() + b"\r\n\r\n" + body, {403}, 2),
        ("negative length", post + b"application/sparql-query\r\nContent-Length: -5\r\n\r\n", {400}, 2),
    ]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _one(host: str, port: int, raw: bytes, timeout: float) -> int:
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(raw)
        head = b""
        while b"\r\n" not in head:
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionError("closed before the status line")
            head += chunk
        while s.recv(65536):  # read the whole answer, as a client would
            pass
    return int(head.split(b" ", 2)[1])


def _client(host: str, port: int, doc_ids: list[str], until: float, res: Results, timeout: float) -> None:
    rng = random.Random()
    while time.monotonic() < until:
        mix = request_mix(doc_ids)
        kind, raw, expected, _ = rng.choices(mix, weights=[m[3] for m in mix])[0]
        start = time.monotonic()
        try:
            status = _one(host, port, raw, timeout)
            error = None if status in expected else f"{kind}: HTTP {status}, expected {sorted(expected)}"
        except OSError as exc:
            error = f"{kind}: {type(exc).__name__}: {exc}"
        took = time.monotonic() - start
        with res.lock:
            res.latencies.append(took)
            res.by_kind[kind] = res.by_kind.get(kind, 0) + 1
            if error:
                res.errors.append(error)


def run_load(url: str, doc_ids: list[str], *, clients: int, seconds: float, server_pid: int | None = None,
             idle: int = 0, timeout: float = 30.0) -> dict:
    """Run the load against a running server; the figures as a dict."""
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    # warm up: one worker per query slot, the page cache
    for _ in range(WARM_UP):
        _one(host, port, request_mix(doc_ids)[5][1], timeout)
    before = tree_rss(server_pid) if server_pid else None
    held = [socket.create_connection((host, port)) for _ in range(idle)]
    res = Results()
    start = time.monotonic()
    threads = [threading.Thread(target=_client, args=(host, port, doc_ids, start + seconds, res, timeout))
               for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for s in held:
        s.close()
    after = tree_rss(server_pid) if server_pid else None
    lat = sorted(res.latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else 0.0

    return {
        "clients": clients, "seconds": round(elapsed, 1), "idle_connections": idle,
        "requests": len(lat), "warm_up_requests": WARM_UP, "requests_per_s": round(len(lat) / elapsed, 1),
        "errors": len(res.errors), "first_errors": res.errors[:5],
        "p50_ms": round(pct(0.50) * 1000, 1), "p99_ms": round(pct(0.99) * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1) if lat else 0.0,
        "rss_before_mb": round(before / 2**20, 1) if before else None,
        "rss_after_mb": round(after / 2**20, 1) if after else None,
        "by_kind": dict(sorted(res.by_kind.items())),
    }


def document_ids(site: Path) -> list[str]:
    return sorted(p.stem for p in (site / "doc" / "document").glob("*.html"))


def start_server(site: Path, port: int, access_log: Path | None = None) -> subprocess.Popen:
    """`kamerld serve` in a process; its request log goes to `access_log` (none without it), so stderr
    holds only what went wrong."""
    log = ["--access-log", str(access_log)] if access_log else ["--no-access-log"]
    proc = subprocess.Popen([sys.executable, "-m", "kamerld", "serve", str(site), "--port", str(port), *log],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start: " + proc.communicate()[1].decode()[-2000:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, help="a published site; default: publish output/ to a temp folder")
    ap.add_argument("-c", "--clients", type=int, default=16)
    ap.add_argument("-s", "--seconds", type=float, default=20.0)
    ap.add_argument("--idle", type=int, default=0, help="idle connections held open during the run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "kamerld", "publish", str(REPO / "output"),
                            "-o", str(site)], check=True, capture_output=True)
        port = free_port()
        log = Path(tmp) / "access.log"
        server = start_server(site, port, log)
        try:
            figures = run_load(f"http://127.0.0.1:{port}", document_ids(site), clients=args.clients,
                               seconds=args.seconds, server_pid=server.pid, idle=args.idle)
        finally:
            server.terminate()
            err = server.communicate(timeout=10)[1].decode()
        figures["server_stderr_lines"] = len([line for line in err.splitlines() if line.strip()])
        figures["access_log_lines"] = len(log.read_text(encoding="utf-8").splitlines())
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
