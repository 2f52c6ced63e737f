"""Refresh the screenshots in docs/screenshots/ from the real corpus, as a reader sees the site.

Builds ../shared/corpus, publishes it, serves it on 127.0.0.1 (a free port, a thread) and takes
headless-Chromium screenshots (the same browser flags as tests/test_browser.py) of a question page, the
fracties index and the statistics page.

usage: python scripts/screenshots.py [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from click.testing import CliRunner

from kamerld.cli import cli
from kamerld.publish.server import make_app, make_server_for

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SHOTS = {
    "question-page": ("/doc/document/ah-tk-20242025-583/vraag/5.html", 1700),
    "index-page": ("/index/fractie.html", 1100),
    "statistics-page": ("/statistiek.html", 2600),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2024-12-01", help="the day open questions are counted to")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None or not CORPUS.is_dir():
        print("needs chromium and ../shared/corpus", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kamerld-shots-") as tmp:
        build, site = Path(tmp) / "build", Path(tmp) / "site"
        runner = CliRunner()
        for cmd in (["build", str(CORPUS), "-o", str(build)],
                    ["publish", str(build / "documents"), "-o", str(site), "--as-of", args.as_of]):
            result = runner.invoke(cli, cmd)
            if result.exit_code not in (0, 1):  # 1: SHACL warnings in some corpus documents
                print(result.output, file=sys.stderr)
                return 1
        app = make_app(site)
        server = make_server_for(app, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for name, (path, height) in SHOTS.items():
                target = REPO / "docs" / "screenshots" / f"{name}.png"
                subprocess.run(
                    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     f"--user-data-dir={tmp}/profile", f"--screenshot={target}",
                     f"--window-size=1200,{height}",
                     "--virtual-time-budget=5000", f"http://127.0.0.1:{server.server_port}{path}"],
                    check=True, capture_output=True, timeout=120,
                )
                print(target.relative_to(REPO))
        finally:
            server.shutdown()
            server.server_close()
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
