"""Report an error: readers' reports, a moderation queue, and accepted corrections applied as overrides."""


def apply(kind: str, key: str, data: dict) -> dict:
    """Lay the active corrections of (kind, key) over ``data``; see ``corrections.overrides``."""
    from opentenge.corrections.overrides import apply as apply_overrides

    return apply_overrides(kind, key, data)
