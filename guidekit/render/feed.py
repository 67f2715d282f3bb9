"""Each guide's change history as an Atom feed (`<guide>-changes.xml`), for intranet portals and feed readers.

Made with feedgenerator (the standalone feed writer of Django, kept by the Pelican project). Links
are absolute when the site knows its published address (`site_url`, sub-path included), and
relative to the feed file otherwise (a build without `site_url`, and the offline bundle, which is
read from disk), which Atom allows. Entry ids do not depend on the address, so moving the site does not repeat old entries.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid

import feedgenerator

from guidekit.model.guide import Guide
from guidekit.render.address import SiteAddress
from guidekit.render.pages import format_date

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://guidekit.invalid/change-history")


class _Feed(feedgenerator.Atom1Feed):
    def latest_post_date(self) -> dt.datetime:
        # The base class falls back to the current time, which would change the file on every build.
        return self.feed["updated"]


def render_feed(guide: Guide, feed_path: str, history_src_uri: str, address: SiteAddress) -> str:
    """The Atom feed of one guide's changes, published at `feed_path` (at the site's root);
    `history_src_uri` is the change history page."""

    def href(site_path: str) -> str:
        if address.site_url and not address.from_disk:
            return address.absolute(site_path)
        return site_path  # relative to the feed, which sits at the site's root

    history = href(address.path(history_src_uri))
    newest = guide.last_updated or guide.meta.last_reviewed
    feed = _Feed(
        title=f"{guide.meta.title}: {guide.meta.labels.changes}",
        link=history,
        description=guide.meta.description,
        feed_url=href(feed_path),
        feed_guid=_id(guide.id),
        author_name=address.site_name or guide.meta.title,
        updated=_midnight(newest),
    )
    name = guide.meta.short_title or guide.meta.title
    for change, anchor in guide.history():
        feed.add_item(
            title=f"{name}: {format_date(change.date)}",
            link=f"{history}#{anchor}",
            description=change.summary,
            unique_id=_id(guide.id, anchor),
            pubdate=_midnight(change.date),
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue() + "\n"


def _id(*parts: str) -> str:
    return uuid.uuid5(_ID_NAMESPACE, "/".join(parts)).urn


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
