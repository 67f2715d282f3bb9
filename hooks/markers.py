"""Replace `<!-- guidekit:... -->` markers in hand-written pages with data blocks."""

from mkdocs.exceptions import PluginError

import _guidekit_state
from guidekit.render.blocks import MarkerError


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by:
        return markdown
    try:
        return _guidekit_state.get(config).blocks.replace_markers(markdown, page.file.src_uri)
    except MarkerError as error:
        raise PluginError(f"docs/{page.file.src_uri}:{error.line}: {error}") from None
