"""Bundle the YASGUI query editor into the package, for the query form at `GET /sparql`.

    python scripts/vendor_yasgui.py   # needs npm; writes src/kamerld/publish/server/ui/vendor/yasgui/

YASGUI (the RDF/JS community's maintained release, `@zazuko/yasgui` on npm) is one JavaScript file
and one stylesheet with everything inside (CodeMirror, DataTables, DOMPurify, …). They are kept in
the package so the form works offline and never loads anything from another site; this script is how
they got there: it fetches the pinned release with `npm pack`, checks the tarball against the
registry's sha512 written below, copies the two files, and writes beside them the licences of
YASGUI and of every package bundled into it (the packages named in the bundle's source map, their
licence files from `npm install` of the same release) and a MANIFEST with the SHA-256 of each file,
which tests/test_sparql_endpoint.py checks. To update: change VERSION and INTEGRITY, run it, run the tests.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
VERSION = "4.6.2"
INTEGRITY = "sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
FILES = ("yasgui.min.js", "yasgui.min.css")
OUT = Path(__file__).resolve().parents[1] / "src/kamerld/publish/server/ui/vendor/yasgui"
# the YASGUI packages ship no licence file; their licence is MIT, copyright Triply (the authors)
YASGUI_LICENSE = """The MIT License (MIT)

Copyright (c) Triply B.V. and the Yasgui contributors (Zazuko GmbH, the RDF/JS community)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""
_LICENSE_FILE = re.compile(r"(?i)^(licen[cs]e|copying)(\.|-|$)")


def npm(*args: str, cwd: Path) -> str:
    return subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def check_integrity(tarball: Path) -> None:
    algo, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        sys.exit(f"{tarball.name}: {algo} {digest} is not the pinned {expected}")


def bundled_packages(source_map: Path) -> list[str]:
    sources = json.loads(source_map.read_text(encoding="utf-8"))["sources"]
    return sorted({re.sub(r"^.*node_modules/((@[^/]+/)?[^/]+).*$", r"\1", s) for s in sources
                   if "node_modules/" in s})


def notices(modules: Path, packages: list[str]) -> str:
    parts = [f"Third-party software in yasgui.min.js and yasgui.min.css ({PACKAGE} {VERSION})\n",
             "=" * 78, f"\n{PACKAGE} {VERSION} (and @zazuko/yasqe, yasr, yasgui-utils): MIT\n",
             YASGUI_LICENSE]
    for name in packages:
        folder = modules / name
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        texts = [p for p in sorted(folder.iterdir()) if _LICENSE_FILE.match(p.name)]
        parts += ["=" * 78, f"\n{name} {meta.get('version', '')}: {meta.get('license', 'see below')}\n"]
        if texts:
            parts += [p.read_text(encoding="utf-8", errors="replace").strip() + "\n" for p in texts]
        else:
            author = meta.get("author")
            author = author.get("name") if isinstance(author, dict) else author
            parts.append(f"(the package ships no licence file; licence {meta.get('license')}, "
                         f"author {author or 'not named'})\n")
    return "\n".join(parts)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kamerld-yasgui-") as tmp:
        work = Path(tmp)
        name = npm("pack", f"{PACKAGE}@{VERSION}", cwd=work).strip().splitlines()[-1]
        check_integrity(work / name)
        with tarfile.open(work / name) as tar:
            tar.extractall(work / "pack", filter="data")
        build = work / "pack/package/build"
        npm("install", f"{PACKAGE}@{VERSION}", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev",
            cwd=work)
        packages = bundled_packages(build / "yasgui.min.js.map")
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir(parents=True)
        for f in FILES:
            shutil.copyfile(build / f, OUT / f)
        notice = notices(work / "node_modules", packages)
        (OUT / "THIRD-PARTY-NOTICES.txt").write_text(notice, encoding="utf-8")
    manifest = {"package": PACKAGE, "version": VERSION, "integrity": INTEGRITY,
                "sha256": {f: hashlib.sha256((OUT / f).read_bytes()).hexdigest() for f in FILES}}
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{PACKAGE} {VERSION}: {', '.join(FILES)} and the notices of {len(packages)} packages in {OUT}")


if __name__ == "__main__":
    main()
