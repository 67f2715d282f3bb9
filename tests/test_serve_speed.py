"""The live preview's server helpers (hooks/_serve_cache.py, hooks/_serve_watch.py), without a server."""

from __future__ import annotations

import sys
import time
import wsgiref.util
from types import SimpleNamespace

import pytest
import watchdog.events

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "hooks"))
import _serve_cache  # noqa: E402  (hooks/ is not a package)
import _serve_watch  # noqa: E402

pytestmark = pytest.mark.unit


def answer(app, path: str, if_none_match: str = ""):
    """Status, headers and body of `app` for a GET of `path`."""
    started = {}
    result = app(
        {"PATH_INFO": path, "HTTP_IF_NONE_MATCH": if_none_match}, lambda status, headers, exc_info=None: started.update(status=status, headers=dict(headers))
    )
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return started["status"], started["headers"], body


def test_an_unchanged_file_is_answered_not_modified_and_a_changed_one_in_full(tmp_path):
    stylesheet, page = tmp_path / "site.css", tmp_path / "index.html"
    stylesheet.write_text("body { color: black }")
    page.write_text("<html></html>")

    def server(environ, start_response):  # as MkDocs' live-reload server answers a file
        start_response("200 OK", [("Content-Type", "text/plain")])
        return wsgiref.util.FileWrapper(open(tmp_path / environ["PATH_INFO"].lstrip("/"), "rb"))

    app = _serve_cache.with_validators(server)
    status, headers, body = answer(app, "/site.css")
    assert (status, headers["Cache-Control"], body) == ("200 OK", "no-cache", b"body { color: black }")
    status, _, body = answer(app, "/site.css", headers["ETag"])
    assert (status, body) == ("304 Not Modified", b"")
    stylesheet.write_text("body { color: navy }")
    status, changed, body = answer(app, "/site.css", headers["ETag"])
    assert (status, body) == ("200 OK", b"body { color: navy }") and changed["ETag"] != headers["ETag"]
    assert "ETag" not in answer(app, "/index.html")[1]  # pages carry the live-reload script: always sent whole


class Observer:
    """Stands for the server's observer, which looks every 0.1 s: here it never looks by itself."""

    def __init__(self):
        self.handlers = []
        self.stopped = False

    def schedule(self, handler, path, recursive=True):
        self.handlers.append(handler)

    def stop(self):
        self.stopped = True


def test_a_change_is_reported_at_once_where_the_system_reports_changes(tmp_path):
    reported = []
    server = SimpleNamespace(observer=Observer(), builder=lambda: None)
    _serve_watch.watch_content(server)
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = reported.append
    server.observer.schedule(handler, str(tmp_path))
    (tmp_path / "option.yml").write_text("tagline: saved\n")
    deadline = time.monotonic() + 5
    while not any(event.src_path == str(tmp_path / "option.yml") for event in reported) and time.monotonic() < deadline:
        time.sleep(0.01)
    server.observer.stop()
    assert server.observer.stopped
    assert any(event.src_path == str(tmp_path / "option.yml") for event in reported)


def test_a_change_the_last_rebuild_read_starts_no_other(tmp_path, monkeypatch):
    monkeypatch.setattr(_serve_watch, "_system_observer", lambda server: None)  # reports delivered by hand only
    content = tmp_path / "content_data"
    content.mkdir()
    option = content / "option.yml"
    option.write_text("tagline: before\n")
    reported, builds = [], []
    server = SimpleNamespace(observer=Observer(), builder=lambda: builds.append(option.read_text()))
    _serve_watch.watch_content(server)
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = reported.append  # as the server's own handler: any report rebuilds
    server.observer.schedule(handler, str(content))
    (report,) = server.observer.handlers

    option.write_text("")  # an editor's save, seen half-done: reported, a rebuild starts ...
    report.on_any_event(watchdog.events.FileModifiedEvent(str(option)))
    option.write_text("tagline: after\n")  # ... and the save ends before the rebuild reads the file
    server.builder()
    report.on_any_event(watchdog.events.FileModifiedEvent(str(option)))  # the complete file, seen next
    assert builds == ["tagline: after\n"] and len(reported) == 1
    option.write_text("tagline: later\n")  # a later save
    report.on_any_event(watchdog.events.FileModifiedEvent(str(option)))
    assert len(reported) == 2
