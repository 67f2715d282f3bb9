"""Hands the prepared build from one hook to the next through the config object.

The config is created anew for every build (also on each `mkdocs serve` rebuild), so
nothing survives from one build to the next. The one exception is the command MkDocs was
started with, which is fixed for the life of the process: MkDocs reports it once, to
`on_startup`, and `mkdocs serve` keeps this module loaded across its rebuilds.
"""

from guidekit.site.build import Build

_KEY = "guidekit_build"
_command = {"name": "build"}  # `mkdocs build`, and programmatic builds, which never call on_startup


def put(config, build: Build) -> None:
    config[_KEY] = build


def get(config) -> Build:
    return config[_KEY]


def remember_command(command: str) -> None:
    _command["name"] = command


def is_live_preview() -> bool:
    """True under `mkdocs serve` (with `--clean`, MkDocs reports the command as 'build')."""
    return _command["name"] == "serve"
