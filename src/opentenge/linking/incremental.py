"""``opentenge link``: link the store's organisations, only what changed since the last run.

The watermark is per record, not a timestamp: ``LinkedRecord`` keeps a fingerprint of the fields
linking reads (names, person flag, roles) for every organisation the last run saw. A record is
*changed* when it is new or its fingerprint differs, however the store came to change it (a new
file, a stub filled in by a later reference). An incremental run

* proposes only candidate pairs with at least one changed record;
* re-scores the pairs that already have an automatic judgment and touch a changed record, even
  when blocking no longer proposes them (a renamed record must be able to lose its link);
* writes automatic judgments by the rules of :mod:`opentenge.linking.judgments` (an editor's
  judgment is never overwritten);
* rebuilds every cluster from the current judgments and stores the new fingerprints.

``--full`` treats every record as changed (use it after upgrading the normaliser or thresholds).
Writes happen in one transaction at the end: an interrupted run leaves the previous state.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from opentenge.linking import canonical
from opentenge.linking.batch import LinkingError, link_batch, score_pairs
from opentenge.linking.judgments import ScoredPair, auto_judgments_to_write, current_judgments, save_judgments
from opentenge.linking.models import Decision, JudgmentSource, LinkedRecord, LinkRun
from opentenge.linking.scoring import ROLE_CUSTOMER, ROLE_ORGANIZER, ROLE_SUPPLIER, LinkRecord
from opentenge.store.models import Organisation
from opentenge.web.pagecache import data_changed

CHUNK = 1000
FIELDS = ("key", "name_ru", "name_kk", "is_person", "is_customer", "is_supplier", "is_organizer")

__all__ = ["run_linking", "LinkingError"]


def load_records() -> tuple[list[LinkRecord], list[str]]:
    """Every organisation as a ``LinkRecord``, and its fingerprint."""
    records, fingerprints = [], []
    rows = Organisation.objects.order_by("id").values_list(*FIELDS).iterator(chunk_size=10_000)
    for key, name_ru, name_kk, is_person, customer, supplier, organizer in rows:
        names = tuple(dict.fromkeys(n for n in (name_ru, name_kk) if n and n.strip()))
        roles = (ROLE_CUSTOMER if customer else 0) | (ROLE_SUPPLIER if supplier else 0) | \
            (ROLE_ORGANIZER if organizer else 0)
        records.append(LinkRecord(key=key, names=names, identified=canonical.is_identified(key),
                                  is_person=is_person, roles=roles))
        text = "\x1f".join((key, name_ru or "", name_kk or "", str(int(is_person)), str(roles)))
        fingerprints.append(hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest())
    return records, fingerprints


def _save_fingerprints(records: list[LinkRecord], fingerprints: list[str], previous: dict[str, str],
                       changed: list[bool], run: LinkRun) -> None:
    new = [LinkedRecord(org_key=r.key, fingerprint=f, run=run)
           for r, f, c in zip(records, fingerprints, changed) if c and r.key not in previous]
    LinkedRecord.objects.bulk_create(new, batch_size=CHUNK)
    moved = {r.key: f for r, f, c in zip(records, fingerprints, changed)
             if c and r.key in previous and previous[r.key] != f}
    keys = list(moved)
    for start in range(0, len(keys), CHUNK):
        rows = list(LinkedRecord.objects.filter(org_key__in=keys[start:start + CHUNK]))
        for row in rows:
            row.fingerprint, row.run = moved[row.org_key], run
        LinkedRecord.objects.bulk_update(rows, ["fingerprint", "run"], batch_size=CHUNK)


def run_linking(*, full: bool = False, progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Link the store; return the ``opentenge link --json`` summary."""
    started = time.monotonic()
    run = LinkRun.objects.create(started_at=timezone.now(), full=full)
    records, fingerprints = load_records()
    previous = dict(LinkedRecord.objects.values_list("org_key", "fingerprint").iterator(chunk_size=10_000))
    changed = [full or previous.get(r.key) != f for r, f in zip(records, fingerprints)]
    index = {r.key: i for i, r in enumerate(records)}

    current = current_judgments()
    watch: set[tuple[int, int]] = set()
    for (left, right), judgment in current.items():
        if judgment.source != JudgmentSource.AUTO or judgment.decision == Decision.NEGATIVE:
            continue
        a, b = index.get(left), index.get(right)
        if a is not None and b is not None and (changed[a] or changed[b]):
            watch.add((min(a, b), max(a, b)))

    result = link_batch(records, changed=changed, watch=watch, progress=progress)
    decided = result.decided
    missing = watch - {(a, b) for a, b, _ in decided}
    for a, b, scored in score_pairs(records, missing):
        decided.append((a, b, scored))
        result.tally(scored.decision)

    pairs = [ScoredPair(records[a].key, records[b].key, s.decision, s.score, ", ".join(s.reasons))
             for a, b, s in decided]
    to_write = auto_judgments_to_write(pairs, current)
    with transaction.atomic():
        save_judgments(to_write)
        clusters = canonical.rebuild_all([r.key for r in records])
        data_changed("linking run")  # clusters are rebuilt even when no judgment changed
        _save_fingerprints(records, fingerprints, previous, changed, run)
        summary = {
            "candidates": result.candidates, "auto_match": result.auto_match, "review": result.review,
            "no_match": result.no_match, "clusters": clusters, "seconds": round(time.monotonic() - started, 3),
            "full": full, "records": len(records), "changed": sum(changed), "judgments_written": len(to_write),
            "oversized_blocks": result.stats.oversized_blocks,
        }
        for name in ("records", "changed", "candidates", "auto_match", "review", "no_match", "clusters", "seconds"):
            setattr(run, name, summary[name])
        run.finished_at = timezone.now()
        run.save(update_fields=["records", "changed", "candidates", "auto_match", "review", "no_match", "clusters",
                                "seconds", "finished_at"])
    return summary
