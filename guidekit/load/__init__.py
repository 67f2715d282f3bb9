"""The load layer: YAML text to models. Composes YAML, explains its syntax errors, reads a guide folder,
turns validation errors into located problems. May import guidekit.model only."""
