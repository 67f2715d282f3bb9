"""Warn (and so, in strict mode, fail the build) when a page carries code a strict CSP blocks.

Intranets that send `script-src 'self'; style-src 'self'` refuse inline scripts and styles;
such a page would silently lose its search, palette toggle or checklist there. Catching it at
build time names the page. (`mkdocs serve` adds its live-reload script after this check.) The live
preview remembers the pages it found clean and checks only new HTML (_preview_store.py).
"""

from mkdocs.plugins import get_plugin_logger

import _preview_store
from guidekit.site.inline_code import find_inline_code

log = get_plugin_logger(__name__)


def on_post_page(output, page, config):
    _check(output, f"docs/{page.file.src_uri}" if not page.file.generated_by else page.file.src_uri, config)
    return output


def on_post_template(output_content, template_name, config):
    _check(output_content, f"theme template {template_name}", config)
    return output_content


def _check(html: str, source: str, config) -> None:
    store = _preview_store.store(config)
    if store is not None and store.get("csp-clean", html.encode()):
        return
    findings = find_inline_code(html)
    if store is not None and not findings:
        store.put("csp-clean", html.encode(), True)
    for found in findings:
        log.warning(
            f"{source}: {found}. A strict Content-Security-Policy (script-src 'self'; style-src 'self') "
            "blocks it: put scripts in overrides/assets/javascripts/ and styles in a stylesheet instead"
        )
