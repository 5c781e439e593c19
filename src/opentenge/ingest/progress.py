"""The one progress bar every long command uses (rich, only on a terminal)."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


@contextmanager
def file_progress(total_files: int, *, enabled: bool, label: str) -> Iterator[Callable[[str, int], None]]:
    """Yield ``advance(file_name, records)``; draws a bar on stderr when ``enabled`` and a TTY."""
    console = Console(file=sys.stderr)
    if not enabled or not console.is_terminal:
        yield lambda name, records: None
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("files · {task.fields[records]:,} records"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=console, transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total_files, records=0, current="")
        seen = 0

        def advance(name: str, records: int) -> None:
            nonlocal seen
            seen += records
            progress.update(task, advance=1, records=seen, current=name)

        yield advance
