"""The model layer: what a guide is. Pydantic content models, default UI labels, located problems,
the Guide and Site containers and the registry of a guide's files and pages. Imports nothing of guidekit above it."""
