"""The organisation page's link to the body's scorecard (registered in ``apps.ready``)."""
from __future__ import annotations

from opentenge.scorecards.bodies import get_body
from opentenge.scorecards.kinds import label
from opentenge.store.queries import NotFound


def organisation_panel(detail: dict) -> dict | None:
    """``{"id", "kind", "kind_label"}`` when the organisation is a state body we can score, else ``None``."""
    if detail.get("is_person"):
        return None
    try:
        body = get_body(detail["id"])
    except NotFound:
        return None
    return {"id": body.slug, "kind": body.kind, "kind_label": label(body.kind)}
