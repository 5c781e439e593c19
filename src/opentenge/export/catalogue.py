"""Every public table of a bulk export, in the order the files, the SQLite database and the
datapackage list them. One tuple, so CSV, Parquet, SQLite and the schema cannot disagree."""
from __future__ import annotations

from opentenge.export.civil_tables import CIVIL_TABLES
from opentenge.export.flag_tables import FLAG_TABLES
from opentenge.export.legislation_tables import LEGISLATION_TABLES
from opentenge.export.lobbying_tables import LOBBYING_TABLES
from opentenge.export.politics_tables import POLITICS_TABLES
from opentenge.export.tables import PROCUREMENT_TABLES, Table

TABLES: tuple[Table, ...] = (*PROCUREMENT_TABLES, *FLAG_TABLES, *POLITICS_TABLES, *CIVIL_TABLES,
                             *LEGISLATION_TABLES, *LOBBYING_TABLES)
