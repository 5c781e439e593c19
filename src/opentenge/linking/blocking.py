"""Blocking: which pairs of records are worth scoring at all, found in SQL (DuckDB).

Comparing every record with every other is n²/2 pairs: 5·10¹¹ for a million records. Blocking
gives each record a few *keys* (``opentenge.linking.compare.name_keys`` of its normalised names:
folded tokens, token pairs …) and proposes only the pairs that share a key. The keys and the
pairs live in an in-process DuckDB database (spilling to a temporary folder, never the store),
so a national run needs neither a server nor all pairs in Python memory:

1. ``(record, key)`` rows are streamed to a tab-separated file and read by DuckDB;
2. a key held by more than :data:`MAX_BLOCK` records is dropped: it is too common to tell
   records apart (``stroi``, ``shkola``), and keeping it would cost n²/2 pairs for nothing;
   a record is then found through its rarer keys;
3. the distinct pairs sharing at least one remaining key are the candidates, streamed back in
   chunks. Pairs whose two records both carry a BIN/IIN are not scored: different identifiers
   never merge (the identifier, not the name, decides).

Exact identifier blocking needs no SQL: in the store one BIN or IIN is one row (``Organisation``
keys are ``BIN:…``/``IIN:…``), so records sharing an identifier are already one record.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BLOCK = 60
FETCH = 50_000
_SANITISE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\\": " "})


@dataclass
class BlockingStats:
    records: int = 0
    keys: int = 0
    blocks: int = 0
    oversized_blocks: int = 0
    pairs: int = 0
    identified_pairs: int = 0  # both records carry a BIN/IIN: decided without scoring


class Blocker:
    """Collect ``(record index, keys)``; then ``pairs()`` yields candidate pairs from DuckDB.

    ``identified[i]`` says record ``i`` carries a BIN/IIN; ``changed[i]`` (incremental mode) says
    it changed since the last run: only pairs with at least one changed record are proposed.
    """

    def __init__(self, workdir: str | Path | None = None, *, max_block: int = MAX_BLOCK,
                 memory_limit: str = "1GB") -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="opentenge-blocking-", dir=workdir)
        self.dir = Path(self._tmp.name)
        self.max_block = max_block
        self.memory_limit = memory_limit
        self._keys = open(self.dir / "keys.tsv", "w", encoding="utf-8", newline="\n")
        self._recs = open(self.dir / "records.tsv", "w", encoding="utf-8", newline="\n")
        self.stats = BlockingStats()

    def add(self, index: int, keys: Iterable[str], *, identified: bool, changed: bool = True) -> None:
        self.stats.records += 1
        self._recs.write(f"{index}\t{int(identified)}\t{int(changed)}\n")
        for key in keys:
            if key:
                self._keys.write(f"{index}\t{key.translate(_SANITISE)}\n")
                self.stats.keys += 1

    def pairs(self) -> Iterator[list[tuple[int, int, bool]]]:
        """Chunks of ``(a, b, both_identified)`` with ``a < b``, each pair once, ordered by ``a``."""
        import duckdb

        self._keys.close()
        self._recs.close()
        con = duckdb.connect(str(self.dir / "blocking.duckdb"))
        try:
            con.execute(f"SET memory_limit='{self.memory_limit}'")
            con.execute(f"SET threads={max(1, min(4, os.cpu_count() or 1))}")
            con.execute(f"SET temp_directory='{self.dir / 'spill'}'")
            con.execute("SET preserve_insertion_order=false")
            con.execute(f"""CREATE TABLE k AS SELECT * FROM read_csv('{self.dir / "keys.tsv"}', delim='\t',
                header=false, quote='', escape='', columns={{'rec': 'INTEGER', 'key': 'VARCHAR'}})""")
            con.execute(f"""CREATE TABLE r AS SELECT * FROM read_csv('{self.dir / "records.tsv"}', delim='\t',
                header=false, columns={{'rec': 'INTEGER', 'ident': 'INTEGER', 'changed': 'INTEGER'}})""")
            con.execute("CREATE TABLE b AS SELECT key, count(DISTINCT rec) AS n FROM k GROUP BY key")
            self.stats.blocks, self.stats.oversized_blocks = con.execute(
                f"SELECT count(*) FILTER (WHERE n >= 2), count(*) FILTER (WHERE n > {self.max_block}) FROM b"
            ).fetchone()
            con.execute(f"""CREATE TABLE kk AS SELECT DISTINCT k.rec, k.key FROM k JOIN b USING (key)
                WHERE b.n BETWEEN 2 AND {self.max_block}""")
            con.execute("DROP TABLE k")
            con.execute("""CREATE TABLE p AS
                SELECT DISTINCT x.rec AS a, y.rec AS b FROM kk x JOIN kk y ON x.key = y.key AND x.rec < y.rec""")
            con.execute("DROP TABLE kk")
            cursor = con.execute("""
                SELECT p.a, p.b, (ra.ident = 1 AND rb.ident = 1) AS both_identified
                FROM p JOIN r ra ON ra.rec = p.a JOIN r rb ON rb.rec = p.b
                WHERE ra.changed = 1 OR rb.changed = 1
                ORDER BY p.a, p.b""")
            while True:
                rows = cursor.fetchmany(FETCH)
                if not rows:
                    break
                self.stats.pairs += len(rows)
                self.stats.identified_pairs += sum(1 for row in rows if row[2])
                yield rows
        finally:
            con.close()

    def close(self) -> None:
        for handle in (self._keys, self._recs):
            if not handle.closed:
                handle.close()
        self._tmp.cleanup()

    def __enter__(self) -> Blocker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
