"""The double-entry workflow for election-fund figures typed in from published reports.

Rules (tested in tests/test_politics_funds.py):

1. A figure is entered (by an editor or a CSV import naming the editor) *awaiting confirmation*.
2. Only a *different* editor than the one who last entered or changed it can confirm it; then it
   is published. Confirming one's own figure is refused.
3. Any change to a figure's amount, line, party, candidate, donor or source sends it back to
   awaiting confirmation, whoever makes it.
4. Every entry, change and confirmation appends an ``ElectionFundFigureVersion`` (history is never
   edited).
The source document address and page are required (model fields without ``blank``).
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from opentenge.politics.models import ElectionFundFigure, ElectionFundFigureVersion

Status = ElectionFundFigure.Status
CHECKED_FIELDS = ("election", "party_id", "candidate_name", "line", "donor_name", "amount", "source_url", "source_page")


class SameEditor(PermissionError):
    """The editor who entered a figure tried to confirm it."""


def _version(figure: ElectionFundFigure, user: str, action: str) -> None:
    ElectionFundFigureVersion.objects.create(
        figure=figure, saved_by=user, saved_at=timezone.now(), action=action, amount=figure.amount,
        source_url=figure.source_url, source_page=figure.source_page, status=figure.status)


def _require_source(figure: ElectionFundFigure) -> None:
    if not (figure.source_url or "").strip() or not (figure.source_page or "").strip():
        raise ValueError("a figure needs the source document address and page")


@transaction.atomic
def enter(figure: ElectionFundFigure, user: str) -> ElectionFundFigure:
    if not user:
        raise ValueError("an entry needs the editor's username")
    _require_source(figure)
    figure.status, figure.entered_by, figure.confirmed_by, figure.confirmed_at = Status.AWAITING, user, "", None
    figure.save()
    _version(figure, user, "enter")
    return figure


def changed_fields(before: ElectionFundFigure, after: ElectionFundFigure) -> list[str]:
    return [f for f in CHECKED_FIELDS if getattr(before, f) != getattr(after, f)]


@transaction.atomic
def edit(figure: ElectionFundFigure, user: str) -> ElectionFundFigure:
    """Save ``figure`` as changed by ``user``; a real change needs a new confirmation."""
    _require_source(figure)
    before = ElectionFundFigure.objects.select_for_update().get(pk=figure.pk)
    if not changed_fields(before, figure):
        return before
    figure.status, figure.entered_by, figure.confirmed_by, figure.confirmed_at = Status.AWAITING, user, "", None
    figure.save()
    _version(figure, user, "edit")
    return figure


@transaction.atomic
def confirm(figure: ElectionFundFigure, user: str) -> ElectionFundFigure:
    figure = ElectionFundFigure.objects.select_for_update().get(pk=figure.pk)
    if not user:
        raise ValueError("a confirmation needs the editor's username")
    if figure.status == Status.PUBLISHED:
        return figure
    if user == figure.entered_by:
        raise SameEditor(f"{user} entered this figure; a second editor must confirm it")
    figure.status, figure.confirmed_by, figure.confirmed_at = Status.PUBLISHED, user, timezone.now()
    figure.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    _version(figure, user, "confirm")
    return figure


def published():
    return ElectionFundFigure.objects.filter(status=Status.PUBLISHED)
