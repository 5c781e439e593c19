"""Whose budget a file is: the republic's, or a region's, district's or rural district's (KATO).

The portal answers one territory at a time (its ``region`` parameter), and nothing in the 18/20
report columns says which. So the territory comes from outside the rows, in this order:

1. ``<file>.meta.json`` beside the file (the fetcher writes it with ``url`` and ``retrieved_at``):
   ``"kato"`` (9 digits), optional ``"name"`` and ``"level"`` (must agree with the code);
2. the JSON grid answer's own top level: ``"kato"``, optional ``"region"`` (name) and ``"level"``;
3. one 9-digit number in the file name: ``departmental_751000000.csv``;
4. none of these: the republican budget (every opengov-kz file is).

A stated level that disagrees with the code, or a code that names no budget, refuses the whole
file (quarantined, field ``kato``): guessing would file a district's money under its region.
"""
from __future__ import annotations

import json
from pathlib import Path

from opentenge.budget.kato import REPUBLIC, KatoError, Territory, code_in_name, territory

REPUBLIC_NAMES = {"", "республика казахстан", "қазақстан республикасы", "republic of kazakhstan"}


def _meta(path: Path) -> dict:
    meta_path = path.with_name(path.name + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KatoError(f"{meta_path.name}: not readable JSON ({exc})") from exc
    return meta if isinstance(meta, dict) else {}


def file_territory(path: Path, document=None) -> tuple[Territory, str]:
    """The file's territory and where it was read (``meta.json``, ``JSON``, ``file name``, ``default``)."""
    meta = _meta(path)
    if meta.get("kato") not in (None, ""):
        return territory(meta["kato"], meta.get("name") or "", meta.get("level")), "meta.json"
    if isinstance(document, dict) and document.get("kato") not in (None, ""):
        name = str(document.get("region") or "")
        return territory(document["kato"], name, document.get("level")), "JSON"
    code = code_in_name(path.name)
    if code is not None:
        return territory(code, str(meta.get("name") or "")), "file name"
    stated = str((document or {}).get("region") or "") if isinstance(document, dict) else ""
    if stated.strip().lower() not in REPUBLIC_NAMES:
        raise KatoError(f"the answer names the territory {stated!r} but no KATO code: add \"kato\" to the "
                        f"answer or to {path.name}.meta.json")
    return REPUBLIC, "default"
