"""Publish our own JavaScript and CSS minified (the sources in overrides/assets/ stay readable)."""

from pathlib import Path

from guidekit.render.assets import minify_published
from guidekit.site.build import TEMPLATES_FOLDER


def on_post_build(config):
    project_dir = Path(config.config_file_path).parent
    minify_published(project_dir / TEMPLATES_FOLDER / "assets", Path(config.site_dir))
