"""Hands the prepared build from one hook to the next through the config object.

The config is created anew for every build (also on each `mkdocs serve` rebuild), so
nothing survives from one build to the next; hook modules themselves keep no state.
"""

from guidekit.build import Build

_KEY = "guidekit_build"


def put(config, build: Build) -> None:
    config[_KEY] = build


def get(config) -> Build:
    return config[_KEY]
