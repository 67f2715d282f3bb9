"""Load, validate and render all content, before MkDocs cleans or writes anything in site/.

MkDocs runs `on_config` before it empties the output folder, so a content mistake stops
the build with the editor's list of problems and leaves the previous site as it was.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

import _guidekit_state
from guidekit.address import SiteAddress
from guidekit.build import prepare_build
from guidekit.problems import ContentError


def on_config(config):
    project_dir = Path(config.config_file_path).parent
    try:
        offline = config.plugins.get("material/offline")  # the offline bundle (scripts/build_offline.py)
        address = SiteAddress(config.site_url or None, config.use_directory_urls, from_disk=bool(offline and offline.config.enabled))
        _guidekit_state.put(config, prepare_build(project_dir, address))
    except ContentError as error:
        count = len(error.problems)
        raise PluginError(
            f"The content has {count} problem{'s' if count != 1 else ''} to fix "
            f"(nothing was published; the previous site is unchanged):\n{error.report()}"
        ) from None
    return config
