"""Atom and RSS 2.0 feeds of newly published report versions (amendments are new entries).

Entry ids are tag URIs made from the report id and version number, so an amendment is a new entry
and a reader never sees the same version twice.
"""
from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from opentenge.lobbying import queries as q
from opentenge.store.queries import NotFound


class VersionFeed(Feed):
    feed_type = Atom1Feed
    author_name = "OpenTenge"  # RFC 4287: a feed needs an author when its entries have none
    item_guid_is_permalink = False

    def item_title(self, item):
        title = f"{item['registrant']} — {item['period']}"
        if item["version"] > 1:
            title += " " + _("amendment %(version)s") % {"version": item["version"]}
        return title

    def item_description(self, item):
        # Atom <summary type="html"> / RSS <description>: what filers typed is text, not HTML
        return escape(" — ".join(p for p in (item["amendment_note"], item["issues"][:q.ISSUES_SHOWN]) if p))

    def item_link(self, item):
        return item["url"]

    def item_guid(self, item):
        return f"tag:opentenge,2026:lobbying/report/{item['report_id']}/v{item['version']}"

    def item_pubdate(self, item):
        return item["published_at"]

    def item_updateddate(self, item):
        return item["published_at"]


class RegisterFeed(VersionFeed):
    def title(self):
        return _("Lobbying register: newly published reports")

    def link(self):
        return reverse("lobbying")

    def description(self):
        return self.title()

    def items(self):
        return q.newly_published()


class RegisterRssFeed(RegisterFeed):
    feed_type = Rss201rev2Feed


class RegistrantFeed(VersionFeed):
    def get_object(self, request, registrant_id):
        try:
            return q.get_registrant(registrant_id)
        except NotFound:
            raise Http404(registrant_id)

    def title(self, registrant):
        return registrant.name

    def link(self, registrant):
        return reverse("lobbying-registrant", args=[registrant.pk])

    def items(self, registrant):
        return q.newly_published(registrant=registrant)
