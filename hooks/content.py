"""Load, validate and render all content, before MkDocs cleans or writes anything in site/.

MkDocs runs `on_config` before it empties the output folder. With `mkdocs build`, a content
error stops the build with the editor's list of problems and leaves the previous site as it
was. With `mkdocs serve`, stopping would make the browser hang until the file is fixed, so the
build goes on instead: every guide page, and the top of every hand-written page, lists the
problems, and live reload brings the guide back as soon as the file is saved without errors.

Warnings (e.g. an item overdue for review) are logged at INFO level: `--strict` counts every
logged warning as a failure, and a warning must never stop a build.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

import _guidekit_state
from guidekit.address import SiteAddress
from guidekit.build import prepare_build, prepare_problem_preview
from guidekit.problems import ContentError, format_report

log = logging.getLogger("mkdocs.hooks.guidekit")


def on_startup(command, dirty):
    _guidekit_state.remember_command(command)


def on_config(config):
    project_dir = Path(config.config_file_path).parent
    try:
        build = prepare_build(project_dir, _address(config))
    except ContentError as error:
        if not _guidekit_state.is_live_preview():
            raise PluginError(
                f"The content has {error.summary()} to fix "
                f"(nothing was published; the previous site is unchanged):\n{error.report()}"
            ) from None
        log.info(f"The content has {error.summary()}; the preview lists them on every page:\n{error.report()}")
        build = prepare_problem_preview(project_dir, error.problems)
    else:
        if build.problems:
            log.info(f"Content warnings (they do not stop the build):\n{format_report(build.problems)}")
    _guidekit_state.put(config, build)
    return config


def _address(config) -> SiteAddress:
    offline = config.plugins.get("material/offline")  # the offline bundle (scripts/build_offline.py)
    return SiteAddress(
        config.site_url or None, config.use_directory_urls, from_disk=bool(offline and offline.config.enabled), site_name=config.site_name
    )


def on_page_markdown(markdown, page, config, files):
    """In a problem preview, hand-written pages open with the list of problems."""
    build = _guidekit_state.get(config)
    if build.failed and not page.file.generated_by:
        return f"{build.problem_banner}\n\n{markdown}"
    return markdown
