"""Build and live-reload speed: compiled theme templates kept between builds, a quicker reaction
to a saved content file under `mkdocs serve`, and, in the preview, no second Markdown rendering
or search indexing of a page that did not change.

MkDocs compiles every theme template (Material's some fifty) on every build, and `mkdocs serve`
on every rebuild (the search plugin, too, compiles the theme's labels three times a build); with
a bytecode cache they are compiled once and reused while unchanged (the cache checks each
template's source). `mkdocs serve` looks for changed files every 0.5 s and
waits another 0.1 s for more changes before it rebuilds; for content_data/ (watched through
mkdocs.yml's `watch`, which MkDocs schedules after this hook's on_serve) it looks every 0.1 s,
also listens to the system's change reports where there are any, starts one rebuild per save
(_serve_watch.py), and waits 0.02 s: a saved file arrives in one piece. The reloaded page gets
its unchanged stylesheets and scripts as "304 Not Modified" (_serve_cache.py).

MkDocs also lists the theme's files on every build, walking Material's some 14,500 (mostly
icons), and filters the list by name; the preview keeps the listing while the theme's folders
are unchanged, and the filtered list while the listing and the filter are.

Turning each page's Markdown into HTML is most of a rebuild, and indexing it for search the next
largest part; both are kept in the preview's store (_preview_store.py). A page's rendering is
keyed by everything it reads: the page's final Markdown, the Markdown settings, and every file's
address (links are resolved against them). A long generated page (the whole guide on one page)
is rendered section by section, each section kept likewise (_sectioned_render.py). A page whose
rendering logs anything (a broken link, say) is rendered every time, so its messages are never
lost. A page's search entries are keyed by its HTML, address, title, table of contents and
search settings.
"""

import logging
import os
import pickle
import threading

import jinja2
from mkdocs.plugins import event_priority

import _preview_store
import _sectioned_render
import _serve_cache
import _serve_watch

CONTENT_POLL_S = 0.1
REBUILD_DELAY_S = 0.02
_RENDERING_INPUTS = "guidekit_rendering_inputs"


@event_priority(50)  # before the search plugin's on_config, which makes three environments for its labels
def on_config(config):
    """Every Jinja environment MkDocs and its plugins make for the theme shares the bytecode cache."""
    make_environment = config.theme.get_env
    store = _preview_store.store(config)

    def environment_with_cache():
        env = make_environment()
        env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        if store is not None:
            env.loader.list_templates = _listed_through(store, env.loader)
            env.list_templates = _filtered_through(store, env, sorted(config.theme.static_templates))
        return env

    config.theme.get_env = environment_with_cache
    return config


def on_serve(server, config, builder):
    server.build_delay = REBUILD_DELAY_S
    # The observer hands its timeout to every watch scheduled after this (watchdog's BaseObserver
    # keeps it in `_timeout`, read through its `timeout` property); an unknown observer keeps its own.
    if hasattr(server.observer, "_timeout"):
        server.observer._timeout = CONTENT_POLL_S
    _serve_cache.answer_unchanged_files(server)
    _serve_watch.watch_content(server)
    return server


def on_pre_build(config):
    store = _preview_store.store(config)
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if store is not None and index is not None:
        _index_through(store, index)


def on_nav(nav, config, files):
    """Once the site's files are known: what every page's rendering reads besides its own Markdown."""
    if _preview_store.store(config) is not None:
        settings = (config.markdown_extensions, config.mdx_configs, config.validation, config.use_directory_urls)
        addresses = sorted((file.src_uri, file.url, str(file.inclusion)) for file in files)
        config[_RENDERING_INPUTS] = repr((settings, addresses)).encode()
    return nav


def on_pre_page(page, config, files):
    store = _preview_store.store(config)
    if store is not None:
        _render_through(store, page, config[_RENDERING_INPUTS])
    return page


def on_post_build(config):
    store = _preview_store.store(config)
    if store is not None:
        store.forget_unused()


def _listed_through(store, loader):
    """MkDocs lists the theme's files on every build (Jinja walks its folders, Material's hold some
    14,500 files); the preview keeps the listing while no folder's modification time changes
    (adding, removing or renaming a file, or a folder, changes its folder's)."""
    list_templates = loader.list_templates
    inputs = repr((loader.searchpath, loader.followlinks)).encode()

    def list_or_reuse():
        stored = store.get("theme-listing", inputs)
        if stored is None or any(_modified(folder) != time for folder, time in stored["folders"].items()):
            folders = {folder: _modified(folder) for top in loader.searchpath for folder, _, _ in os.walk(top, followlinks=loader.followlinks)}
            stored = {"folders": folders, "names": list_templates()}  # the times taken first: a change meanwhile lists again
            store.put("theme-listing", inputs, stored)
        return stored["names"]

    return list_or_reuse


def _filtered_through(store, env, static_templates: list[str]):
    """MkDocs then picks the theme's static files from that listing by name, some 14,500 pattern
    tests; the preview keeps the result for the same names and the same filter: its code, and the
    theme's static_templates, the one setting MkDocs' filter reads."""
    list_templates = env.list_templates

    def list_or_reuse(extensions=None, filter_func=None):
        if filter_func is None:
            return list_templates(extensions)
        code = filter_func.__code__
        inputs = pickle.dumps((env.loader.list_templates(), code.co_code, repr(code.co_consts), code.co_names, static_templates))
        names = store.get("theme-files", inputs)
        if names is None:
            names = list_templates(filter_func=filter_func)
            store.put("theme-files", inputs, names)
        return names

    return list_or_reuse


def _modified(folder: str) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None  # gone


def _render_through(store, page, shared: bytes) -> None:
    render = page.render  # MkDocs' own rendering, for a page whose inputs are new

    def render_or_reuse(config, files):
        inputs = shared + repr((page.file.src_uri, page.markdown)).encode()
        stored = store.get("page", inputs)
        if stored is not None:
            _restore(page, stored, files)
            return
        with _LogRecords() as records:
            cut = page.file.generated_by and _sectioned_render.can_render(config) and _sectioned_render.sections(page.markdown)
            if not (cut and _render_in_sections(store, page, config, files, shared, *cut)):
                render(config, files)
        if not records:
            store.put("page", inputs, _rendering(page))

    page.render = render_or_reuse


def _render_in_sections(store, page, config, files, shared: bytes, parts: list[str], definitions: str) -> bool:
    """A long generated page, section by section: a section whose text is unchanged is reused
    (_sectioned_render.py). False if a section did not render as a part of a page."""
    rendered = []
    for part in parts:
        inputs = shared + repr((page.file.src_uri, part, definitions)).encode()
        section = store.get("section", inputs)
        if section is None:
            with _LogRecords() as records:
                section = _sectioned_render.render_section(page, config, files, part, definitions)
            if section is None:
                return False
            if not records:
                store.put("section", inputs, section)
        rendered.append(section)
    _sectioned_render.join(page, rendered, files)
    return True


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


def _index_through(store, index) -> None:
    """Material's search index adds a page's entries from its HTML, address, title and table of contents."""
    add = index.add_entry_from_context

    def add_or_reuse(page):
        meta = {name: page.meta.get(name) for name in ("title", "tags", "search")}
        inputs = pickle.dumps((repr(index.config), page.content, page.url, page.title, meta, page.toc))
        entries = store.get("search", inputs)
        if entries is None:
            before = len(index.entries)
            add(page)
            entries = index.entries[before:]
            store.put("search", inputs, entries)
        else:
            index.entries.extend(entries)

    index.add_entry_from_context = add_or_reuse


class _LogRecords(logging.Handler):
    """Collects what this thread logs meanwhile (MkDocs' loggers do not pass their records on to the root)."""

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
