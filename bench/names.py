"""Throughput of name normalisation and comparison (opentenge.ids.names, linking.compare).

    .venv/bin/python bench/names.py [--names 200000] [--seed 1]

Builds ``--names`` names with the demo name builders (companies in kk/ru/Latin forms, persons,
state bodies; the words repeat as in real registers) and prints names per second of CPU time for:

* ``normalize`` without its result cache (every name new), word caches cold at the start;
* ``normalize`` of a stream where every name comes 5 times (the result cache at work, as in a
  contracts table where one supplier has many rows);
* ``name_keys`` and ``compare`` (pairs of consecutive names).

The figures in docs/linking.md come from this script.
"""
from __future__ import annotations

import argparse
import platform
import random
import time

from opentenge.demo import names as dn
from opentenge.ids import names
from opentenge.ids.translit import to_latin_2021
from opentenge.linking import compare as cmp


def make_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        r = rng.random()
        if r < 0.55:
            ru, kk = dn.company_names(rng, joint_stock=rng.random() < 0.1, branch=rng.random() < 0.05)
            name = rng.choice((ru, kk or ru))
            if rng.random() < 0.2:
                name = to_latin_2021(name)
        elif r < 0.8:
            name = rng.choice(dn.person_names(rng, rng.random() < 0.6))
        elif r < 0.9:
            name = rng.choice(dn.region_department_names(rng.randrange(dn.REGION_COUNT),
                                                         rng.randrange(len(dn.REGIONAL_DEPARTMENTS))))
        else:
            name = rng.choice(dn.school_names(rng, rng.randrange(len(dn.CITIES))))
        out.append(f"{name} {rng.randrange(100000)}" if rng.random() < 0.3 else name)
    return out


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} /s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = make_names(args.names, args.seed)
    print(f"{len(corpus):,} names, {len(set(corpus)):,} distinct; Python {platform.python_version()}, "
          f"{platform.machine()}")

    names._fold_chunk.cache_clear()
    names._latin_chunk.cache_clear()
    uncached = names.normalize.__wrapped__
    t = time.process_time()
    for text in corpus:
        uncached(text)
    print(f"normalize, no result cache   {rate(len(corpus), time.process_time() - t)}")

    names.normalize.cache_clear()
    stream = corpus[: len(corpus) // 5] * 5
    t = time.process_time()
    for text in stream:
        names.normalize(text)
    print(f"normalize, each name 5 times {rate(len(stream), time.process_time() - t)}")

    forms = [names.normalize(text) for text in corpus]
    cmp._name_keys.cache_clear()
    t = time.process_time()
    for form in forms:
        cmp.name_keys(form)
    print(f"name_keys                    {rate(len(forms), time.process_time() - t)}")

    cmp._analyse.cache_clear()
    pairs = list(zip(corpus[::2], corpus[1::2]))[:50_000]
    t = time.process_time()
    for a, b in pairs:
        cmp.compare(a, b)
    print(f"compare (pairs)              {rate(len(pairs), time.process_time() - t)}")


if __name__ == "__main__":
    main()
