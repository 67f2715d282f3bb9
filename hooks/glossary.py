"""Glossary terms become tooltips on every page (Markdown abbreviations, styled by the theme)."""

import _guidekit_state


def on_page_markdown(markdown, page, config, files):
    glossary = _guidekit_state.get(config).glossary
    # One paragraph per definition: Python-Markdown takes one definition off the front of a
    # paragraph at a time and looks at the rest afresh, so a single paragraph of them all costs
    # the square of their number (39 terms: some 12 ms a page; apart, 1 ms). The HTML is the same.
    definitions = "\n\n".join(f"*[{term}]: {definition}" for term, definition in glossary.items())
    return f"{markdown}\n\n{definitions}\n"
