"""R009 — one NGO concentrating a grantor's social-order and grant money.

A state body that gives most of its social-order and grant money to one NGO may have a favourite,
or a pocket NGO, whatever the competitions say. Computed per grantor over all years held, from
two published kinds of money:

* the state social order: goszakup contracts concluded by method 52
  (``opentenge.civil.queries.SOCIAL_ORDER_METHOD``); the grantor is the buyer, an organisation;
* state grants and awards (``civil.GrantAward``); the grantor is the ``operator`` *as published*,
  a name without a BIN. Spellings the name comparer calls one body (the Kazakh and the Russian
  list of one akimat department) are one grantor; when that body is also a buyer in the store
  (``data.BodyMatcher``) its grants and its social orders are added up as one grantor's money.

Recipients are counted as the linking layer sees them (``linking.CanonicalMembership``): an NGO
listed once with its BIN and once by name only, judged the same, is one recipient.

The subject is the grantor organisation (``organisation``, its slug) when it is in the store, and
otherwise the operator's published name (``grantor``): we do not invent an organisation for it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import ZERO, BodyMatcher, buyer_organisations, counted_contracts, slugs
from opentenge.store import models as m

Q = Decimal("0.000001")
SUBJECT_KEY_LENGTH = 128  # FlagResult.subject_key


def _recipient_identity(social_orders) -> dict[int, str]:
    """``{recipient id: identity}``: the canonical key of its linking cluster, or its own key.

    Only recipients are read (grant winners and social-order suppliers), not every organisation.
    """
    from django.db.models import Q

    from opentenge.civil.models import GrantAward
    from opentenge.linking.models import CanonicalMembership

    recipients = m.Organisation.objects.filter(Q(id__in=GrantAward.objects.values("recipient_id")) |
                                               Q(id__in=social_orders.values("supplier_id")))
    keys = dict(recipients.values_list("id", "key"))
    canonical = dict(CanonicalMembership.objects.filter(org_key__in=recipients.values("key"))
                     .values_list("org_key", "canonical_key"))
    return {org_id: canonical.get(key, key) for org_id, key in keys.items()}


def _operator_groups(names: list[str]) -> dict[str, str]:
    """``{published operator name: the group's name}``; spellings the comparer matches are grouped.

    The group's name is its most frequent spelling (then the first in sort order), so a grantor's
    subject key does not change when one more list is loaded under a rarer spelling.
    """
    from opentenge.linking.compare import compare

    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if root(a) != root(b) and compare(a, b).decision == "match":
                parent[root(b)] = root(a)
    return {n: root(n) for n in names}


class _Pool:
    """One grantor's money: amount per recipient identity, counts and years."""

    def __init__(self) -> None:
        self.by_recipient: dict[str, Decimal] = defaultdict(lambda: ZERO)
        self.recipient_org: dict[str, int] = {}
        self.contracts_by_recipient: dict[str, list[int]] = defaultdict(list)
        self.grants = self.social_orders = 0
        self.grant_value = self.social_order_value = ZERO
        self.years: set[int] = set()
        self.operator_names: set[str] = set()

    def add(self, identity: str, org_id: int, amount: Decimal, year: int | None, *, contract: int | None = None):
        self.by_recipient[identity] += amount
        self.recipient_org.setdefault(identity, org_id)
        if year:
            self.years.add(year)
        if contract is None:
            self.grants += 1
            self.grant_value += amount
        else:
            self.social_orders += 1
            self.social_order_value += amount
            self.contracts_by_recipient[identity].append(contract)


@register
class GrantConcentration(Indicator):
    code = "R009"
    title = _("One NGO concentrating a grantor's social-order and grant money")
    rule = _("For each grantor (the state body that places state social orders or awards state grants), the "
             "share of its social-order and grant money that goes to its largest recipient, and the "
             "Herfindahl-Hirschman index of recipient shares, over all years held. The grantor is flagged when "
             "the top share or the index reaches its threshold; a grantor with fewer grants and social-order "
             "contracts than the minimum, or less money than the minimum amount, gets insufficient data.")
    data_needed = _("State social order contracts (goszakup, method 52): buyer, supplier, value with VAT; state "
                    "grant and award lists: operator, recipient, amount, year.")
    false_positives = _("Programmes designed for one national network or one specialised NGO, multi-year projects "
                        "funded year by year, grantors with only a few competitions, and lists loaded in part (a "
                        "missing year or region overstates concentration). A grant operator named differently in "
                        "two lists may be counted as two grantors.")
    subject_kind = "organisation"
    defaults = {"share": Decimal("0.5"), "hhi": Decimal("0.5"), "min_grants": 5, "min_amount": Decimal("0"),
                "social_order_methods": [52]}

    def compute(self):
        from opentenge.civil.models import GrantAward

        methods = [int(x) for x in self.threshold("social_order_methods")]
        social_orders = counted_contracts().filter(method_id__in=methods)
        identity = _recipient_identity(social_orders.order_by())
        pools: dict[tuple[str, int | str], _Pool] = defaultdict(_Pool)
        rows = social_orders.values_list("customer_id", "supplier_id", "gz_id", "contract_sum_wnds", "sign_date")
        for buyer_id, supplier_id, gz_id, value, sign_date in rows.iterator(chunk_size=2000):
            pools[("organisation", buyer_id)].add(identity[supplier_id], supplier_id, value or ZERO,
                                                  sign_date.year if sign_date else None, contract=gz_id)
        operators = sorted(set(GrantAward.objects.values_list("operator", flat=True)))
        group_of = _operator_groups(operators)
        matcher = BodyMatcher(buyer_organisations()) if operators else None
        grantor_of: dict[str, tuple[str, int | str]] = {}
        for group in sorted(set(group_of.values())):
            spellings = [n for n in operators if group_of[n] == group]
            found = {hit[0].id for hit in map(matcher.find, spellings) if hit}
            grantor_of[group] = ("organisation", found.pop()) if len(found) == 1 else ("grantor", group)
        spelled = defaultdict(Counter)
        awards = GrantAward.objects.values_list("operator", "recipient_id", "amount", "year").order_by("id")
        for operator, recipient_id, amount, year in awards.iterator(chunk_size=2000):
            grantor = grantor_of[group_of[operator]]
            pools[grantor].add(identity[recipient_id], recipient_id, amount or ZERO, year)
            pools[grantor].operator_names.add(operator)
            spelled[grantor][operator] += 1
        orgs = slugs({k for kind, k in pools if kind == "organisation"} |
                     {i for p in pools.values() for i in p.recipient_org.values()})
        for (kind, key), pool in sorted(pools.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            if kind == "grantor":  # the most used spelling names the grantor
                name = sorted(spelled[(kind, key)].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                yield self._judge(pool, "grantor", name[:SUBJECT_KEY_LENGTH], None, orgs)
            else:
                yield self._judge(pool, "organisation", orgs[key], key, orgs)

    def _judge(self, pool: _Pool, kind: str, key: str, grantor_id: int | None, orgs: dict[int, str]) -> Result:
        share_limit = Decimal(str(self.threshold("share")))
        hhi_limit = Decimal(str(self.threshold("hhi")))
        total = sum(pool.by_recipient.values(), ZERO)
        count = pool.grants + pool.social_orders
        inputs = {"grants": pool.grants, "grant_value": pool.grant_value, "social_order_contracts": pool.social_orders,
                  "social_order_value": pool.social_order_value, "total_value": total,
                  "recipients": len(pool.by_recipient), "years": sorted(pool.years),
                  "operator_names": sorted(pool.operator_names), "min_grants": int(self.threshold("min_grants")),
                  "min_amount": Decimal(str(self.threshold("min_amount")))}
        if count < inputs["min_grants"] or not total or total < inputs["min_amount"]:
            inputs["reason"] = "too few grants and social-order contracts, or too little money, to judge"
            return Result(kind, key, INSUFFICIENT, None, share_limit, inputs, buyer_id=grantor_id)
        # ties on value go to the smaller identity, so a rerun names the same top recipient
        top, top_value = min(pool.by_recipient.items(), key=lambda kv: (-kv[1], kv[0]))
        top_share = (top_value / total).quantize(Q)
        hhi = sum(((v / total) ** 2 for v in pool.by_recipient.values()), ZERO).quantize(Q)
        top_org = pool.recipient_org[top]
        flagged = top_share >= share_limit or hhi >= hhi_limit
        top_contracts = sorted(pool.contracts_by_recipient.get(top, []))
        inputs.update({"top_recipient": orgs[top_org], "top_recipient_value": top_value, "top_share": top_share,
                       "hhi": hhi, "hhi_threshold": hhi_limit, "top_recipient_contract_ids": top_contracts})
        return Result(kind, key, FLAGGED if flagged else CLEAR, top_share, share_limit, inputs, buyer_id=grantor_id,
                      supplier_id=top_org, contracts=top_contracts if flagged else [])

