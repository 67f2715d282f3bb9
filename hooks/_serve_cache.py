"""Lets the browser keep the preview's stylesheets, scripts and images between reloads.

MkDocs' live-reload server sends every file without a validator or a cache header, so after
each rebuild the reloaded page fetches all of them again in full (Material's stylesheet and
bundle alone are some 250 kB). Wrapped around the server's WSGI application, this gives each
file but the pages an ETag made from its content and asks the browser to check it each time
(`no-cache`): an unchanged file is answered "304 Not Modified" without a body and the browser
reuses what it has; a changed one (an edited stylesheet, a rebuilt search index) arrives as
usual. Pages are left alone: the server adds the live-reload script to each page it sends.
Only `mkdocs serve` runs this; built sites are unaffected.
"""

import hashlib
import os

from mkdocs import livereload

_PAGE_SUFFIXES = (".html", "/")


def answer_unchanged_files(server) -> None:
    server.set_app(with_validators(server.get_app()))
    server.RequestHandlerClass = _quiet_about_unchanged(server.RequestHandlerClass)


def _quiet_about_unchanged(handler_class):
    """The server logs each answer but a 200 as a warning; a 304 is as ordinary (and a warning
    logged during a rebuild would count against `strict: true`)."""

    class Handler(handler_class):
        def log_request(self, code="-", size="-"):
            if str(code) == "304":
                livereload.log.debug(f'"{self.requestline}" code {code}')
            else:
                super().log_request(code, size)

    return Handler


def with_validators(app):
    """`app` answering conditional requests for unchanged files; its other answers unchanged."""
    digests: dict[str, tuple] = {}  # path -> (size, modification time, ETag): each rebuild copies every file again

    def etag_of(path: str) -> str:
        status = os.stat(path)
        known = digests.get(path)
        if known is None or known[:2] != (status.st_size, status.st_mtime_ns):
            with open(path, "rb") as file:
                known = digests[path] = (status.st_size, status.st_mtime_ns, '"' + hashlib.sha256(file.read()).hexdigest()[:32] + '"')
        return known[2]

    def app_with_validators(environ, start_response):
        answer: list = []
        result = app(environ, lambda status, headers, exc_info=None: answer.append((status, headers, exc_info)))
        path = getattr(getattr(result, "filelike", None), "name", None)  # the file a 200 answer sends
        status, headers, exc_info = answer[0]
        if path is None or not status.startswith("200") or environ.get("PATH_INFO", "").endswith(_PAGE_SUFFIXES):
            start_response(status, headers, exc_info)
            return result
        etag = etag_of(path)
        validators = [("ETag", etag), ("Cache-Control", "no-cache")]
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            result.close()
            start_response("304 Not Modified", validators)
            return []
        start_response(status, headers + validators)
        return result

    return app_with_validators
