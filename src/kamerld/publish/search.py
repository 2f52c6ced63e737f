"""Search that works offline: a static Pagefind index of the site, built at publish time.

Pagefind (a Rust binary shipped on PyPI as `pagefind[bin]`) reads the written HTML and writes
`pagefind/`: the index in small fragments and the JavaScript that searches them in the browser, so
searching needs no server beyond the static files and no request leaves the site. Only what the pages
mark with `data-pagefind-body` is indexed (questions, documents, people, fracties, posts); the Dutch
stemmer is chosen from `<html lang="nl">`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kamerld.errors import InputError
from kamerld.publish import files
from kamerld.publish.html import render_page

FOLDER = "pagefind"
TIMEOUT = 600  # seconds; the index of a large site takes a while on two cores


def build_index(out: Path) -> int:
    """Write zoeken.html and index the site into `out/pagefind/`; the number of pages indexed."""
    page = render_page("search.html", home="index.html", title="Zoeken / Search", available=True)
    files.write_text(out, "zoeken.html", page)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(out), "--output-subdir", FOLDER]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"the search index could not be built: {exc}", path=str(out)) from exc
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        missing = "No module named" in proc.stderr
        hint = " (is pagefind installed? pip install 'pagefind[bin]')" if missing else ""
        raise InputError(f"the search index could not be built{hint}: {' '.join(detail)}", path=str(out))
    m = re.search(r"Indexed (\d+) pages?", proc.stdout)
    return int(m.group(1)) if m else 0
