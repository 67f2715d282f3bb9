"""The render layer: checked guides to pages and files. Markdown pages, blocks, field reference, JSON
schema, export, feed, decision picture, published assets. May import the layers below (checks, load, model)."""
