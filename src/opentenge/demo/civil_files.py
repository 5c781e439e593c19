"""How the synthetic civil-society files look on disk: amounts as published, CSV and XLSX writers.

Amounts are drawn in tiyn and written the ways Kazakh official tables write them (``12 500 000``,
``7 250 000,50``, ``3 400 тыс.``, thousand tenge with a decimal comma); CSV in the encoding asked
for (Windows-1251 replaces the Kazakh letters it lacks, as Russian-locale files do); XLSX through
openpyxl with fixed timestamps, so the same seed gives byte-identical workbooks.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

from opentenge.demo import civil_names as cn

FIXED_ZIP_TIME = (2026, 2, 2, 3, 0, 0)


# -- amounts as published ----------------------------------------------------------------------

def tenge_text(tiyn: int, rng: random.Random, *, allow_thousand: bool = True) -> str:
    """``1250000000`` tiyn → ``12 500 000`` or ``12 500 000,00`` or ``12 500 тыс.`` (exact only)."""
    whole, cents = divmod(tiyn, 100)
    grouped = f"{whole:,}".replace(",", " " if rng.random() < 0.7 else "\u00a0")
    if cents:
        return f"{grouped},{cents:02d}"
    if allow_thousand and whole % 1000 == 0 and rng.random() < 0.15:
        return f"{whole // 1000:,}".replace(",", " ") + " тыс."
    return f"{grouped},00" if rng.random() < 0.2 else grouped


def thousand_text(tiyn: int) -> str:
    """Thousand tenge with a decimal comma: ``3 400,5`` (exact: tiyn amounts are multiples of 10 tenge)."""
    whole, rest = divmod(tiyn, 100_000)
    text = f"{whole:,}".replace(",", " ")
    if rest:
        fraction = f"{rest:05d}".rstrip("0")
        text += "," + fraction
    return text


def draw_tiyn(rng: random.Random, low: int, high: int, step: int = 1000) -> int:
    """A sum in tenge between ``low`` and ``high`` rounded to ``step``, sometimes with tiyn."""
    tenge = rng.randrange(low // step, high // step + 1) * step
    cents = rng.choice((0, 0, 0, 0, 50)) if step <= 1000 else 0
    return tenge * 100 + cents


# -- writers -----------------------------------------------------------------------------------

class Files:
    def __init__(self, out: Path) -> None:
        self.out, self.count = out, 0

    def path(self, relative: str) -> Path:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self.count += 1
        return path

    def csv(self, relative: str, rows: list[list], encoding: str, delimiter: str = ";") -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if c is None else c for c in row])
        text = buffer.getvalue()
        if encoding == "cp1251":
            text = text.translate(cn.CP1251_SUBSTITUTES)
        self.path(relative).write_bytes(text.encode(encoding))

    def text(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8")

    def xlsx(self, relative: str, rows: list[list], *, sheet: str = "Лист1") -> None:
        from openpyxl import Workbook

        workbook = Workbook()
        worksheet = workbook.active
        worksheet.title = sheet
        for row in rows:
            worksheet.append(row)
        fixed = dt.datetime(*FIXED_ZIP_TIME)
        workbook.properties.creator = "opentenge demo"
        workbook.properties.created = fixed
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.path(relative).write_bytes(_deterministic_zip(buffer.getvalue(), fixed))


def _deterministic_zip(data: bytes, fixed: dt.datetime) -> bytes:
    """The same workbook gives the same bytes: fixed entry times and ``modified`` property."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + fixed.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                                 content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return target_buffer.getvalue()
