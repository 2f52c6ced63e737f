"""A bounded load test of `kamerld serve` (bench/serve_load.py, shortened): 8 clients for 4 s beside
100 idle connections, normal and hostile requests mixed; no errors, no stalls, memory flat, and a line
in the access log for every request."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from test_publish import write_inputs

from kamerld.publish.site import publish_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from serve_load import document_ids, free_port, run_load, start_server  # noqa: E402

COMBINED = re.compile(r'127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] '
                      r'"(?:[^"\\]|\\.)*" (?P<status>\d{3}) (?:\d+|-) "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*"')


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="memory is read from /proc")
def test_serve_under_load(tmp_path):
    site = tmp_path / "site"
    publish_site(write_inputs(tmp_path / "in"), site)
    port = free_port()
    log = tmp_path / "access.log"
    server = start_server(site, port, log)
    try:
        figures = run_load(f"http://127.0.0.1:{port}", document_ids(site), clients=8, seconds=4,
                           server_pid=server.pid, idle=100)
    finally:
        server.terminate()
        stderr = server.communicate(timeout=10)[1].decode()
    assert figures["errors"] == 0, figures["first_errors"]
    assert figures["requests"] > 200, figures  # about 2,500 on the 2-core machine
    assert figures["p99_ms"] < 1000, figures  # the listen backlog of 5 made 1 s stalls
    assert figures["rss_after_mb"] - figures["rss_before_mb"] < 50, figures
    assert len(figures["by_kind"]) == 14  # every kind of request was sent
    assert "Traceback" not in stderr and stderr.strip() == "", stderr[-2000:]
    # every request answered is one line of the access log, in the combined log format
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == figures["requests"] + figures["warm_up_requests"]
    assert [line for line in lines if not COMBINED.fullmatch(line)] == []
    statuses = {int(COMBINED.fullmatch(line).group("status")) for line in lines}
    assert statuses == {200, 303, 400, 403, 404, 414}
