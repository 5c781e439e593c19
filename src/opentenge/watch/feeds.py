"""Atom feeds for anyone, no account needed: an organisation, a person, a search.

The same events the digest mails (``watch.events``), newest first. Entry ids are tag URIs made
from each event's stable identity, so a feed reader never shows the same item twice and an item
an importer adds late still appears as new. Feeds are generated on request; anonymous answers are
kept by the site's page cache (``opentenge.web.pagecache``) until the data changes.
"""
from __future__ import annotations

from urllib.parse import quote

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from opentenge.store.queries import NotFound
from opentenge.watch import events as ev
from opentenge.web.language import page_language

FEED_ENTRIES = 50


class WatchFeed(Feed):
    """One feed class for every kind: ``get_object`` says which thing, ``events`` says what happened."""

    feed_type = Atom1Feed
    author_name = "OpenTenge"  # RFC 4287: a feed needs an author when its entries have none
    item_guid_is_permalink = False
    kind = ""

    def get_object(self, request, key: str = ""):
        key = self.key_from(request, key)
        if not key:
            raise Http404("nothing to follow")
        lang = page_language()
        try:
            return {"kind": self.kind, "key": key, "label": ev.label(self.kind, key, lang),
                    "items": ev.events(self.kind, key, lang, limit=FEED_ENTRIES)}
        except NotFound as exc:
            raise Http404(str(exc)) from None

    def key_from(self, request, key: str) -> str:
        return key

    def title(self, obj):
        return obj["label"]

    def subtitle(self, obj):
        return _("New on OpenTenge about %(label)s") % {"label": obj["label"]}

    def link(self, obj):
        return ev.page_path(obj["kind"], obj["key"])

    def items(self, obj):
        return obj["items"]

    def item_title(self, item: ev.Event):
        return item.title

    def item_description(self, item: ev.Event):
        # Django writes the description as <summary type="html">: plain text must be HTML-escaped,
        # or a reader would render a "<b>" typed into a source record as markup.
        return escape(item.summary)

    def item_link(self, item: ev.Event):
        return item.path

    def item_guid(self, item: ev.Event):
        return "tag:opentenge,2026:" + quote(item.identity, safe=":/-._~")

    def item_pubdate(self, item: ev.Event):
        return item.when

    def item_updateddate(self, item: ev.Event):
        return item.when


class OrganisationFeed(WatchFeed):
    kind = "organisation"


class PersonFeed(WatchFeed):
    kind = "person"


class SearchFeed(WatchFeed):
    kind = "search"

    def key_from(self, request, key: str) -> str:
        return ev.normalise_query(request.GET.get("q", ""))

    def title(self, obj):
        return _("Search: %(query)s") % {"query": obj["key"]}
