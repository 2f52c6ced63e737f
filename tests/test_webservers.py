"""The generated web-server rules in real servers: nginx (with its JavaScript module, which weighs Accept
q-values exactly as `kamerld serve` does) and Apache (mod_rewrite + mod_headers, the .htaccess as
written). Each runs on a free port of 127.0.0.1 with its own config, logs and pid file in a temporary
folder, and is stopped after the module.

Skipped where the server is not installed, except under CI (which installs nginx-light,
libnginx-mod-http-js and apache2): a failure. The site is published into a folder every user may
read, because both servers read it from unprivileged worker processes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import rdflib
from conftest import REPO
from test_publish import Q583_1, with_local_context, write_inputs

from kamerld.publish.server import PAGE_OFFERS, choose
from kamerld.publish.site import publish_site

PAGE = "/kamerld/doc/document/ah-tk-20242025-583/vraag/1"
TYPES = {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
         ".nt": "application/n-triples", ".rdf": "application/rdf+xml"}  # fmt: skip
RDF_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".rdf": "xml"}
#: Accept headers clients send, with q-values; the expected answer is what `kamerld serve` chooses
ACCEPTS = [
    "text/turtle;q=0.5, text/html",
    "text/html;q=0.1, application/ld+json",
    "application/n-triples, text/turtle;q=0.9",
    "text/*;q=0.2, text/turtle",
    "*/*",
    "application/json",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/ld+json;q=0.4, text/turtle;q=0.6, */*;q=0.1",
    "image/png",
    "text/turtle;q=0",
    "application/rdf+xml",
    "application/rdf+xml;q=0.3, text/turtle;q=0.2",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find(name: str, package: str) -> str:
    path = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; CI installs it (apt-get install {package})")
        pytest.skip(f"{name} not installed")
    return path


@pytest.fixture(scope="module")
def site():
    """The two-document site of test_publish, in a folder unprivileged workers can read."""
    top = Path(tempfile.mkdtemp(prefix="kamerld-webserver-"))
    try:
        os.chmod(top, 0o755)
        out = top / "site"
        publish_site(write_inputs(top / "in"), out, with_search=False, ontology=REPO / "ontology/kamerld.ttl",
                     context=REPO / "src/kamerld/rdf/context.jsonld")
        for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
            folder.chmod(folder.stat().st_mode | stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH
                         | stat.S_IXOTH)
        yield out
    finally:
        shutil.rmtree(top, ignore_errors=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url: str, accept: str | None = None, method: str = "GET",
        headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    headers = {**({"Accept": accept} if accept is not None else {}), **(headers or {})}
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with OPENER.open(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def wait_for(port: int, proc: subprocess.Popen | None, log: Path) -> None:
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"the server did not start: {log.read_text() if log.exists() else '(no log)'}")


def check_common(url: str) -> None:
    """What both servers must do: 303 from id/, the suffix served as is, the store hidden."""
    status, headers, _ = get(f"{url}/kamerld/id/document/ah-tk-20242025-583/vraag/1")
    assert status == 303
    assert headers["Location"].endswith("/kamerld/doc/document/ah-tk-20242025-583/vraag/1")
    for suffix, mime in TYPES.items():
        status, headers, body = get(url + PAGE + suffix, accept="image/png")
        assert status == 200 and headers["Content-Type"].startswith(mime), (suffix, headers)
    status, headers, body = get(url + PAGE, accept="text/html")
    assert status == 200 and Q583_1 in body.decode("utf-8")
    assert "Accept" in headers["Vary"]
    # nginx names the alternates relative to the page, Apache from the root: both point at the Turtle
    assert re.search(r'<(/kamerld/doc/document/ah-tk-20242025-583/vraag/)?1\.ttl>; rel="alternate"; '
                     r'type="text/turtle"', headers["Link"]), headers["Link"]
    status, _, _ = get(f"{url}/kamerld/_store/CURRENT")
    assert status == 404
    status, headers, _ = get(f"{url}/kamerld/statistiek/vragen-per-fractie.svg")
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    status, headers, _ = get(f"{url}/kamerld/dumps/questions.csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    check_cors(url)


def check_cors(url: str) -> None:
    """A page on another origin may read the data: every answer says so, and a preflight is a 204."""
    origin = {"Origin": "http://other.example"}
    for path, want in ((PAGE, 200), (PAGE + ".ttl", 200), ("/kamerld/id/document/ah-tk-20242025-583", 303),
                       ("/kamerld/dumps/questions.csv", 200), ("/kamerld/void.ttl", 200)):  # fmt: skip
        status, headers, _ = get(url + path, accept="text/turtle", headers=origin)
        assert status == want and headers.get("Access-Control-Allow-Origin") == "*", (path, headers)
        assert "Link" in headers["Access-Control-Expose-Headers"], (path, headers)
    preflight = {**origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept"}
    for path in (PAGE, "/kamerld/id/document/ah-tk-20242025-583", "/kamerld/dumps/questions.csv"):
        status, headers, body = get(url + path, method="OPTIONS", headers=preflight)
        assert status == 204 and body == b"", (path, status, headers)
        assert headers.get("Access-Control-Allow-Origin") == "*", (path, headers)
        assert "GET" in headers["Access-Control-Allow-Methods"], (path, headers)
        assert "Accept" in headers["Access-Control-Allow-Headers"], (path, headers)


def check_definitions(url: str) -> None:
    """The vocabulary at {base}def (its terms are {base}def#term) negotiates; the JSON-LD context is
    readable from any origin; a resource of the dataset's description redirects to its page; a
    document's page is served although a folder of the same name holds its questions."""
    status, headers, body = get(f"{url}/kamerld/def", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle"), headers
    onto = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/kamerld/def#Vraag"), rdflib.RDFS.label, None) in onto
    status, headers, body = get(f"{url}/kamerld/def/context.jsonld")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert json.loads(body)["@context"]["kld"].endswith("def#")
    status, headers, _ = get(f"{url}/kamerld/id/dataset/kamerld")
    assert status == 303 and headers["Location"].endswith("/kamerld/doc/dataset/kamerld")
    status, _, body = get(f"{url}/kamerld/doc/dataset/kamerld", accept="text/turtle")
    assert status == 200 and len(rdflib.Graph().parse(data=body, format="turtle")) > 20
    # a page beside the folder of its parts is the page, not a redirect to the folder
    status, headers, _ = get(f"{url}/kamerld/doc/document/ah-tk-20242025-583", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle"), headers


def test_nginx_negotiates_with_q_values_as_serve_does(site, tmp_path):
    nginx = find("nginx", "nginx-light")
    module = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
    if not module.exists():
        if os.environ.get("CI"):
            pytest.fail("nginx's JavaScript module is missing; CI installs it (libnginx-mod-http-js)")
        pytest.skip("libnginx-mod-http-js not installed")
    port = free_port()
    conf = (site / "_server/nginx.conf").read_text().replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(conf)
    log = tmp_path / "logs/error.log"
    cmd = [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(log),
           "-g", f"pid {tmp_path}/nginx.pid; error_log {log};"]  # fmt: skip
    started = subprocess.run(cmd, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(port, None, log)
        check_common(url)
        for accept in ACCEPTS:
            want = choose(accept, list(PAGE_OFFERS))
            status, headers, body = get(url + PAGE, accept=accept)
            if want is None:
                assert status == 406, accept
                continue
            suffix = PAGE_OFFERS[want]
            assert status == 200 and headers["Content-Type"].startswith(TYPES[suffix]), (accept, headers)
            if suffix != ".html":
                data = body.decode("utf-8")
                if suffix == ".jsonld":  # it names the published context: put the site's copy in
                    data = with_local_context(data, site)
                # the question's own triples and the links to it (the answer, its document)
                assert len(rdflib.Graph().parse(data=data, format=RDF_FORMATS[suffix])) == 13
        status, headers, _ = get(url + PAGE)  # no Accept at all: HTML
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        check_definitions(url)
    finally:
        pid = tmp_path / "nginx.pid"
        if pid.exists():
            os.kill(int(pid.read_text()), signal.SIGTERM)


APACHE_MODULES = ["mpm_event", "authz_core", "mime", "rewrite", "headers", "dir", "alias"]


def test_apache_htaccess_in_a_real_apache(site, tmp_path):
    apache = find("apache2", "apache2")
    modules = Path("/usr/lib/apache2/modules")
    port = free_port()
    log = tmp_path / "error.log"
    loads = "\n".join(f"LoadModule {m}_module {modules}/mod_{m}.so" for m in APACHE_MODULES)
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    (tmp_path / "httpd.conf").write_text(f"""{loads}
ServerName 127.0.0.1
ServerRoot {tmp_path}
Listen 127.0.0.1:{port}
PidFile {tmp_path}/httpd.pid
TypesConfig {tmp_path}/mime.types
ErrorLog {log}
LogLevel warn
{user}DocumentRoot {site.parent}
Alias /kamerld {site}
<Directory {site}>
    AllowOverride All
    Require all granted
</Directory>
""")
    (tmp_path / "mime.types").write_text("")  # the .htaccess names every type the site serves
    shutil.copyfile(site / "_server/htaccess", site / ".htaccess")
    proc = subprocess.Popen([apache, "-f", str(tmp_path / "httpd.conf"), "-DFOREGROUND"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(port, proc, log)
        check_common(url)
        # Apache matches the media type anywhere in Accept (it cannot weigh q-values): RDF when named
        for accept, suffix in (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"),
                               ("application/n-triples", ".nt"), ("application/json", ".jsonld"),
                               ("application/rdf+xml", ".rdf"),
                               ("text/html", ".html"), ("*/*", ".html")):  # fmt: skip
            status, headers, body = get(url + PAGE, accept=accept)
            assert status == 200 and headers["Content-Type"].startswith(TYPES[suffix]), (accept, headers)
        status, _, _ = get(f"{url}/kamerld/_server/nginx.conf")
        assert status == 404
        check_definitions(url)
    finally:
        (site / ".htaccess").unlink(missing_ok=True)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and its children (own session)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
