"""Linking benchmark: a million organisation records without BINs, linked in batch mode.

    .venv/bin/python bench/linking.py                    # 1,000,000 records (the issue's target)
    .venv/bin/python bench/linking.py --records 100000   # a quicker run
    .venv/bin/python bench/linking.py --records 20000 --seed 3

What one run does (see docs/linking-operations.md):

1. **Generate** ``--records`` records into ``bench/work/linking/records-<n>-<seed>.tsv`` (reused
   when present): distinct organisations and entrepreneurs built with the demo name builders of
   :mod:`opentenge.demo.names` (legal forms, quoting, Kazakh and Russian forms, schools and
   kindergartens with their city), made unique by invented Kazakh-sounding words, with *controlled
   duplicates*: a quarter of the entities appear 2–4 times, each extra record a known variant
   (the Kazakh form, the 2021 Latin spelling, passport-style capitals, Russian spelling of Kazakh
   letters, the spelled-out legal form, other quotes, one typo). The entity id of every record is
   known, none has a BIN, so only names can link them.
2. **Link** in a child process, timed from outside: read the file, ``opentenge.linking.batch``
   (DuckDB blocking + rapidfuzz scoring), then the canonical clusters by union-find. Wall time and
   peak RSS come from ``os.wait4`` (``ru_maxrss`` of the child: the whole run, Python and DuckDB).
3. **Report** one table: records, candidate pairs compared, automatic matches, review pairs, wall
   time and peak memory against the targets (10 min, 4 GB), and precision / recall of the
   automatic matches against the known duplicates, pair by pair and after clustering. The same
   numbers go to ``bench/results/linking-<UTC timestamp>.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "linking"
RESULTS = ROOT / "bench" / "results"
TARGET_SECONDS = 600
TARGET_RSS_GB = 4.0

# -- 1. generation -------------------------------------------------------------------------------

# Invented Kazakh-sounding words («Ақсай», «Бережан», «Нұрсат»): consonant-vowel syllables that keep
# Kazakh vowel harmony (a word takes back vowels а о ұ ы or front vowels ә е ө ү і, not both).
CONSONANTS = "бджзклмнпрстшқғ"
BACK_VOWELS, FRONT_VOWELS = "аоұыа", "әеөүіе"
CODAS = ("", "", "", "н", "р", "л", "с", "т", "қ", "й", "ң", "ш")
# The numbered city institutions of opentenge.demo.names, always with their city.
CITY_FORMS = ("Общеобразовательная школа №{n} города {city}", "Ясли-сад №{n} города {city}",
              "Городская поликлиника №{n} города {city}", "Городская больница №{n} города {city}")
KZ_CITY_FORMS = ("{city} қаласының №{n} жалпы білім беретін мектебі", "{city} қаласының №{n} бөбекжай-бақшасы",
                 "{city} қаласының №{n} қалалық емханасы", "{city} қаласының №{n} қалалық ауруханасы")
CITY_FORM_CODES = (("КГУ", "КММ"), ("ГККП", "МКҚК"), ("ГКП на ПХВ", "ШЖҚ МКК"), ("ГКП на ПХВ", "ШЖҚ МКК"))
# Russian spelling of Kazakh letters (what a Russian-language form does to a Kazakh name).
RU_SPELLING = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
TYPO_LETTERS = "абвгдежзиклмнопрстуфхыя"


def invented_word(rng: random.Random) -> str:
    vowels = BACK_VOWELS if rng.random() < 0.6 else FRONT_VOWELS
    syllables = rng.choice((2, 3, 3, 3, 4))
    word = "".join(rng.choice(CONSONANTS) + rng.choice(vowels) for _ in range(syllables)) + rng.choice(CODAS)
    if vowels is FRONT_VOWELS:
        word = word.replace("қ", "к").replace("ғ", "г")  # front words take к and г
    return word[:1].upper() + word[1:]


def company_core(rng: random.Random, nm) -> str:
    """Shapes of demo company names, with one invented word so that entities are distinct."""
    r = rng.random()
    word = invented_word(rng)
    if r < 0.25:
        return f"{word} {rng.choice(nm.RU_WORDS)}"
    if r < 0.45:
        return f"{rng.choice(nm.KZ_WORDS)} {word}"
    if r < 0.55:
        return f"{word}-{rng.choice(nm.RU_WORDS)}"
    if r < 0.70:
        return f"{word} {invented_word(rng)}"
    if r < 0.80:
        return f"{word} {rng.choice(nm.KZ_WORDS)} {rng.choice(nm.RU_WORDS)}"
    if r < 0.95:
        from opentenge.ids.translit import to_latin_2021

        return f"{to_latin_2021(word).replace('ı', 'i')} {rng.choice(nm.LATIN_SUFFIXES)}"
    return f"{word}{rng.choice(nm.RU_WORDS).lower()}"


def entity(rng: random.Random, nm) -> tuple[str, str, str, str]:
    """(kind, core, ru name, kk name) of one entity, from the demo builders' shapes."""
    r = rng.random()
    if r < 0.06:  # individual entrepreneur
        surname = invented_word(rng) + rng.choice(("ов", "ев", "баев", "бекова", "ова", "ин"))
        first = rng.choice(nm.FIRST_NAMES_M + nm.FIRST_NAMES_F)
        patronymic = rng.choice(nm.FIRST_NAMES_M).replace("ь", "") + rng.choice(("ович", "ұлы", "овна", "қызы"))
        core = f"{surname} {first} {patronymic}"
        return "person", core, f'ИП "{core}"', f'"{core}" ЖК'
    if r < 0.08:  # institution with a number and a city
        form = rng.randrange(len(CITY_FORMS))
        city_kz, city_ru, _ = rng.choice(nm.CITIES)
        n = rng.randint(1, 400)
        ru_code, kz_code = CITY_FORM_CODES[form]
        core = CITY_FORMS[form].format(n=n, city=city_ru)
        kk = KZ_CITY_FORMS[form].format(n=n, city=city_kz)
        return "institution", core, f'{ru_code} "{core}"', f'"{kk}" {kz_code}'
    if r < 0.10:
        core = f"{rng.choice(nm.KZ_WORDS)} {invented_word(rng)}"
        return "ngo", core, f'ОО "{core}"', f'"{core}" ҚБ'
    core = company_core(rng, nm)
    ru_form, kz_form = ("АО", "АҚ") if r < 0.13 else ("ТОО", "ЖШС")
    quoted = f"«{core}»" if rng.random() < 0.1 else f'"{core}"'
    return "company", core, f"{ru_form} {quoted}", f"{quoted} {kz_form}"


def _typo(text: str, rng: random.Random) -> str:
    """One letter replaced inside the longest word (of 6+ letters); the text unchanged otherwise."""
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i].strip('"«»')))
    word = words[longest]
    if len(word.strip('"«»')) < 6:
        return text
    i = rng.randrange(2, len(word) - 1)
    words[longest] = word[:i] + rng.choice(TYPO_LETTERS) + word[i + 1:]
    return " ".join(words)


def variant(kind: str, core: str, ru: str, kk: str, rng: random.Random) -> tuple[str, str]:
    """(variant name, how) — another record of the same entity as some source would print it."""
    from opentenge.ids.translit import to_latin_2021

    latin = to_latin_2021(core)
    r = rng.random()
    if kind == "person":
        surname, first, _ = core.split(" ")
        options = (
            (kk, "kazakh-form"),
            (f"{to_latin_2021(surname).upper()} {to_latin_2021(first).upper()}", "latin-capitals"),
            (f"{surname} {first}".translate(RU_SPELLING), "russian-spelling-no-patronymic"),
            (f'ИП {core.translate(RU_SPELLING)}', "russian-spelling"),
        )
        return options[int(r * len(options))]
    if kind == "institution":
        return ((kk, "kazakh-form") if r < 0.5 else (ru.replace('"', "«", 1).replace('"', "»", 1), "quotes")
                if r < 0.75 else (ru.upper(), "capitals"))
    form_ru, form_latin = ("АО", "JSC") if ru.startswith("АО") else \
        ("ОО", "Public Association") if ru.startswith("ОО") else ("ТОО", "LLP")
    spelled = {"ТОО": "Товарищество с ограниченной ответственностью", "АО": "Акционерное общество",
               "ОО": "Общественное объединение"}[form_ru]
    options = (
        (kk, "kazakh-form"),
        (f"{latin} {form_latin}", "latin-2021"),
        (f"{form_ru.replace('ТОО', 'TOO').replace('АО', 'AO').replace('ОО', 'OO')} {latin.upper()}", "latin-capitals"),
        (f"{form_ru} «{core.translate(RU_SPELLING)}»", "russian-spelling"),
        (f'{spelled} "{core}"', "spelled-out-form"),
        (f"{form_ru} {core}", "no-quotes"),
        (_typo(ru, rng), "typo"),
    )
    name, how = options[int(r * len(options))]
    return (name, how) if name != ru else (kk, "kazakh-form")


# Words that are one word in two spellings: entities differing only by them are not distinct.
SAME_WORD = {"group": "grup", "pharm": "farm", "service": "servis", "energy": "energo", "tech": "teknik",
             "consulting": "konsalt", "trade": "treid"}


def distinct_key(core: str) -> str:
    """When two generated entities have the same key, no reader could tell their names apart."""
    from opentenge.ids.search import search_key

    words = [SAME_WORD.get(w, w) for w in search_key(core).replace("-", " ").split()]
    return "".join(words)


def generate(path: Path, records: int, seed: int) -> dict:
    """Write ``key \\t entity \\t name \\t how`` lines; return what was made."""
    from opentenge.demo import names as nm

    rng = random.Random(seed)
    seen: set[str] = set()
    written, entities, hows = 0, 0, Counter()
    tmp = path.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8") as fh:
        while written < records:
            kind, core, ru, kk = entity(rng, nm)
            folded = distinct_key(core)
            if folded in seen:
                continue
            seen.add(folded)
            entities += 1
            extra = 0
            if rng.random() < 0.25:
                extra = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
            names = [(ru if rng.random() < 0.7 else kk, "base")]
            for _ in range(extra):
                names.append(variant(kind, core, ru, kk, rng))
            for name, how in names[: records - written]:
                fh.write(f"R{written}\t{entities}\t{name}\t{how}\n")
                hows[how] += 1
                written += 1
    tmp.rename(path)
    return {"records": written, "entities": entities, "variants": dict(hows)}


# -- 2. linking (child process) ---------------------------------------------------------------------

def link_file(path: Path, out: Path) -> None:
    """Run in the child: read, link in batch mode, cluster, measure against the known entities."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
    os.environ.setdefault("OPENTENGE_DATABASE_URL", f"sqlite:///{WORK / 'unused.sqlite3'}")
    import django

    django.setup()  # the linking package is a Django app; no database is touched here
    from opentenge.linking.batch import link_batch
    from opentenge.linking.canonical import Clusters
    from opentenge.linking.scoring import LinkRecord

    t0 = time.monotonic()
    records, entity_of = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            key, ent, name, _ = line.rstrip("\n").split("\t")
            records.append(LinkRecord(key=key, names=(name,)))
            entity_of.append(int(ent))
    t_read = time.monotonic() - t0
    result = link_batch(records, workdir=str(WORK), memory_limit="1500MB")
    t1 = time.monotonic()
    clusters = Clusters()
    matched = [(a, b) for a, b, s in result.decided if s.decision == "match"]
    for a, b in matched:
        clusters.union(records[a].key, records[b].key)
    mapping = clusters.mapping()
    t_cluster = time.monotonic() - t1

    # ground truth: every pair of records of one entity
    sizes = Counter(entity_of)
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    tp = sum(1 for a, b in matched if entity_of[a] == entity_of[b])
    review_true = sum(1 for a, b, s in result.decided if s.decision == "review" and entity_of[a] == entity_of[b])
    # after clustering: pairs inside predicted clusters
    by_cluster: dict[str, list[int]] = defaultdict(list)
    index = {r.key: i for i, r in enumerate(records)}
    for key, (canonical, _) in mapping.items():
        by_cluster[canonical].append(index[key])
    predicted_pairs = cluster_tp = 0
    for members in by_cluster.values():
        predicted_pairs += len(members) * (len(members) - 1) // 2
        for n in Counter(entity_of[i] for i in members).values():
            cluster_tp += n * (n - 1) // 2
    out.write_text(json.dumps({
        "records": len(records), "entities": len(sizes), "true_pairs": true_pairs,
        "candidates": result.candidates, "auto_match": result.auto_match, "review": result.review,
        "no_match": result.no_match, "oversized_blocks": result.stats.oversized_blocks,
        "blocking_keys": result.stats.keys,
        "pair_precision": tp / len(matched) if matched else None,
        "pair_recall": tp / true_pairs if true_pairs else None,
        "review_true": review_true,
        "cluster_precision": cluster_tp / predicted_pairs if predicted_pairs else None,
        "cluster_recall": cluster_tp / true_pairs if true_pairs else None,
        "clusters": sum(1 for m in by_cluster.values() if len(m) > 1),
        "seconds": {"read": round(t_read, 1), **{k: round(v, 1) for k, v in result.seconds.items()},
                    "cluster": round(t_cluster, 1)},
        "false_matches": [[records[a].names[0], records[b].names[0]] for a, b in matched
                          if entity_of[a] != entity_of[b]][:20],
    }, ensure_ascii=False), encoding="utf-8")


def run_child(path: Path) -> tuple[dict, float, float]:
    """Link in a child process; return (its report, wall seconds, peak RSS in GiB)."""
    out = WORK / f"result-{os.getpid()}.json"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, __file__, "--link-only", str(path), "--out", str(out)], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"linking child failed with exit code {proc.returncode}")
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return report, wall, usage.ru_maxrss / 2**20  # ru_maxrss is KiB on Linux


# -- 3. report --------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--link-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.link_only:
        link_file(args.link_only, args.out)
        return 0

    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"records-{args.records}-{args.seed}.tsv"
    started = time.monotonic()
    if path.exists():
        console.print(f"records: reusing {path.relative_to(ROOT)}", style="dim")
        generated = {"records": sum(1 for _ in path.open(encoding="utf-8")), "reused": True}
    else:
        generated = generate(path, args.records, args.seed)
        console.print(f"records: generated {generated['records']:,} ({generated['entities']:,} entities) "
                      f"in {time.monotonic() - started:.0f} s", style="dim")
    report, wall, rss = run_child(path)

    def pct(x):
        return "—" if x is None else f"{100 * x:.2f} %"

    table = Table(title=f"linking {report['records']:,} records without BINs (batch mode)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    rows = [
        ("records / distinct entities", f"{report['records']:,} / {report['entities']:,}", ""),
        ("true duplicate pairs", f"{report['true_pairs']:,}", ""),
        ("candidate pairs compared", f"{report['candidates']:,}", ""),
        ("automatic matches / review / no match",
         f"{report['auto_match']:,} / {report['review']:,} / {report['no_match']:,}", ""),
        ("wall time (child, all phases)", f"{wall:.0f} s", f"≤ {TARGET_SECONDS} s"),
        ("  read · prepare · block · score · cluster",
         " · ".join(f"{report['seconds'].get(k, 0):.0f}" for k in ("read", "prepare", "block", "score", "cluster")),
         ""),
        ("peak RSS (child, ru_maxrss)", f"{rss:.2f} GiB", f"≤ {TARGET_RSS_GB:.0f} GB"),
        ("precision, automatic matches (pairs)", pct(report["pair_precision"]), "≥ 98 %"),
        ("recall, automatic matches (pairs)", pct(report["pair_recall"]), "≥ 90 %"),
        ("precision after clustering", pct(report["cluster_precision"]), ""),
        ("recall after clustering", pct(report["cluster_recall"]), ""),
        ("true duplicates left for review", f"{report['review_true']:,}", ""),
        ("blocking keys dropped as too common", f"{report['oversized_blocks']:,}", ""),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    machine = f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}"
    console.print(f"machine: {machine}", style="dim")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result_path = RESULTS / f"linking-{stamp}.json"
    result_path.write_text(json.dumps({**report, "wall_seconds": round(wall, 1), "peak_rss_gib": round(rss, 3),
                                       "generated": generated, "machine": machine, "seed": args.seed},
                                      ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"results: {result_path.relative_to(ROOT)}", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
