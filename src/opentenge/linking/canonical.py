"""Canonical entities: clusters of organisation keys, rebuilt from the current judgments.

Union-find over the ``positive`` pairs, with two constraints that no positive judgment can break:

* a cluster never holds two ``negative`` pairs' ends: an editor's "these differ" (and a split,
  which is negative judgments between the two sides) keeps them apart even when a chain of
  positive pairs would join them;
* a cluster never holds two different identifiers: two keys that both carry a BIN or IIN
  (``BIN:…``/``IIN:…``) are different legal persons by definition, however alike their names.

Positive pairs are applied editor's first, then by score, highest first, so when a chain would
break a constraint it is the weakest link that is left out. The result depends only on the
judgments, so the table can be dropped and rebuilt at any time.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from opentenge.linking.judgments import Current, current_judgments
from opentenge.linking.models import CanonicalMembership, Decision, JudgmentSource

IDENTIFIED_PREFIXES = ("BIN:", "IIN:")
CHUNK = 1000


def is_identified(key: str) -> bool:
    """A key that carries a BIN or IIN: two of them are never one entity."""
    return key.startswith(IDENTIFIED_PREFIXES)


class Clusters:
    """Union-find with per-cluster sets of forbidden partners and at most one identified key."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.identified: dict[str, str | None] = {}
        self.forbidden: dict[str, set[str]] = {}

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.size[key] = 1
            self.identified[key] = key if is_identified(key) else None
            self.forbidden[key] = set()

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def forbid(self, a: str, b: str) -> None:
        self.add(a)
        self.add(b)
        self.forbidden[self.find(a)].add(b)
        self.forbidden[self.find(b)].add(a)

    def union(self, a: str, b: str) -> bool:
        """Join a's and b's clusters unless a constraint forbids it; True when joined (or already one)."""
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ia, ib = self.identified[ra], self.identified[rb]
        if ia and ib and ia != ib:
            return False
        small, large = (ra, rb) if len(self.forbidden[ra]) <= len(self.forbidden[rb]) else (rb, ra)
        if any(self.find(k) == large for k in self.forbidden[small]):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.identified[ra] = ia or ib
        self.forbidden[ra] |= self.forbidden.pop(rb)
        del self.identified[rb]
        return True

    def mapping(self) -> dict[str, tuple[str, int]]:
        """``key -> (canonical_key, cluster size)``."""
        members: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            members[self.find(key)].append(key)
        out = {}
        for root, keys in members.items():
            canonical = self.identified.get(root) or min(keys)
            for key in keys:
                out[key] = (canonical, len(keys))
        return out


def _positive_order(item: tuple[tuple[str, str], Current]):
    (left, right), judgment = item
    return (judgment.source != JudgmentSource.EDITOR, -(judgment.score or 0.0), left, right)


# Judgments also record editors' decisions on links that are not between organisations (a
# person in office ↔ a company role, see opentenge.politics); those never form organisation clusters.
NOT_ORGANISATION_PREFIXES = ("PERSON:", "ROLE:")


def _is_organisation_pair(pair: tuple[str, str]) -> bool:
    return not any(key.startswith(NOT_ORGANISATION_PREFIXES) for key in pair)


def cluster_keys(keys: Iterable[str], judgments: dict[tuple[str, str], Current]) -> dict[str, tuple[str, int]]:
    """Cluster ``keys`` (and every organisation key the judgments name) by the module docstring's rules."""
    judgments = {pair: j for pair, j in judgments.items() if _is_organisation_pair(pair)}
    clusters = Clusters()
    for key in keys:
        clusters.add(key)
    for (left, right), judgment in judgments.items():
        if judgment.decision == Decision.NEGATIVE:
            clusters.forbid(left, right)
    positives = sorted((item for item in judgments.items() if item[1].decision == Decision.POSITIVE),
                       key=_positive_order)
    for (left, right), _ in positives:
        clusters.union(left, right)
    return clusters.mapping()


def _write(mapping: dict[str, tuple[str, int]], existing: dict[str, tuple[str, int]]) -> int:
    """Insert or update memberships that differ; return how many rows changed."""
    to_create = [CanonicalMembership(org_key=k, canonical_key=c, size=s) for k, (c, s) in mapping.items()
                 if k not in existing]
    changed = [k for k, value in mapping.items() if k in existing and existing[k] != value]
    with transaction.atomic():
        CanonicalMembership.objects.bulk_create(to_create, batch_size=CHUNK)
        rows = []
        for start in range(0, len(changed), CHUNK):
            for row in CanonicalMembership.objects.filter(org_key__in=changed[start:start + CHUNK]):
                row.canonical_key, row.size = mapping[row.org_key]
                rows.append(row)
        CanonicalMembership.objects.bulk_update(rows, ["canonical_key", "size"], batch_size=CHUNK)
    return len(to_create) + len(rows)


def rebuild_all(org_keys: Iterable[str], judgments: dict[tuple[str, str], Current] | None = None) -> int:
    """Rebuild every membership; return the number of clusters with more than one member."""
    judgments = current_judgments() if judgments is None else judgments
    mapping = cluster_keys(org_keys, judgments)
    existing = {k: (c, s) for k, c, s in
                CanonicalMembership.objects.values_list("org_key", "canonical_key", "size").iterator(chunk_size=5000)}
    _write(mapping, existing)
    return len({c for c, s in mapping.values() if s > 1})


def positive_component(keys: Iterable[str]) -> tuple[set[str], dict[tuple[str, str], Current]]:
    """Every key reachable from ``keys`` through current positive judgments, and their judgments.

    Clustering never joins keys outside one such component, so rebuilding a component alone
    gives exactly what a full rebuild would give for it.
    """
    component: set[str] = set()
    judgments: dict[tuple[str, str], Current] = {}
    frontier = set(keys)
    while frontier:
        component |= frontier
        found = current_judgments(frontier)
        judgments.update(found)
        frontier = {k for (left, right), j in found.items() if j.decision == Decision.POSITIVE
                    for k in (left, right)} - component
    return component, judgments


def rebuild_around(keys: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Rebuild the clusters of ``keys`` after an editor's decision (the rest cannot change)."""
    component, judgments = positive_component(keys)
    inside = {pair: j for pair, j in judgments.items() if pair[0] in component and pair[1] in component}
    mapping = cluster_keys(component, inside)
    keys, existing = sorted(component), {}
    for start in range(0, len(keys), CHUNK):
        existing.update((k, (c, s)) for k, c, s in CanonicalMembership.objects.filter(
            org_key__in=keys[start:start + CHUNK]).values_list("org_key", "canonical_key", "size"))
    _write(mapping, existing)
    return mapping


def cluster_members(org_key: str) -> list[str]:
    """The keys in ``org_key``'s cluster (itself included), as last rebuilt."""
    row = CanonicalMembership.objects.filter(org_key=org_key).first()
    if row is None:
        return [org_key]
    return list(CanonicalMembership.objects.filter(canonical_key=row.canonical_key)
                .order_by("org_key").values_list("org_key", flat=True))
