"""Atom feeds: every new step of every act, and the steps of one act ("follow a bill" for anyone).

Built on Django's syndication framework; entry ids are tag URIs made from the act key, the kind
of step and its date, so a reader never sees the same step twice.
"""
from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from opentenge.legislation import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.language import page_language


def _moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)), timezone.get_default_timezone())


class StepFeed(Feed):
    feed_type = Atom1Feed
    author_name = "OpenTenge"  # RFC 4287: a feed needs an author when its entries have none

    def item_title(self, step):
        return f"{step['label']}: {step.get('title') or step['act']}"

    def item_description(self, step):
        parts = [step.get("council") or step.get("ngo") or step.get("registrant") or "", step.get("text") or "",
                 step.get("reply") or ""]
        return escape(" — ".join(p for p in parts if p))  # Atom <summary type="html">: source text is not HTML

    def item_link(self, step):
        return reverse("legislation-act", args=[step["act_id"]])

    def item_guid(self, step):
        who = step.get("stage") or step.get("ngo") or step.get("council") or ""
        lobbying = f"/{step.get('report_id', '')}/{step.get('official', '')}" if step.get("report_id") else ""
        return f"tag:opentenge,2026:{step['act']}/{step['type']}/{who}/{step['date']}{lobbying}"

    item_guid_is_permalink = False

    def item_updateddate(self, step):
        return _moment(step["date"])

    def item_pubdate(self, step):
        return _moment(step["date"])


class ListFeed(StepFeed):
    def title(self):
        return _("Legislation tracker: new steps")

    def link(self):
        return reverse("legislation")

    def items(self):
        return q.recent_steps(page_language())


class ActFeed(StepFeed):
    def get_object(self, request, act_id):
        try:
            return q.get_act(act_id)
        except NotFound:
            raise Http404(act_id)

    def title(self, act):
        return q.title(act, page_language())

    def link(self, act):
        return reverse("legislation-act", args=[act.pk])

    def items(self, act):
        steps = q.timeline(act, page_language())
        return [{**s, "act_id": act.pk, "title": q.title(act, page_language())} for s in reversed(steps)]
