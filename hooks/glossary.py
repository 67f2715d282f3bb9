"""Glossary terms become tooltips on every page (Markdown abbreviations, styled by the theme)."""

import _guidekit_state


def on_config(config):
    # The abbreviation extension's own glossary, which it applies to every page as if each ended
    # with the terms' definitions (written there, they cost each page its parsing: some 1 ms,
    # and, as one paragraph, the square of their number).
    settings = config.mdx_configs.setdefault("abbr", {})
    settings["glossary"] = {**settings.get("glossary", {}), **_guidekit_state.get(config).glossary}
    return config
