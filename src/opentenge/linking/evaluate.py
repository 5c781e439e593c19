"""Measure :func:`opentenge.linking.compare.compare` on a labelled CSV of name pairs.

The CSV has a header with at least ``left,right,same`` (``same`` is ``1`` or ``0``; ``true``/
``false`` and ``yes``/``no`` are accepted too). Optional columns are passed to ``compare``:
``bin_left``, ``bin_right``, ``region_left``, ``region_right``, ``person`` (1/0/empty); ``kind`` and
``origin`` are only used to break the figures down.

Precision and recall are for the *automatic* ``match`` decision: a pair sent to review counts as
not matched (it is not linked until an editor accepts it), so

* precision = true matches / all automatic matches,
* recall = true matches / all pairs labelled ``same=1``,

and ``review`` reports how many pairs went to the review queue (``review_positive`` of them
labelled same). ``key_recall`` is the share of same-labelled pairs that blocking would propose
at all (their names share a :func:`~opentenge.linking.compare.name_keys` key, or their BIN).
Bad input raises :class:`PairsFileError` naming the file, line and column.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from opentenge.ids.names import normalize
from opentenge.linking.compare import MATCH_THRESHOLD, REVIEW_THRESHOLD, compare, name_keys

__all__ = ["PairsFileError", "LabelledPair", "read_pairs", "evaluate_pairs", "evaluate_file"]

_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f"}
REQUIRED = ("left", "right", "same")


class PairsFileError(ValueError):
    """The labelled-pairs file cannot be used; the message names file, line and column."""


@dataclass(frozen=True)
class LabelledPair:
    line: int
    left: str
    right: str
    same: bool
    bin_left: str | None = None
    bin_right: str | None = None
    region_left: str | None = None
    region_right: str | None = None
    person: bool | None = None
    kind: str = ""


def _flag(value: str, path: Path, line: int, column: str, *, optional: bool = False) -> bool | None:
    v = (value or "").strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    if optional and v == "":
        return None
    raise PairsFileError(f"{path}: line {line}, column {column!r}: expected 1 or 0, got {value!r}")


def read_pairs(path: Path | str) -> list[LabelledPair]:
    """Read and check a labelled-pairs CSV (UTF-8, optional BOM)."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise PairsFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    pairs: list[LabelledPair] = []
    with handle:
        try:
            reader = csv.DictReader(handle)
            header = reader.fieldnames
            if not header:
                raise PairsFileError(f"{path}: line 1: empty file, expected a header with {','.join(REQUIRED)}")
            header = [h.strip() for h in header]
            reader.fieldnames = header
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise PairsFileError(f"{path}: line 1: missing column(s) {', '.join(repr(c) for c in missing)} "
                                     f"in header {','.join(header)}")
            for row in reader:
                line = reader.line_num
                if None in row:  # more fields than the header has
                    raise PairsFileError(f"{path}: line {line}: {len(header) + len(row[None])} fields, "
                                         f"header has {len(header)}")
                for column in ("left", "right"):
                    if row[column] is None:
                        raise PairsFileError(f"{path}: line {line}, column {column!r}: missing field")
                    if not row[column].strip():
                        raise PairsFileError(f"{path}: line {line}, column {column!r}: empty name")
                same = _flag(row["same"] or "", path, line, "same")
                person = _flag(row.get("person") or "", path, line, "person", optional=True)

                def opt(column: str) -> str | None:
                    value = (row.get(column) or "").strip()
                    return value or None

                pairs.append(LabelledPair(line=line, left=row["left"], right=row["right"], same=bool(same),
                                          bin_left=opt("bin_left"), bin_right=opt("bin_right"),
                                          region_left=opt("region_left"), region_right=opt("region_right"),
                                          person=person, kind=opt("kind") or ""))
        except csv.Error as exc:
            raise PairsFileError(f"{path}: line {reader.line_num}: not valid CSV: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise PairsFileError(f"{path}: not UTF-8 text: {exc}") from exc
    if not pairs:
        raise PairsFileError(f"{path}: line 2: no pairs after the header")
    return pairs


@dataclass
class _Counts:
    pairs: int = 0
    positives: int = 0
    matched: int = 0
    true_matches: int = 0
    review: int = 0
    review_positive: int = 0
    blocked_positive: int = 0  # positives whose names share a blocking key (or a BIN)

    def add(self, same: bool, decision: str, blocked: bool) -> None:
        self.pairs += 1
        self.positives += same
        self.blocked_positive += same and blocked
        if decision == "match":
            self.matched += 1
            self.true_matches += same
        elif decision == "review":
            self.review += 1
            self.review_positive += same

    def as_dict(self) -> dict:
        precision = self.true_matches / self.matched if self.matched else (1.0 if not self.positives else 0.0)
        recall = self.true_matches / self.positives if self.positives else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"pairs": self.pairs, "precision": round(precision, 4), "recall": round(recall, 4),
                "f1": round(f1, 4), "positives": self.positives, "matched": self.matched,
                "true_matches": self.true_matches, "false_matches": self.matched - self.true_matches,
                "review": self.review, "review_positive": self.review_positive,
                "key_recall": round(self.blocked_positive / self.positives, 4) if self.positives else 1.0}


@dataclass
class Evaluation:
    total: _Counts = field(default_factory=_Counts)
    by_kind: dict[str, _Counts] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)  # false matches and missed positives

    def as_dict(self, *, with_errors: bool = False) -> dict:
        out = self.total.as_dict()
        out["match_threshold"] = MATCH_THRESHOLD
        out["review_threshold"] = REVIEW_THRESHOLD
        if self.by_kind and set(self.by_kind) != {""}:
            out["by_kind"] = {k: v.as_dict() for k, v in sorted(self.by_kind.items())}
        if with_errors:
            out["errors"] = self.errors
        return out


def evaluate_pairs(pairs: list[LabelledPair]) -> Evaluation:
    result = Evaluation()
    for p in pairs:
        c = compare(p.left, p.right, bin_a=p.bin_left, bin_b=p.bin_right, region_a=p.region_left,
                    region_b=p.region_right, person=p.person)
        blocked = bool((p.bin_left and p.bin_left == p.bin_right)
                       or name_keys(normalize(p.left)) & name_keys(normalize(p.right)))
        result.total.add(p.same, c.decision, blocked)
        result.by_kind.setdefault(p.kind, _Counts()).add(p.same, c.decision, blocked)
        if (c.decision == "match") != p.same:
            result.errors.append({"line": p.line, "left": p.left, "right": p.right, "same": int(p.same),
                                  "kind": p.kind, **c.as_dict()})
    return result


def evaluate_file(path: Path | str) -> Evaluation:
    return evaluate_pairs(read_pairs(path))
