"""Batch linking: records in, scored candidate pairs out, at national scale on one machine.

The same engine serves ``opentenge link`` (records read from the store) and the benchmark
(``bench/linking.py``: a million generated records). It has no Django in it:

1. **prepare** — every name of every record is normalised once and turned into blocking keys
   (``compare.name_keys``); the keys stream to DuckDB (:mod:`opentenge.linking.blocking`);
2. **block** — DuckDB finds the distinct pairs that share a key (common keys dropped);
3. **score** — each pair is scored by :func:`opentenge.linking.scoring.score_pair` in Python
   (rapidfuzz underneath); pairs of two identified records are ``no-match`` without scoring.

What it returns is the pairs worth a judgment (``match`` and ``review``), plus ``no-match``
results for the pairs the caller asks to ``watch`` (pairs that already have an automatic
judgment, which a ``no-match`` must supersede). Everything else is only counted, so memory stays
bounded by the records, not by the pairs.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from opentenge.ids.names import normalize
from opentenge.linking.blocking import Blocker, BlockingStats
from opentenge.linking.compare import MATCH_THRESHOLD, name_keys
from opentenge.linking.scoring import LinkRecord, Scored, score_pair

Progress = Callable[[str, int, int], None]


class LinkingError(Exception):
    """Linking cannot run (message says why)."""


@dataclass
class BatchResult:
    stats: BlockingStats
    decided: list[tuple[int, int, Scored]] = field(default_factory=list)  # match/review (+ watched no-match)
    auto_match: int = 0
    review: int = 0
    no_match: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def tally(self, decision: str) -> None:
        """Count one scored pair under its decision ("match", "review" or "no-match")."""
        if decision == "match":
            self.auto_match += 1
        elif decision == "review":
            self.review += 1
        else:
            self.no_match += 1

    @property
    def candidates(self) -> int:
        return self.auto_match + self.review + self.no_match


def record_keys(record: LinkRecord) -> set[str]:
    keys: set[str] = set()
    for name in record.names:
        keys |= name_keys(normalize(name))
    return keys


def link_batch(records: Sequence[LinkRecord], *, changed: Sequence[bool] | None = None,
               watch: set[tuple[int, int]] | None = None, progress: Progress | None = None,
               workdir: str | None = None, memory_limit: str = "1GB") -> BatchResult:
    """Block and score ``records``; pairs are record indices ``(a, b)`` with ``a < b``.

    ``changed[i]`` false means record ``i`` was linked before and has not changed: pairs of two
    unchanged records are not proposed again (incremental mode).
    """
    tick = progress or (lambda label, done, total: None)
    watch = watch or set()
    started = time.monotonic()
    with Blocker(workdir, memory_limit=memory_limit) as blocker:
        total = len(records)
        for index, record in enumerate(records):
            blocker.add(index, record_keys(record), identified=record.identified,
                        changed=True if changed is None else bool(changed[index]))
            if index % 20_000 == 0:
                tick("prepare", index, total)
        tick("prepare", total, total)
        result = BatchResult(stats=blocker.stats)
        result.seconds["prepare"] = time.monotonic() - started
        scoring_started = None
        for chunk in blocker.pairs():
            if scoring_started is None:
                scoring_started = time.monotonic()
                result.seconds["block"] = scoring_started - started - result.seconds["prepare"]
            for a, b, both_identified in chunk:
                if both_identified:
                    result.no_match += 1
                    continue
                scored = score_pair(records[a], records[b])
                result.tally(scored.decision)
                if scored.decision in ("match", "review") or (a, b) in watch:
                    result.decided.append((a, b, scored))
            tick("score", result.stats.pairs, 0)
        demote_ambiguous(result, records)
        ended = time.monotonic()
        if scoring_started is None:
            result.seconds["block"] = ended - started - result.seconds["prepare"]
            scoring_started = ended
        result.seconds["score"] = ended - scoring_started
    return result


def demote_ambiguous(result: BatchResult, records: Sequence[LinkRecord]) -> int:
    """A record without identifier that matches two *different* identified records goes to review.

    ``Zhuldyz Servis`` may be either of two companies called ТОО «Жұлдыз Сервис» with different
    BINs; picking one automatically would be a guess, so all its matches with identified records
    become ``review`` (reason ``ambiguous-identifier``). Returns how many pairs were demoted.
    """
    partners: dict[int, set[int]] = defaultdict(set)
    for a, b, scored in result.decided:
        if scored.decision == "match" and records[a].identified != records[b].identified:
            loose, anchored = (a, b) if records[b].identified else (b, a)
            partners[loose].add(anchored)
    ambiguous = {loose for loose, anchors in partners.items() if len(anchors) > 1}
    demoted = 0
    for position, (a, b, scored) in enumerate(result.decided):
        if scored.decision == "match" and records[a].identified != records[b].identified \
                and (a if records[b].identified else b) in ambiguous:
            result.decided[position] = (a, b, Scored(min(scored.score, MATCH_THRESHOLD - 0.01), "review",
                                                     scored.reasons + ("ambiguous-identifier",)))
            demoted += 1
    result.auto_match -= demoted
    result.review += demoted
    return demoted


def score_pairs(records: Sequence[LinkRecord], pairs: set[tuple[int, int]]) -> list[tuple[int, int, Scored]]:
    """Score given pairs directly (pairs that blocking no longer proposes but that have judgments)."""
    out = []
    for a, b in sorted(pairs):
        if records[a].identified and records[b].identified:
            out.append((a, b, Scored(0.0, "no-match", ("identifiers-differ",))))
        else:
            out.append((a, b, score_pair(records[a], records[b])))
    return out
