"""``opentenge names …`` and ``opentenge link evaluate`` (wired in by opentenge.linking.commands).

    opentenge names normalize TEXT [--json]
    opentenge names compare A B [--bin-a BIN] [--bin-b BIN] [--region-a R] [--region-b R]
                               [--person | --organisation] [--json]
    opentenge link evaluate --pairs FILE.csv [--errors] [--json]

JSON shapes (a public contract, see docs/cli.md and docs/linking.md):

* normalize: ``{"input", "latin", "folded", "legal_form", "tokens"}``
* compare: ``{"score": 0..1, "decision": "match"|"no-match"|"review", "reasons": [...]}``
* evaluate: ``{"pairs", "precision", "recall", "f1", "review", …}``

None of these touch the database. Exit 0 on success; 2 when the command cannot run (a bad or
unreadable pairs file: the message names the file, line and column).
"""
from __future__ import annotations

import argparse
import json


def cmd_names_normalize(args: argparse.Namespace) -> int:
    from opentenge.ids.names import normalize

    form = normalize(args.text)
    if args.json:
        print(json.dumps(form.as_dict(), ensure_ascii=False))
        return 0
    print(f"input       {form.input}")
    print(f"legal form  {form.legal_form or '-'}")
    print(f"latin       {form.latin}")
    print(f"folded      {form.folded}")
    print(f"tokens      {' | '.join(form.tokens)}")
    return 0


def cmd_names_compare(args: argparse.Namespace) -> int:
    from opentenge.linking.compare import compare

    result = compare(args.a, args.b, bin_a=args.bin_a, bin_b=args.bin_b, region_a=args.region_a,
                     region_b=args.region_b, person=args.person)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    print(f"{result.decision}\t{result.score:.4f}\t{', '.join(result.reasons) or '-'}")
    return 0


def cmd_link_evaluate(args: argparse.Namespace) -> int:
    from opentenge.cli import _fail
    from opentenge.linking.evaluate import PairsFileError, evaluate_file

    try:
        evaluation = evaluate_file(args.pairs)
    except PairsFileError as exc:
        return _fail(str(exc))
    data = evaluation.as_dict(with_errors=args.errors)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"link evaluate {args.pairs}")
    for column in ("kind", "pairs", "same", "matched", "false", "review", "precision", "recall", "f1"):
        table.add_column(column, justify="left" if column == "kind" else "right")

    def row(kind: str, d: dict) -> None:
        table.add_row(kind, f"{d['pairs']:,}", f"{d['positives']:,}", f"{d['matched']:,}",
                      f"{d['false_matches']:,}", f"{d['review']:,}", f"{d['precision']:.4f}",
                      f"{d['recall']:.4f}", f"{d['f1']:.4f}")

    for kind, d in data.get("by_kind", {}).items():
        row(kind or "-", d)
    row("all", data)
    console = Console(highlight=False)
    if not console.is_terminal:  # a file or a pipe: do not squeeze the table into 80 columns
        console = Console(highlight=False, width=160, soft_wrap=True)
    console.print(table)
    console.print(f"thresholds: match >= {data['match_threshold']}, review >= {data['review_threshold']}")
    for e in data.get("errors", []):
        label = "missed" if e["same"] else "FALSE MATCH"
        console.print(f"line {e['line']}: {label} ({e['decision']} {e['score']:.3f}, {', '.join(e['reasons'])}): "
                      f"{e['left']}  <>  {e['right']}", markup=False)
    return 0


def register_names(sub: argparse._SubParsersAction) -> None:
    """Add ``opentenge names normalize|compare`` to the top-level parser."""
    names = sub.add_parser("names", help="normalise and compare organisation and person names")
    names_sub = names.add_subparsers(dest="names_command", required=True, metavar="SUBCOMMAND")

    p = names_sub.add_parser("normalize", aliases=["normalise"],
                             help="legal form, 2021 Latin spelling and folded key of a name")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_names_normalize)

    p = names_sub.add_parser("compare", help="score whether two names are one organisation or person")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--bin-a", help="BIN/IIN of A (different BINs never match)")
    p.add_argument("--bin-b", help="BIN/IIN of B")
    p.add_argument("--region-a", help="region of A")
    p.add_argument("--region-b", help="region of B")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--person", dest="person", action="store_const", const=True, default=None,
                      help="both are natural persons (default: guessed from the names)")
    kind.add_argument("--organisation", "--organization", dest="person", action="store_const", const=False,
                      help="both are organisations")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_names_compare)


def add_evaluate(link_subparsers: argparse._SubParsersAction) -> None:
    """Add ``evaluate`` under ``opentenge link``."""
    p = link_subparsers.add_parser("evaluate", help="precision and recall of automatic matches on labelled pairs")
    p.add_argument("--pairs", required=True, metavar="FILE.csv",
                   help="CSV with a header left,right,same (+ optional bin_left,bin_right,region_left,"
                        "region_right,person,kind,origin)")
    p.add_argument("--errors", action="store_true", help="also list false matches and missed pairs")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_link_evaluate)
