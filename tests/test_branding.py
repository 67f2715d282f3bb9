"""Branding from configuration: site name, logo and colours, set by an intranet owner in YAML only."""

from __future__ import annotations

import re
import shutil

import material
import pytest
from pathlib import Path

from browser_checks import strict_policy_header
from conftest import serve_folder
from guidekit.site.branding import (
    SLATE_BACKGROUND,
    WHITE,
    Branding,
    BrandingError,
    branding_css,
    contrast,
    read_branding,
)

MATERIAL_FAVICON = Path(material.__file__).parent / "templates" / "assets" / "images" / "favicon.png"

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="#e35d00"/></svg>'
DOCS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "intranet.md"


def owner_config() -> str:
    """The example configuration file docs/intranet.md tells owners to write (its first YAML block)."""
    [block] = re.findall(r"```yaml\n(# mkdocs\.intranet\.yml\n.*?)```", DOCS_PAGE.read_text(encoding="utf-8"), re.S)
    return block


# ---- Reading the settings ----------------------------------------------------------------


def test_colours_are_normalised():
    branding = read_branding({"primary": "#0A6", "accent": "Deep Orange"})
    assert branding == Branding(primary="#00aa66", accent="deep-orange")
    assert branding.palette_value("primary") == "custom"
    assert branding.palette_value("accent") == "deep-orange"
    assert read_branding(None) == Branding()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"primary": "#12345"}, "extra.branding.primary: '#12345' is neither a hex colour like \"#005a9c\" nor one of"),
        ({"accent": "black"}, "accent colour names: red, pink,"),
        ({"primary": "#12345"}, "(hex colours have 3 or 6 digits, 0-9 and a-f)"),
        ({"accent": None}, 'extra.branding.accent is empty. A hex colour needs quotes, accent: "#005a9c": without them'),
        (
            {"logo": "x.png"},
            "extra.branding.logo is not a branding setting: use primary or accent. (The site name, "
            "logo and favicon are site_name, theme.logo and theme.favicon.)",
        ),
        ("#005a9c", "extra.branding must be a mapping with primary and/or accent"),
    ],
)
def test_mistakes_are_explained(values, message):
    with pytest.raises(BrandingError) as caught:
        read_branding(values)
    assert message in str(caught.value)


def test_named_colours_need_no_stylesheet():
    assert branding_css(Branding(primary="teal", accent="amber")) is None


@pytest.mark.parametrize("primary", ["#ffd54f", "#0a6e4f", "#000080", "#7f7f7f"])
def test_links_stay_readable_in_light_and_dark_mode_whatever_the_colour(primary):
    css = branding_css(Branding(primary=primary))
    light_link, dark_link = (
        _hex_to_rgb(css.split(selector)[1].split("--md-typeset-a-color: ")[1][:7])
        for selector in ("[data-md-color-scheme=default]", "[data-md-color-scheme=slate]")
    )
    assert contrast(light_link, WHITE) >= 4.5
    assert contrast(dark_link, SLATE_BACKGROUND) >= 4.5


def test_text_on_a_light_primary_is_dark():
    css = branding_css(Branding(primary="#ffd54f"))
    assert "--md-primary-bg-color: #000000;" in css
    assert "--md-primary-bg-color: #ffffff;" in branding_css(Branding(primary="#0a6e4f"))


def _hex_to_rgb(text: str):
    return tuple(int(text[index : index + 2], 16) for index in (1, 3, 5))


# ---- A real build with an owner's configuration file -------------------------------------


def owner_project(mini_project, **replace):
    """The mini project with the documented owner file (edited by `replace`) and its images."""
    mini_project.write("docs/brand/logo.svg", LOGO)
    shutil.copy(MATERIAL_FAVICON, mini_project.write("docs/brand/favicon.png", ""))
    config = owner_config()
    for old, new in replace.items():
        assert old in config, old
        config = config.replace(old, new)
    mini_project.write("mkdocs.intranet.yml", config)
    return mini_project


def test_owner_file_brands_the_site(mini_project, open_strict_page):
    result = owner_project(mini_project).build("-f", "mkdocs.intranet.yml")
    assert result.returncode == 0, result.output
    home = result.page("index.html")
    assert "<title>" in home and "Acme Marketing Guides</title>" in home
    assert '<img src="brand/logo.svg" alt="logo">' in home
    assert '<link rel="icon" href="brand/favicon.png">' in home
    assert 'data-md-color-primary="custom" data-md-color-accent="custom"' in home
    assert '<link rel="stylesheet" href="assets/stylesheets/branding.css">' in home
    assert "--md-primary-fg-color: #005a9c;" in (result.site / "assets/stylesheets/branding.css").read_text()

    url, server = serve_folder(result.site, headers=strict_policy_header())
    page, watch = open_strict_page(url)
    try:
        page.goto(url, wait_until="networkidle")
        header = page.locator(".md-header")
        assert header.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(0, 90, 156)"
        assert page.locator(".md-header__button.md-logo img").evaluate("image => image.naturalWidth") > 0
        assert watch.take() == []
    finally:
        server.shutdown()


def test_material_colour_names_go_into_the_palette(mini_project):
    result = owner_project(mini_project, **{'"#005a9c"': "teal", '"#e35d00"': "amber"}).build("-f", "mkdocs.intranet.yml")
    assert result.returncode == 0, result.output
    home = result.page("index.html")
    assert 'data-md-color-primary="teal" data-md-color-accent="amber"' in home
    assert "branding.css" not in home
    assert not (result.site / "assets/stylesheets/branding.css").exists()


@pytest.mark.parametrize(
    "replace, message",
    [
        ({'primary: "#005a9c"': "primary: navy"}, "extra.branding.primary: 'navy' is neither a hex colour"),
        ({"logo: brand/logo.svg": "logo: https://cdn.example/logo.png"}, "theme.logo: 'https://cdn.example/logo.png' is a web address; put the image in docs/"),
        ({"favicon: brand/favicon.png": "favicon: brand/favicon.ico"}, "theme.favicon: 'brand/favicon.ico' is not a file in"),
    ],
)
def test_branding_mistakes_stop_the_build_with_a_clear_message(mini_project, replace, message):
    result = owner_project(mini_project, **replace).build("-f", "mkdocs.intranet.yml")
    assert result.returncode != 0
    assert message in result.output
    assert "Traceback" not in result.output
