#!/usr/bin/env python
"""Write tests/fixtures/linking/pairs_real.csv from REAL public names in shared/data.

    .venv/bin/python scripts/make_linking_pairs_real.py [--data ../shared/data] [--out FILE]

Only names copied from the stored public sources are used (see
tests/fixtures/linking/PROVENANCE.md for every file, commit and URL). Labels come from the
sources, never from the matcher:

* persons: the same Mazhilis deputy on the parlam.kz kk, ru and en pages (and EveryPolitician's
  2016 copy of the en list; the 2026 Mazhilis API for БАРЛЫБАЕВ) is ``same=1``; two different
  deputies or senators are ``same=0`` when their surnames share the first four folded letters or
  their given names are equal (the pairs a name matcher could confuse);
* organisations: the kk and ru names of one bidder in the bilingual goszakup protocol
  9031370-КРБС1 (same BIN) are ``same=1``; two bidders (different BINs) are ``same=0``; the kk
  and ru names of the customer and of the organiser are ``same=1`` and across them ``same=0``;
* budget administrators (ABP) of budget.egov.kz: two names with one ABP code are ``same=1``
  (the 2023 rename of ministry 207, the ``ГУ`` prefix and double space documented for 626, 627
  and 213); names with different codes are ``same=0``. ABP 637 (Конституционный Совет ->
  Конституционный Суд) is left out: a new body replaced the old one, so neither label is safe.

Deterministic; no randomness at all.
"""
from __future__ import annotations

import argparse
import csv
import html
import itertools
import re
import sys
from pathlib import Path

from opentenge.ids.search import search_key

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "tests" / "fixtures" / "linking" / "pairs_real.csv"
COLUMNS = ("left", "right", "same", "bin_left", "bin_right", "kind", "origin")


def persons(data: Path) -> dict[str, list[tuple[str, str]]]:
    """person id -> [(name, origin)] from the translit examples, the 2026 Mazhilis and Senate TSVs."""
    out: dict[str, list[tuple[str, str]]] = {}
    with (data / "translit" / "name_variant_examples.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["entity_type"] != "person":
                continue
            pid = row["entity_id"]
            for column, origin in (("name_kk", "parlam-kk-2016"), ("name_ru", "parlam-ru-2016"),
                                   ("name_latin", "parlam-en-2018"),
                                   ("name_latin_alt", "everypolitician-2016")):
                if row[column].strip():
                    out.setdefault(pid, []).append((row[column].strip(), origin))
            if "Ашимбаев Маулен Сагатханович" in row["note"]:
                out[pid].append(("Ашимбаев Маулен Сагатханович", "kun.uz-2023"))
    derived = data / "parliament" / "mazhilis_api_derived"
    with (derived / "mazhilis_deputies_by_alphabet_2026-08.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = row["official_name"].strip()
            pid = f"mazhilis_2026_{row['parliament_deputy_id']}"
            if name.startswith("БАРЛЫБАЕВ Ерлан"):
                pid = "parlam_kz_person_2719"  # the same deputy, re-elected (surname, name, patronymic equal)
            out.setdefault(pid, []).append((name, f"mazhilis-api-2026#{row['parliament_deputy_id']}"))
    with (derived / "senate_profiles_2026-08.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(f"senate_2026_{row['senate_blog_id']}", []).append(
                (row["official_name"].strip(), f"senate-2026#{row['senate_blog_id']}"))
    # The 2018 English list pages themselves (same ids as name_latin; checked to agree).
    for page in ("a", "b"):
        page_file = data / "parliament" / "parlam_kz_archive" / f"en_mazhilis_People_DeputyList_{page}.html"
        text = page_file.read_text(encoding="utf-8")
        for pid, name in re.findall(r'/en/mazhilis/person/(\d+)"[^>]*>([^<]*\w[^<]*)<', text):
            names = [n for n, _ in out.get(f"parlam_kz_person_{pid}", [])]
            assert html.unescape(name).strip() in names, (pid, name)
    return out


def words(name: str) -> list[str]:
    return [w for w in search_key(name).split() if w != "none"]


def person_pairs(people: dict[str, list[tuple[str, str]]]) -> list[dict]:
    rows = []
    for pid, forms in people.items():
        seen = []
        for name, origin in forms:
            if name not in [n for n, _ in seen]:
                seen.append((name, origin))
        for (a, oa), (b, ob) in itertools.combinations(seen, 2):
            rows.append({"left": a, "right": b, "same": 1, "kind": "person-variant", "origin": f"{oa} | {ob}"})
    ids = sorted(people)
    for p, q in itertools.combinations(ids, 2):
        wp, wq = words(people[p][0][0]), words(people[q][0][0])
        surname_close = wp[0][:4] == wq[0][:4]
        given_equal = len(wp) > 1 and len(wq) > 1 and wp[1] == wq[1]
        if not (surname_close or given_equal):
            continue
        # every form of one against the first form of the other, then the reverse for variety
        for (a, oa), (b, ob) in [(f, people[q][0]) for f in people[p]][:2] + [(people[p][-1], people[q][-1])]:
            rows.append({"left": a, "right": b, "same": 0,
                         "kind": "person-same-surname-start" if surname_close else "person-same-given",
                         "origin": f"{oa} | {ob}"})
    return rows


PROTOCOL = "goszakup-9031370"
RESULTS = "goszakup-results"


def organisation_pairs(data: Path) -> list[dict]:
    rows = []
    text = (data / "registers" / "goszakup" / "goszakup_protocol_9031370-KRBS1_kk_ru.html").read_text(encoding="utf-8")
    plain = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    bidders_kk = dict((b, n.strip()) for n, b in re.findall(r'\d+ ("[^"]+"(?: Фирмасы")? ЖШС) (\d{12}) \d', plain))
    bidders_ru = dict((b, n.strip()) for n, b in re.findall(r'\d+ (ТОО "[^"]+(?:"[^"]+)?") (\d{12}) \d', plain))
    assert set(bidders_kk) == set(bidders_ru) and len(bidders_kk) == 3, (bidders_kk, bidders_ru)
    bidders = []
    for bin_ in sorted(bidders_kk):
        rows.append({"left": bidders_kk[bin_], "right": bidders_ru[bin_], "same": 1, "kind": "org-kk-ru",
                     "origin": f"{PROTOCOL}#{bin_}"})
        bidders.append((bidders_kk[bin_], bin_, PROTOCOL))
        bidders.append((bidders_ru[bin_], bin_, PROTOCOL))
    with (data / "registers" / "goszakup" / "results_conditional_prices_excerpt_ru.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            bidders.append((row["Наименование потенциального поставщика"], row["БИН (ИНН)/ИНН/УНП"], RESULTS))
    with (data / "kz_ids" / "bin_examples.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["name_if_known"].startswith('ОО "Жан"'):
                bidders.append(('ОО "Жан"', row["bin"], "kz_ids"))
    for (a, ba, oa), (b, bb, ob) in itertools.combinations(bidders, 2):
        oa, ob = f"{oa}#{ba}", f"{ob}#{bb}"
        if ba != bb:
            rows.append({"left": a, "right": b, "same": 0, "kind": "org-different-bidder", "origin": f"{oa} | {ob}"})
            rows.append({"left": a, "right": b, "same": 0, "bin_left": ba, "bin_right": bb,
                         "kind": "org-different-bin", "origin": f"{oa} | {ob}"})
    bodies = {
        "customer": (re.search(r'Тапсырыс беруші ("[^"]+" мемлекеттік мекемесі)', plain).group(1),
                     re.search(r'Заказчик (Государственное учреждение "[^"]+")', plain).group(1)),
        "organiser": (re.search(r'Ұйымдастырушының атауы ("[^"]+" мемлекеттік мекемесі)', plain).group(1),
                      re.search(r'Наименование организатора (Государственное учреждение "[^"]+")', plain).group(1)),
    }
    for role, (kk, ru) in bodies.items():
        rows.append({"left": kk, "right": ru, "same": 1, "kind": "institution-kk-ru", "origin": f"{PROTOCOL}#{role}"})
    (ckk, cru), (okk, oru) = bodies["customer"], bodies["organiser"]
    for a, b in ((ckk, oru), (cru, okk), (ckk, okk), (cru, oru)):
        rows.append({"left": a, "right": b, "same": 0, "kind": "institution-other",
                     "origin": f"{PROTOCOL}#customer | {PROTOCOL}#organiser"})
    return rows


BUDGET_TAGS = {"rb_vedomstv_klassifikatsiya_2023_head.csv": "budget-vedomstv",
               "respublikanskiy_byudzhet_2023-01_head.csv": "budget-tree",
               "rb_prioritetnye_investitsii_2023-01_head.csv": "budget-invest"}
BUDGET_FILES = ("rb_vedomstv_klassifikatsiya_2023_head.csv", "respublikanskiy_byudzhet_2023-01_head.csv",
                "rb_prioritetnye_investitsii_2023-01_head.csv")
# Variants of one ABP documented in budget_egov/PROVENANCE.md ("Quirks" 3) from the full series.
DOCUMENTED_VARIANTS = {
    626: "Агентство по стратегическому планированию и реформам Республики Казахстан",
    627: "Агентство по защите и развитию конкуренции Республики Казахстан",
    213: "Министерство труда и социальной  защиты населения Республики Казахстан",
}


def budget_pairs(data: Path) -> list[dict]:
    names: dict[int, list[tuple[str, str]]] = {}
    for file in BUDGET_FILES:
        with (data / "budget_egov" / file).open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter=";"):
                try:
                    code = int(float(row["code"]))
                except ValueError:
                    continue
                if code < 100 or (file.startswith("rb_prior") and row["level"] != "2"):
                    continue
                name = row["name"]
                if name.strip() not in [n.strip() for n, _ in names.get(code, [])]:
                    names.setdefault(code, []).append((name, f"{BUDGET_TAGS[file]}#{code}"))
    for code, name in DOCUMENTED_VARIANTS.items():
        names[code].append((name, f"budget-provenance-quirk3#{code}"))
    names.pop(637)  # Constitutional Council -> Constitutional Court: not labelled (see docstring)
    rows = []
    for code, forms in sorted(names.items()):
        for (a, oa), (b, ob) in itertools.combinations(forms, 2):
            rows.append({"left": a, "right": b, "same": 1, "kind": "budget-abp-variant", "origin": f"{oa} | {ob}"})
    firsts = [(code, forms[0]) for code, forms in sorted(names.items())]
    for (ca, (a, oa)), (cb, (b, ob)) in itertools.combinations(firsts, 2):
        rows.append({"left": a, "right": b, "same": 0, "kind": "budget-abp-different", "origin": f"{oa} | {ob}"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = person_pairs(persons(args.data)) + organisation_pairs(args.data) + budget_pairs(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    positives = sum(r["same"] for r in rows)
    print(f"wrote {len(rows)} pairs ({positives} same, {len(rows) - positives} different) to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
