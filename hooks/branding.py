"""House colours, logo and favicon from configuration: no code or template edits for site owners.

`extra.branding` (primary, accent) goes into the theme's palette and, for hex colours, into a
generated stylesheet (see guidekit/site/branding.py). `theme.logo` and `theme.favicon` are checked to
be files of the site: an address on another host would break the "no outside requests" promise,
and a mistyped path would otherwise show a broken image without any warning.
"""

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from guidekit.site.branding import STYLESHEET, Branding, BrandingError, branding_css, read_branding


def _branding(config):
    try:
        return read_branding(config.extra.get("branding"))
    except BrandingError as error:
        raise PluginError(f"{config.config_file_path}: {error}") from None


def on_config(config):
    branding = _branding(config)
    if branding == Branding():
        return config
    palette = config.theme.get("palette") or {"scheme": "default"}
    config.theme["palette"] = palette
    options = [palette] if isinstance(palette, dict) else palette  # one scheme, or light and dark
    for setting in ("primary", "accent"):
        if value := branding.palette_value(setting):
            for option in options:
                option[setting] = value
    if branding_css(branding):
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files, config):
    css = branding_css(_branding(config))
    if css:
        files.append(File.generated(config, STYLESHEET, content=css))
    for setting in ("logo", "favicon"):
        path = config.theme.get(setting)
        if not path:
            continue
        if "//" in path or path.startswith("data:"):
            raise PluginError(
                f"theme.{setting}: {path!r} is a web address; put the image in docs/ (e.g. docs/brand/) and give "
                "its path relative to docs/, so the site makes no request to another host"
            )
        if files.get_file_from_path(path) is None:
            raise PluginError(f"theme.{setting}: {path!r} is not a file in {config.docs_dir}/ (paths are relative to it)")
    return files
