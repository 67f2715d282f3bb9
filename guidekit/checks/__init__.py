"""The checks layer: what a loaded guide means. Cross-references, logic, the scoring rule's checks through
the embedded engine, currency and sources. May import guidekit.load and guidekit.model."""
