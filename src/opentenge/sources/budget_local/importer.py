"""Local budgets (regional, district, rural district) from budget.egov.kz: the ``budget_egov`` importer.

The portal publishes local budgets in exactly the layouts of the republican one; only the
territory differs, and it is read from beside the rows (``budget_egov/territory.py``: the
``.meta.json``, the JSON answer's ``kato`` or a 9-digit code in the file name). This source name
exists so an operator keeps local files in their own folder (``opentenge ingest budget_local
DIR``) and re-runs them apart from the republican ones; the reading, reconciliation and storage
are the same code. A file here without a KATO code is refused: it would otherwise be taken for
the republican budget.
"""
from __future__ import annotations

from opentenge.ingest.context import FileContext
from opentenge.sources.budget_egov import importer as republican


class Importer(republican.Importer):
    name = "budget_local"

    def read_file(self, ctx: FileContext) -> None:
        super().read_file(ctx)
        if any(record.fields["month"].key.level == "republican" for record in ctx.records
               if record.kind == "budget_month"):
            ctx.records.clear()
            ctx.quarantined.clear()  # row findings of a file refused whole would only confuse
            ctx.record_count = 0
            ctx.quarantine("file", "kato: no KATO code for this local budget file: add \"kato\" to "
                                   f"{ctx.file.path.name}.meta.json (or to the JSON answer, or a 9-digit code to "
                                   "the file name)", field="kato")
