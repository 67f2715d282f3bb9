"""deploy/nginx/ai-guide.conf in a real nginx (Debian's, installed by scripts/setup.sh --system),
for the tests of the web server and of publishing.

nginx runs in the foreground on a free loopback port with every path (pid, logs, temp files) in
a temporary folder. Only the listen address and the site's folder in the shipped file are replaced.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SITE_CONFIG = PROJECT / "deploy" / "nginx" / "ai-guide.conf"
NGINX = Path("/usr/sbin/nginx")
PREFIX = "/tools/ai-guide/"


def _replace_once(text: str, pattern: str, replacement: str) -> str:
    new_text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == 1, f"{SITE_CONFIG.name}: expected one line matching {pattern!r}; update this test with the file"
    return new_text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(process: subprocess.Popen, port: int, error_log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{error_log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on port {port}:\n{error_log.read_text(errors='replace')}")


@contextlib.contextmanager
def run_nginx(work: Path, site: Path):
    """nginx with the shipped site configuration serving `site` (a folder or a symlink to one) under PREFIX;
    every file it needs lives in `work`. Yields the base URL, e.g. http://127.0.0.1:PORT/tools/ai-guide/."""
    assert NGINX.is_file(), "nginx is missing: run scripts/setup.sh --system"
    port = _free_port()
    text = SITE_CONFIG.read_text(encoding="utf-8")
    text = _replace_once(text, r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};")
    text = _replace_once(text, r"^(\s*)alias /srv/ai-guide/current/;", rf"\1alias {site}/;")
    (work / "site.conf").write_text(text, encoding="utf-8")
    temp = {name: work / "temp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir(parents=True)
    (work / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;  # one process as the caller: nothing to switch users for, nothing left behind
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {work / "site.conf"};
}}
""",
        encoding="utf-8",
    )
    error_log = work / "error.log"
    command = [str(NGINX), "-p", str(work), "-e", str(error_log), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_listening(process, port, error_log)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)
    warnings = error_log.read_text(errors="replace")
    assert "[emerg]" not in warnings and "[alert]" not in warnings, warnings
