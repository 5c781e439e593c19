"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
