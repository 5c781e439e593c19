"""Which organisations match a search, answered from an index instead of a scan of every name.

The rule is unchanged and the same on both engines: an organisation matches when its folded
``search_text`` contains every folded word of the query (``opentenge.ids.search.search_key``), in
id order, paged by id. Only how the database finds the rows differs (migration 0005):

* SQLite: words of 3+ letters are looked up in the FTS5 ``trigram`` table
  ``store_organisation_fts`` (each word a quoted phrase, which the trigram tokenizer matches as a
  substring); FTS5 hands the ids back in order, so a page stops after ``limit + 1`` hits. Words of
  1–2 letters cannot be looked up by trigrams: they are checked with ``LIKE`` on the rows the
  index found, or, when the query has no longer word, by the scan as before.
* PostgreSQL: ``search_text LIKE '%word%'`` is answered by the ``pg_trgm`` GIN index as it is.
"""
from __future__ import annotations

from django.db import connection


TRIGRAM = 3  # shortest word an index of three-letter pieces can find


def page_of_ids(tokens: list[str], after_id: int, size: int) -> list[int] | None:
    """Up to ``size`` ids of organisations matching every token with id > ``after_id``, ascending.

    ``None`` means "no index applies here": the caller filters with ``LIKE`` (PostgreSQL, where the
    trigram index serves that filter directly, or a query made only of 1–2 letter words).
    """
    long_words = [t for t in tokens if len(t) >= TRIGRAM]
    if connection.vendor != "sqlite" or not long_words:
        return None
    short_words = [t for t in tokens if len(t) < TRIGRAM]
    match = " ".join('"' + t.replace('"', '""') + '"' for t in long_words)
    sql = ["SELECT f.rowid FROM store_organisation_fts f"]
    params: list = []
    if short_words:
        sql.append("JOIN store_organisation o ON o.id = f.rowid")
    sql.append("WHERE f.search_text MATCH %s AND f.rowid > %s")
    params += [match, after_id]
    for word in short_words:
        sql.append("AND o.search_text LIKE %s ESCAPE '\\'")
        params.append("%" + _escape_like(word) + "%")
    sql.append("ORDER BY f.rowid LIMIT %s")
    params.append(size)
    with connection.cursor() as cursor:
        cursor.execute(" ".join(sql), params)
        return [row[0] for row in cursor.fetchall()]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
