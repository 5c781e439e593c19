"""Synthetic demo corpus in the real source formats (``opentenge demo-data``).

Only the standard library and :mod:`opentenge.ids.kz` are used, so this runs without Django.

    from opentenge.demo import SCALES, generate
    manifest = generate(Path("demo"), seed=42, scale="small")

``generate`` writes ``<out>/goszakup/`` (saved goszakup.gov.kz OWS v3 responses, see
:mod:`opentenge.demo.goszakup`) and ``<out>/manifest.json``, and returns the manifest:
``{"seed", "scale", "files", "pages", "page_size", "counts": {"organisations", "tenders", "lots",
"contracts", "broken_records"}, "expected": {...}}``. The same seed and scale give
byte-identical files. ``progress(label, done, total)`` is called after every page written
(``label`` is the page's path relative to ``goszakup/``; ``done``/``total`` count pages, each of
which is a data file plus its ``.meta.json``).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from opentenge.demo.goszakup import SCALES
from opentenge.demo.goszakup import generate as _generate_goszakup

__all__ = ["SCALES", "generate"]


def generate(out: Path, *, seed: int = 42, scale: str = "small",
             progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write the demo corpus for ``scale`` (one of :data:`SCALES`) under ``out``; return the manifest."""
    return _generate_goszakup(Path(out), seed=seed, scale=scale, progress=progress)
