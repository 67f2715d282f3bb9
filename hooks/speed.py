"""Build and live-reload speed: compiled theme templates kept between builds, a quicker reaction
to a saved content file under `mkdocs serve`, and, in the preview, no second Markdown rendering
of a page whose Markdown did not change.

MkDocs compiles every theme template (Material's some fifty) on every build, and `mkdocs serve`
on every rebuild; with a bytecode cache they are compiled once and reused while unchanged (the
cache checks each template's source). `mkdocs serve` looks for changed files every 0.5 s and
waits another 0.1 s for more changes before it rebuilds; for content_data/ (watched through
mkdocs.yml's `watch`, which MkDocs schedules after this hook's on_serve) it looks every 0.1 s,
and it waits 0.02 s: a saved file arrives in one piece.

Under `mkdocs serve` every save rebuilds the whole site, and turning each page's Markdown into
HTML is most of a rebuild; a saved YAML file changes the Markdown of a few pages only. So the
preview keeps each page's rendering in a hidden folder of its temporary site folder (MkDocs never
empties hidden entries there, and deletes the folder when it stops) under a digest of everything
the rendering reads: the page's final Markdown, the Markdown settings, and every file's address
(links are resolved against them). A page whose digest is unchanged takes its HTML, table of
contents and anchors from there. A page whose rendering logs anything (a broken link, say) is
rendered every time, so its messages are never lost. `mkdocs build` renders every page as always.
"""

import hashlib
import logging
import pickle
import threading
from pathlib import Path

import jinja2

import _guidekit_state

CONTENT_POLL_S = 0.1
REBUILD_DELAY_S = 0.02
RENDERED_FOLDER = ".guidekit-rendered"  # hidden: MkDocs' clean-up of the site folder leaves it alone
_BUILD_KEY = "guidekit_rendering_inputs"


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env


def on_serve(server, config, builder):
    server.build_delay = REBUILD_DELAY_S
    # The observer hands its timeout to every watch scheduled after this (watchdog's BaseObserver
    # keeps it in `_timeout`, read through its `timeout` property); an unknown observer keeps its own.
    if hasattr(server.observer, "_timeout"):
        server.observer._timeout = CONTENT_POLL_S
    return server


def on_nav(nav, config, files):
    """The inputs every page's rendering shares, fixed once the site's files are known (this build only)."""
    if _guidekit_state.is_live_preview():
        config[_BUILD_KEY] = _RenderingInputs(config, files)
    return nav


def on_pre_page(page, config, files):
    inputs = config.get(_BUILD_KEY)
    if inputs is not None:
        render = page.render  # MkDocs' own rendering, used when the page has no reusable one
        page.render = lambda config, files: inputs.render(page, render, config, files)
    return page


def on_post_build(config):
    inputs = config.get(_BUILD_KEY)
    if inputs is not None:
        inputs.forget_unused()


class _RenderingInputs:
    """One build's shared rendering inputs, and the renderings it used (the others are deleted after it)."""

    def __init__(self, config, files):
        self.folder = Path(config.site_dir) / RENDERED_FOLDER
        settings = (config.markdown_extensions, config.mdx_configs, config.validation, config.use_directory_urls)
        addresses = sorted((file.src_uri, file.url, str(file.inclusion)) for file in files)
        self.shared = repr((settings, addresses)).encode()
        self.used: set[str] = set()

    def render(self, page, render, config, files) -> None:
        digest = hashlib.sha256(self.shared + repr((page.file.src_uri, page.markdown)).encode()).hexdigest()
        self.used.add(digest)
        stored = self.folder / digest
        if stored.is_file():
            _restore(page, pickle.loads(stored.read_bytes()), files)
            return
        with _LogRecords() as records:
            render(config, files)
        if not records:
            self.folder.mkdir(exist_ok=True)
            stored.write_bytes(pickle.dumps(_rendering(page)))

    def forget_unused(self) -> None:
        for stored in self.folder.glob("*") if self.folder.is_dir() else []:
            if stored.name not in self.used:
                stored.unlink()


def _rendering(page) -> dict:
    """What MkDocs' Page.render sets on the page; links to other pages by their source path."""
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return {
        "content": page.content,
        "toc": page.toc,
        "_title_from_render": page._title_from_render,
        "present_anchor_ids": page.present_anchor_ids,
        "links_to_anchors": links if page.links_to_anchors is not None else None,
    }


def _restore(page, rendering: dict, files) -> None:
    links = rendering.pop("links_to_anchors")
    for name, value in rendering.items():
        setattr(page, name, value)
    if links is not None:
        page.links_to_anchors = {files.get_file_from_path(src_uri): anchors for src_uri, anchors in links.items()}


class _LogRecords(logging.Handler):
    """Collects what is logged meanwhile (MkDocs' loggers do not pass their records on to the root)."""

    LOGGERS = ("", "mkdocs")

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if record.thread == threading.get_ident():  # not the server's own messages about browsers
            self.records.append(record)

    def __enter__(self):
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self.records

    def __exit__(self, *exc):
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
