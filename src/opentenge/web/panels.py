"""Sections that other apps add to an organisation's page, without editing this app.

An app registers a panel in its ``AppConfig.ready()``::

    from opentenge.web import panels
    panels.register("budget", "budget/_organisation_panel.html", build_budget_panel)

``build(detail)`` receives the organisation detail dict of ``opentenge.store.queries`` and
returns JSON-serialisable data, or ``None`` when the organisation has nothing to show there.
The data lands under ``key`` in the page's JSON twin and the template is included with
``panel`` set to it, in registration order, before the provenance box.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    build: Callable[[dict], Any]


_PANELS: list[Panel] = []


def register(key: str, template: str, build: Callable[[dict], Any]) -> None:
    if any(p.key == key for p in _PANELS):
        return  # ready() may run twice in tests
    _PANELS.append(Panel(key, template, build))


def collect(detail: dict) -> list[dict]:
    """``[{"key", "template", "data"}]`` for every panel with something to show."""
    shown = []
    for panel in _PANELS:
        data = panel.build(detail)
        if data is not None:
            shown.append({"key": panel.key, "template": panel.template, "data": data})
    return shown
