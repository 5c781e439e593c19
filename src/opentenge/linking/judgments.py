"""Reading and writing judgments: append-only, the latest per pair is current, editors win.

A pair is always stored ordered (``left_key < right_key``) so that (a, b) and (b, a) are one pair.
Three rules live here and nowhere else:

1. A judgment is never updated or deleted; a new one supersedes it.
2. An automatic judgment never supersedes an editor's: once a person has decided a pair, re-running
   ``opentenge link`` leaves it alone, whatever the scorer now says.
3. An automatic judgment is written only when it changes something: a new ``positive`` or
   ``unsure`` pair, or a different decision (or score) for a pair the scorer judged before. A pair
   that scores ``no-match`` and was never judged writes nothing, so the table holds only pairs that
   matter, not every pair that blocking proposed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from opentenge.linking.models import Decision, Judgment, JudgmentSource, ReviewAction
from opentenge.web.pagecache import data_changed

CHUNK = 500
# compare() decision -> the automatic judgment it gives
AUTO_DECISION = {"match": Decision.POSITIVE, "review": Decision.UNSURE, "no-match": Decision.NEGATIVE}


def ordered(a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise ValueError(f"a pair needs two different keys, got {a!r} twice")
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class Current:
    """The current judgment of a pair, as the linker needs it."""

    id: int
    decision: str
    source: str
    score: float | None
    user: str = ""


def current_judgments(keys: Iterable[str] | None = None) -> dict[tuple[str, str], Current]:
    """``{(left, right): Current}``; all pairs, or only pairs touching ``keys``."""
    fields = ("id", "left_key", "right_key", "decision", "source", "score", "user")
    if keys is None:
        rows: Iterable = Judgment.objects.order_by("id").values_list(*fields).iterator(chunk_size=5000)
    else:
        keys = list(set(keys))
        found: dict[int, tuple] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            for side in ("left_key__in", "right_key__in"):
                for row in Judgment.objects.filter(**{side: chunk}).values_list(*fields):
                    found[row[0]] = row
        rows = (found[i] for i in sorted(found))
    latest: dict[tuple[str, str], Current] = {}
    for id_, left, right, decision, source, score, user in rows:
        latest[(left, right)] = Current(id_, decision, source, score, user)
    return latest


@dataclass(frozen=True)
class ScoredPair:
    left: str
    right: str
    decision: str  # compare(): "match" | "review" | "no-match"
    score: float
    reason: str


def auto_judgments_to_write(pairs: Iterable[ScoredPair], current: dict[tuple[str, str], Current]) -> list[Judgment]:
    """The automatic judgments that rule 2 and rule 3 allow, not yet saved."""
    now = timezone.now()
    out = []
    for pair in pairs:
        key = ordered(pair.left, pair.right)
        decision = AUTO_DECISION[pair.decision]
        before = current.get(key)
        if before is not None and before.source == JudgmentSource.EDITOR:
            continue  # rule 2
        if before is None and decision == Decision.NEGATIVE:
            continue  # rule 3: nothing to supersede
        if before is not None and before.decision == decision and before.score is not None \
                and abs(before.score - pair.score) < 1e-6:
            continue  # rule 3: unchanged
        out.append(Judgment(left_key=key[0], right_key=key[1], decision=decision, score=round(pair.score, 6),
                            source=JudgmentSource.AUTO, created_at=now, reason=pair.reason[:2000]))
    return out


def save_judgments(rows: list[Judgment]) -> None:
    Judgment.objects.bulk_create(rows, batch_size=CHUNK)
    if rows:
        data_changed("linking judgments")


def is_current(judgment: Judgment) -> bool:
    return not Judgment.objects.filter(left_key=judgment.left_key, right_key=judgment.right_key,
                                       id__gt=judgment.id).exists()


def current_queryset(queryset=None):
    """Judgments that no newer judgment on the same pair supersedes (usable in the admin)."""
    queryset = Judgment.objects.all() if queryset is None else queryset
    newer = Judgment.objects.filter(left_key=OuterRef("left_key"), right_key=OuterRef("right_key"),
                                    id__gt=OuterRef("id"))
    return queryset.filter(~Exists(newer))


def review_queue():
    """Pairs awaiting an editor: their current judgment is ``unsure``."""
    return current_queryset().filter(decision=Decision.UNSURE)


def record_editor_decision(kind: str, pairs: Iterable[tuple[str, str]], *, user: str, reason: str = "",
                           detail: dict | None = None, score_of: dict | None = None) -> ReviewAction:
    """Write one audit-log entry and the editor judgments it implies, in one transaction.

    ``accept`` writes ``positive`` judgments, ``reject`` and ``split`` write ``negative`` ones.
    """
    if kind not in ReviewAction.Kind.values:
        raise ValueError(f"unknown review action {kind!r}")
    if not user:
        raise ValueError("an editor decision needs the editor's username")
    decision = Decision.POSITIVE if kind == ReviewAction.Kind.ACCEPT else Decision.NEGATIVE
    pairs = sorted({ordered(a, b) for a, b in pairs})
    if not pairs:
        raise ValueError("an editor decision needs at least one pair")
    now = timezone.now()
    with transaction.atomic():
        first = pairs[0]
        action = ReviewAction.objects.create(
            kind=kind, user=user, created_at=now, reason=reason,
            left_key=first[0] if kind != ReviewAction.Kind.SPLIT else "",
            right_key=first[1] if kind != ReviewAction.Kind.SPLIT else "",
            detail=detail or {"pairs": [list(p) for p in pairs]})
        Judgment.objects.bulk_create([
            Judgment(left_key=left, right_key=right, decision=decision, source=JudgmentSource.EDITOR, user=user,
                     created_at=now, reason=reason or action.get_kind_display(), action=action,
                     score=(score_of or {}).get((left, right)))
            for left, right in pairs
        ], batch_size=CHUNK)
        data_changed(f"editor decision {kind}")
    return action
