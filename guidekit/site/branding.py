"""House colours from configuration (`extra.branding` in mkdocs.yml), with no code or template edits.

An intranet owner gives a primary and an accent colour, each either one of Material's colour
names or a hex colour. Names go straight into the theme's palette. Hex colours become the
palette's "custom" colour plus a generated stylesheet that sets Material's colour variables;
that keeps the strict Content-Security-Policy intact (no inline styles). Link colours are
darkened or lightened where needed so links stay readable (contrast 4.5:1) in light and dark mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRIMARY_NAMES = (
    "red",
    "pink",
    "purple",
    "deep-purple",
    "indigo",
    "blue",
    "light-blue",
    "cyan",
    "teal",
    "green",
    "light-green",
    "lime",
    "yellow",
    "amber",
    "orange",
    "deep-orange",
    "brown",
    "grey",
    "blue-grey",
    "black",
    "white",
)
ACCENT_NAMES = PRIMARY_NAMES[: PRIMARY_NAMES.index("deep-orange") + 1]  # Material has no brown, grey, black or white accent
SETTINGS = {"primary": PRIMARY_NAMES, "accent": ACCENT_NAMES}
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
STYLESHEET = "assets/stylesheets/branding.css"

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
SLATE_BACKGROUND = (30, 33, 41)  # Material's dark background, hsl(225deg 15% 14%)
READABLE = 4.5  # WCAG AA contrast for body text


class BrandingError(ValueError):
    """A mistake in `extra.branding`, worded for the person who edits mkdocs.yml."""


@dataclass(frozen=True)
class Branding:
    """Each colour is a Material colour name, a "#rrggbb" hex colour, or None (theme default)."""

    primary: str | None = None
    accent: str | None = None

    def palette_value(self, setting: str) -> str | None:
        """What the theme's palette gets for `setting`: the name, or "custom" for a hex colour."""
        value = getattr(self, setting)
        return "custom" if value and value.startswith("#") else value


def read_branding(values: object) -> Branding:
    if values is None:
        return Branding()
    if not isinstance(values, dict):
        raise BrandingError('extra.branding must be a mapping with primary and/or accent, e.g.\n  branding:\n    primary: "#005a9c"\n    accent: "#e35d00"')
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise BrandingError(
            f"extra.branding.{unknown[0]} is not a branding setting: use primary or accent. "
            "(The site name, logo and favicon are site_name, theme.logo and theme.favicon.)"
        )
    return Branding(**{setting: _read_colour(setting, values[setting]) for setting in SETTINGS if setting in values})


def _read_colour(setting: str, value: object) -> str:
    if value is None:
        raise BrandingError(
            f'extra.branding.{setting} is empty. A hex colour needs quotes, {setting}: "#005a9c": without them YAML reads # as the start of a comment'
        )
    text = str(value).strip()
    if HEX_COLOUR.fullmatch(text):
        digits = text[1:].lower()
        return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))
    name = text.lower().replace(" ", "-")
    if name in SETTINGS[setting]:
        return name
    hint = " (hex colours have 3 or 6 digits, 0-9 and a-f)" if text.startswith("#") else ""
    raise BrandingError(
        f'extra.branding.{setting}: {value!r} is neither a hex colour like "#005a9c" nor one of the theme\'s '
        f"{setting} colour names: {', '.join(SETTINGS[setting])}{hint}"
    )


def branding_css(branding: Branding) -> str | None:
    """The stylesheet for hex colours, or None when the palette's names cover everything."""
    rules = []
    if branding.palette_value("primary") == "custom":
        colour = _rgb(branding.primary)
        on_colour = _text_on(colour)
        rules.append(
            _rule(
                "[data-md-color-primary=custom]",
                {
                    "--md-primary-fg-color": branding.primary,
                    "--md-primary-fg-color--light": _hex(_mix(colour, WHITE, 0.15)),
                    "--md-primary-fg-color--dark": _hex(_mix(colour, BLACK, 0.2)),
                    "--md-primary-bg-color": _hex(on_colour),
                    "--md-primary-bg-color--light": _hex(on_colour) + "b3",
                },
            )
        )
        rules.append(
            _rule(
                "[data-md-color-scheme=default][data-md-color-primary=custom]",
                {
                    "--md-typeset-a-color": _hex(_readable_on(colour, WHITE, towards=BLACK)),
                },
            )
        )
        rules.append(
            _rule(
                "[data-md-color-scheme=slate][data-md-color-primary=custom]",
                {
                    "--md-typeset-a-color": _hex(_readable_on(colour, SLATE_BACKGROUND, towards=WHITE)),
                },
            )
        )
    if branding.palette_value("accent") == "custom":
        colour = _rgb(branding.accent)
        on_colour = _text_on(colour)
        rules.append(
            _rule(
                "[data-md-color-accent=custom]",
                {
                    "--md-accent-fg-color": branding.accent,
                    "--md-accent-fg-color--transparent": branding.accent + "1a",
                    "--md-accent-bg-color": _hex(on_colour),
                    "--md-accent-bg-color--light": _hex(on_colour) + "b3",
                },
            )
        )
    if not rules:
        return None
    return "/* Generated from extra.branding in mkdocs.yml; edit that, not this file. */\n" + "\n".join(rules)


def _rule(selector: str, declarations: dict[str, str]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in declarations.items())
    return f"{selector} {{\n{body}}}\n"


# ---- Colour arithmetic (sRGB, WCAG 2 relative luminance) --------------------------------

RGB = tuple[int, int, int]


def _rgb(hex_colour: str) -> RGB:
    return tuple(int(hex_colour[index : index + 2], 16) for index in (1, 3, 5))  # type: ignore[return-value]


def _hex(colour: RGB) -> str:
    return "#" + "".join(f"{channel:02x}" for channel in colour)


def _mix(colour: RGB, other: RGB, share_of_other: float) -> RGB:
    return tuple(round(a + (b - a) * share_of_other) for a, b in zip(colour, other, strict=True))  # type: ignore[return-value]


def _luminance(colour: RGB) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: RGB, second: RGB) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _text_on(colour: RGB) -> RGB:
    """White or black, whichever reads better on `colour`."""
    return WHITE if contrast(WHITE, colour) >= contrast(BLACK, colour) else BLACK


def _readable_on(colour: RGB, background: RGB, towards: RGB) -> RGB:
    """`colour` itself if it reads on `background`, else the least mix towards `towards` that does."""
    for step in range(21):
        candidate = _mix(colour, towards, step / 20)
        if contrast(candidate, background) >= READABLE:
            return candidate
    return towards
