"""Glossary terms become tooltips on every page (Markdown abbreviations, styled by the theme)."""

import _guidekit_state


def on_page_markdown(markdown, page, config, files):
    glossary = _guidekit_state.get(config).glossary
    definitions = "\n".join(f"*[{term}]: {definition}" for term, definition in glossary.items())
    return f"{markdown}\n\n{definitions}\n"
