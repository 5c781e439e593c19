"""Bulk export publishing: atomic swap of the export folder, and memory bounded whatever the size.

Atomicity: a writer that fails midway (monkeypatched) must leave the previous export byte for byte
as it was and no staging folder behind. Streaming: the tracemalloc peak of a full export of 4N
synthetic contracts must stay far below 4× the peak for N (batches shrunk so both sizes span
several batches); a writer that built full lists would scale linearly and fail the bound. The
bound is measured on the tabular writers: the FtM and OCDS libraries keep bounded internal caches
(value cleaning, merge rules) that grow with distinct values up to their size limit, which would
blur the signal at test sizes.
"""
from __future__ import annotations

import csv
import datetime as dt
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from opentenge.export import ocds, tables, tabular
from opentenge.export.run import ExportError, run_export
from opentenge.store import models as m

ALL = ["csv", "parquet", "sqlite", "ftm", "ocds"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith(".")]


def add_contracts(first: int, count: int) -> None:
    buyer, _ = m.Organisation.objects.get_or_create(key="BIN:000140000001", defaults={"bin": "000140000001",
                                                                                     "name_ru": "Акимат"})
    supplier, _ = m.Organisation.objects.get_or_create(key="BIN:000140000002", defaults={"bin": "000140000002",
                                                                                        "name_ru": "ТОО Поставщик"})
    m.Contract.objects.bulk_create(
        [m.Contract(gz_id=gz, customer=buyer, supplier=supplier, contract_sum_wnds=Decimal(gz) + Decimal("0.25"),
                    fakt_sum_wnds=Decimal(gz), method_id=6, sign_date=dt.date(2024, 1, 1),
                    description_ru=f"Поставка товара номер {gz} " * 4)
         for gz in range(first, first + count)], batch_size=500)


def test_failed_export_keeps_the_previous_one_and_leaves_no_staging_folder(db, tmp_path, monkeypatch):
    add_contracts(1, 5)
    out = tmp_path / "export"
    run_export(["csv", "sqlite"], out)
    before = snapshot(out)
    assert "csv/contracts.csv" in before and "datapackage.json" in before

    add_contracts(100, 5)  # the next export would differ
    real_write, written = tabular.write_csv, []

    def failing_write(table, rows, path, tick):
        if len(written) == 3:
            raise RuntimeError("disk full (simulated)")
        written.append(table.name)
        return real_write(table, rows, path, tick)

    monkeypatch.setattr(tabular, "write_csv", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        run_export(["csv", "sqlite"], out)
    assert len(written) == 3  # it did fail midway, after writing files
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []

    monkeypatch.setattr(tabular, "write_csv", real_write)
    summary = run_export(["csv"], out)  # a complete export replaces the old one as a whole
    assert summary["tables"]["contracts"] == 10 and summary["out"] == str(out)
    assert not (out / "opentenge.sqlite").exists() and leftovers(tmp_path) == []
    with (out / "csv" / "contracts.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 10


def test_a_folder_that_is_not_an_export_is_never_replaced(db, tmp_path):
    out = tmp_path / "srv"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(ExportError, match=r"refusing to replace .*srv"):
        run_export(["csv"], out)
    assert (out / "precious.txt").read_text() == "keep me" and leftovers(tmp_path) == []


def test_published_folder_is_readable_by_others(db, tmp_path):
    out = tmp_path / "export"
    run_export(["csv"], out)
    assert out.stat().st_mode & 0o005 == 0o005  # not mkdtemp's private 0700


TABULAR = ["csv", "parquet", "sqlite"]


def peak_bytes(out: Path) -> int:
    tracemalloc.start()
    try:
        run_export(TABULAR, out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_when_the_data_grows_fourfold(db, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "CHUNK", 30)
    monkeypatch.setattr(tabular, "BATCH", 30)
    monkeypatch.setattr(ocds, "TENDER_BATCH", 15)
    n = 1000  # 4N rows held at once would cost megabytes, well above the fixed costs (~1.6 MB peak)
    add_contracts(1, n)
    run_export(TABULAR, tmp_path / "warm-up")  # imports and other one-time caches
    small = peak_bytes(tmp_path / "small")
    add_contracts(n + 1, 3 * n)
    large = peak_bytes(tmp_path / "large")
    with (tmp_path / "large" / "csv" / "contracts.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 4 * n
    # 3N more rows held at once would cost megabytes (each contract row is ~1.5 kB in Python); checked:
    # materialising a table's rows in a list fails this (peaks 3.2 MB → 12 MB at N=2000)
    assert large - small < 200_000 and large < 1.5 * small, (small, large)
