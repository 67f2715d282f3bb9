"""Check every link in a built site: internal links and #anchors must resolve; external links
are listed (never fetched: the build machine may have no internet access).

    python scripts/link_report.py [SITE_DIR]     (default: site/, built with `make build`)

Prints the external links with the pages that use them, then any broken internal link, and
exits with status 1 if there is one. tests/test_links.py runs the same crawl on the test build.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from guidekit.site.link_check import crawl  # noqa: E402  (run as a script from any folder)


def _site_url_from_config(config: Path) -> str:
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    url = match.group(1) if match else "http://localhost/"
    return url if url.endswith("/") else url + "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--site-url", help="the address the site was built for (default: site_url in mkdocs.yml)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"No built site in {args.site}/: run `make build` first.")
        return 1
    report = crawl(args.site, args.site_url or _site_url_from_config(Path("mkdocs.yml")))
    print(f"External links ({len(report.external)}, not fetched):\n{report.format_external()}\n")
    print(f"Checked {report.internal} internal links on {report.pages} pages: ", end="")
    if report.broken:
        print(f"{len(report.broken)} broken.\n{report.format_broken()}")
        return 1
    print("none broken.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
