"""Full builds in a temporary folder, asserting on the HTML and the search index."""

import json


def test_shipped_guide_builds_every_page(shipped_site):
    guide = shipped_site / "fine-tuning-vs-prompting"
    for page in ["index.html", "comparison/index.html", "options/fine-tuning/index.html", "options/prompting/index.html",
                 "options/rag/index.html", "considerations/index.html", "checklist/index.html", "glossary/index.html",
                 "sources/index.html"]:
        assert (guide / page).is_file(), page
    assert (shipped_site / "index.html").is_file()


def test_generated_pages_are_in_the_search_index(shipped_site):
    index = json.loads((shipped_site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "fine-tuning-vs-prompting/comparison/#aspect-cost" in locations
    assert "fine-tuning-vs-prompting/options/fine-tuning/#pros" in locations
