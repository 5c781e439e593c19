"""What a service layer (lobbying, corrections) says when it will not do something.

``Refused``: the step is not allowed for this person or in this state — the view shows the
message. ``Errors``: field-by-field problems collected over a whole form and raised at once as a
Django ``ValidationError``, so a filer sees every mistake in one go, not one per submission.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError


class Refused(Exception):
    """A step that is not allowed for this person or in this state; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Errors(dict):
    """Collects ``{key: message}`` (the first message per key wins); ``raise_if_any`` raises them all."""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError({k: [v] for k, v in self.items()})
