"""What an indicator is, the registry of them, and how their results are (re)stored.

An indicator (Cardinal / OCP red-flags shape) is a small class in its own module named by code,
``r001_single_source_share.py`` …, declaring its rule in one paragraph, the data it needs, its
default thresholds and its known false positives, and a ``compute()`` that yields ``Result``s.
``compute()`` only reads the store; ``run()`` writes, replacing one indicator's results in one
transaction so a page never sees half of an old run and half of a new one.

Thresholds are defaults that a deployment overrides in settings::

    OPENTENGE_INDICATORS = {"R001": {"share": "0.6"}}
"""
from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, ClassVar, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opentenge.web.pagecache import data_changed

FLAGGED, CLEAR, INSUFFICIENT = "flagged", "clear", "insufficient_data"


@dataclass
class Result:
    """One outcome for one subject; ``contracts`` are the goszakup ids of the contracts concerned."""

    subject_kind: str
    subject_key: str
    outcome: str
    value: Decimal | None = None
    threshold: Decimal | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    buyer_id: int | None = None
    supplier_id: int | None = None
    contracts: list[int] = field(default_factory=list)


class Indicator:
    code: ClassVar[str]
    title: ClassVar[str]
    rule: ClassVar[str]
    data_needed: ClassVar[str]
    false_positives: ClassVar[str]
    subject_kind: ClassVar[str]
    defaults: ClassVar[dict[str, Any]] = {}
    version: ClassVar[str] = "1"

    def __init__(self, overrides: dict[str, Any] | None = None) -> None:
        configured = (getattr(settings, "OPENTENGE_INDICATORS", None) or {}).get(self.code, {})
        self.thresholds = {**self.defaults, **configured, **(overrides or {})}

    def threshold(self, name: str) -> Any:
        return self.thresholds[name]

    def compute(self) -> Iterable[Result]:  # pragma: no cover - every indicator defines it
        raise NotImplementedError

    def describe(self) -> dict:
        """Plain data for the method page, the API and the docs index."""
        return {"code": self.code, "title": str(self.title), "rule": str(self.rule),
                "data_needed": str(self.data_needed), "false_positives": str(self.false_positives),
                "subject_kind": self.subject_kind, "version": self.version,
                "thresholds": {k: _plain(v) for k, v in self.thresholds.items()}}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_REGISTRY: dict[str, type[Indicator]] = {}


def register(cls: type[Indicator]) -> type[Indicator]:
    _REGISTRY[cls.code] = cls
    return cls


def registry() -> dict[str, type[Indicator]]:
    """Every indicator, by code, in code order (importing each ``r0xx_*`` module registers it)."""
    import opentenge.indicators as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name[:1] == "r" and info.name[1:4].isdigit():
            importlib.import_module(f"opentenge.indicators.{info.name}")
    return dict(sorted(_REGISTRY.items()))


def get(code: str) -> type[Indicator]:
    try:
        return registry()[code.upper()]
    except KeyError:
        raise LookupError(f"no indicator {code!r}; known: {', '.join(registry())}") from None


def run(code: str, *, overrides: dict | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Recompute one indicator and replace its stored results atomically; return outcome counts."""
    from opentenge.indicators.models import FlagResult, ResultContract

    indicator = get(code)(overrides)
    results = list(indicator.compute())
    now = timezone.now()
    counts = Counter(r.outcome for r in results)
    with transaction.atomic():
        FlagResult.objects.filter(code=indicator.code).delete()
        for start in range(0, len(results), 1000):
            chunk = results[start:start + 1000]
            rows = FlagResult.objects.bulk_create([
                FlagResult(code=indicator.code, subject_kind=r.subject_kind, subject_key=str(r.subject_key),
                           outcome=r.outcome, value=r.value, threshold=r.threshold, inputs=_plain(r.inputs),
                           buyer_id=r.buyer_id, supplier_id=r.supplier_id, computed_at=now,
                           method_version=indicator.version)
                for r in chunk])
            if rows and rows[0].pk is None:  # backends without RETURNING: read the ids back
                rows = list(FlagResult.objects.filter(code=indicator.code, computed_at=now).order_by("id"))[start:]
            ResultContract.objects.bulk_create(
                [ResultContract(result=row, contract_gz_id=gz) for row, r in zip(rows, chunk) for gz in r.contracts],
                batch_size=1000)
            if progress:
                progress(indicator.code, start + len(chunk), len(results))
        data_changed(f"indicators {indicator.code}")
    return {"code": indicator.code, "flagged": counts[FLAGGED], "clear": counts[CLEAR],
            "insufficient_data": counts[INSUFFICIENT], "total": len(results)}
