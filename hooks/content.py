"""Load, validate and render all content, before MkDocs cleans or writes anything in site/.

MkDocs runs `on_config` before it empties the output folder. With `mkdocs build`, a content
error in any published guide stops the build with the editor's list of problems and leaves the
previous site as it was; draft guides (`status: draft`) are left out. With `mkdocs serve`,
stopping would make the browser hang until the file is fixed, so the preview shows every guide,
drafts included and labelled: a guide with errors lists its problems on its own pages, every
other page renders as usual, and live reload brings the guide back once the file is fixed.

Warnings (e.g. an item overdue for review) are logged at INFO level: `--strict` counts every
logged warning as a failure, and a warning must never stop a build.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

import _guidekit_state
import _preview_store
from guidekit.render.address import SiteAddress
from guidekit.site.build import prepare_build, prepare_preview
from guidekit.model.problems import ContentError, count_problems, format_report

log = logging.getLogger("mkdocs.hooks.guidekit")


def on_startup(command, dirty):
    _guidekit_state.remember_command(command)


def on_config(config):
    project_dir = Path(config.config_file_path).parent
    if _guidekit_state.is_live_preview():
        build = prepare_preview(project_dir, _address(config), reuse=_preview_store.store(config))
        if build.failed:
            log.info(f"The content has {count_problems(build.problems)}; the preview lists them on the pages they concern:\n{format_report(build.problems)}")
    else:
        try:
            build = prepare_build(project_dir, _address(config))
        except ContentError as error:
            raise PluginError(f"The content has {error.summary()} to fix (nothing was published; the previous site is unchanged):\n{error.report()}") from None
    if build.problems and not build.failed:
        log.info(f"Content warnings (they do not stop the build):\n{format_report(build.problems)}")
    _guidekit_state.put(config, build)
    return config


def _address(config) -> SiteAddress:
    offline = config.plugins.get("material/offline")  # the offline bundle (scripts/build_offline.py)
    return SiteAddress(config.site_url or None, config.use_directory_urls, from_disk=bool(offline and offline.config.enabled), site_name=config.site_name)


def on_page_markdown(markdown, page, config, files):
    """When no guide can be shown at all, hand-written pages open with the list of problems."""
    build = _guidekit_state.get(config)
    if build.problem_banner and not page.file.generated_by:
        return f"{build.problem_banner}\n\n{markdown}"
    return markdown
