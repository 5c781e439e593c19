"""Identifiers: Kazakhstan BIN/IIN validation and cross-script search keys."""

from opentenge.ids.kz import (
    IdCheck,
    check_id,
    checksum_digit,
    iin_fingerprint,
    is_valid_bin,
    is_valid_iin,
    make_valid_bin,
    make_valid_iin,
    mask_iin,
)
from opentenge.ids.search import search_key, search_tokens

__all__ = [
    "IdCheck",
    "check_id",
    "checksum_digit",
    "iin_fingerprint",
    "is_valid_bin",
    "is_valid_iin",
    "make_valid_bin",
    "make_valid_iin",
    "mask_iin",
    "search_key",
    "search_tokens",
]
