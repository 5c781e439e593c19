"""A synthetic budget.egov.kz corpus: republican budget execution in the opengov-kz CSV layouts.

The real files (``../shared/data/budget_egov/``, documented in its ``PROVENANCE.md``) are the
portal's monthly JSON answers concatenated by the opengov-kz scraper: one ``;``-separated UTF-8
file per report view holding many months (``month`` = ``MM.YYYY``), amounts in thousand tenge,
cumulative from January, written by pandas as Python float text. This module writes the same five
views under ``<out>/budget_egov/`` (file names in :data:`~opentenge.demo.budget_names.FILES`):

* departmental (by administrator, ABP), functional (groups 1–16) and economic (categories 1–6)
  views: 18 columns, each month starting with the ``0;Итого`` row;
* the hierarchical report (revenue I, costs II → group → subgroup → ABP, net lending III,
  financial assets IV, balances V–VII and memo rows) and the priority investments (group → ABP →
  programme → financing source or sub-programme): 20 columns with ``parentCode``/``parent_id``.

How the figures are made: every administrator has spending *lines* (a functional subgroup in one
report section); every line, revenue item and investment leaf runs a :class:`Series` that turns
an approved budget into cumulative monthly figures (plan to date, obligations, cash) along an
execution curve (normal, slow start, December rush, under-spender). Views are exact sums of the
lines in integer tenge, so the published totals reconcile to the tenge; the float text is
``repr(tenge / 1000)``. As in the real files, ``obzsumrg`` and the two percentages are computed
in binary floating point, and investment parents are float sums of their children, which yields
artefacts such as ``10633063.200000001``.

Real quirks reproduced, in moderation: a Latin ``H`` in one revenue name, trailing spaces in one
ABP name, one ABP renamed between years under the same code (637), the 10.2023 reorganisation
(new ABPs 228, 229, 650, 651 take over the year-to-date figures of 249, 240 and 209, which keep
only ``utv``/``utch`` and show ``sumrg`` 0.0 until they disappear in 2024), economic categories
with ``utv`` = ``utch`` = 0 that fall short of Итого, codes as floats (``101.0``) in the
hierarchical report, programme codes without leading zeros, id gaps after section rows,
placeholder investment rows (code ``0``, empty name), negative receipts, tiny percentages in
exponent notation. Not reproduced: the months with a missing period plan (``plgp`` 0.0), the
mid-2024 disagreement between views, rounding differences between parents and children.

Only the standard library is used. The same seed and scale give byte-identical files.
"""
from __future__ import annotations

import random
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

from opentenge.demo import budget_names as bn
from opentenge.demo.names import CITIES

BUDGET_SCALES: dict[str, dict] = {
    # cost_lines: COSTS lines kept per administrator (None = all); programmes per investment line;
    # subrows: the most level-4 rows under one programme
    "small": {"first": (2023, 1), "last": (2025, 3), "all_abps": False, "cost_lines": 1,
              "programmes": 1, "subrows": 2},
    "medium": {"first": (2023, 1), "last": (2025, 3), "all_abps": True, "cost_lines": None,
               "programmes": 6, "subrows": 5},
    "large": {"first": (2019, 1), "last": (2025, 3), "all_abps": True, "cost_lines": None,
              "programmes": 80, "subrows": 20},
}

GROWTH = 1.08            # nominal growth of budgets per year
REVENUE_RATIO = 0.86     # revenue against section II costs (the rest is the deficit)
PLAN_WEIGHTS = (0.06, 0.07, 0.08, 0.08, 0.08, 0.09, 0.08, 0.08, 0.09, 0.09, 0.09, 0.11)
REVENUE = "revenue"
# share of the period plan paid, by curve: mid-year and December
MID_RATE = {bn.NORMAL: (0.93, 0.995), bn.SLOW_START: (0.9, 0.98), bn.DECEMBER_RUSH: (0.68, 0.82),
            bn.UNDER_SPENDER: (0.74, 0.86), REVENUE: (0.92, 1.3)}
DECEMBER_RATE = {bn.NORMAL: (0.985, 0.999), bn.SLOW_START: (0.97, 0.995), bn.DECEMBER_RUSH: (0.975, 0.998),
                 bn.UNDER_SPENDER: (0.82, 0.9), REVENUE: (0.97, 1.08)}
SLOW_START_RATE = ((0.2, 0.4), (0.5, 0.7), (0.75, 0.85))
PPM = 1_000_000

UTV, UTCH, PLG, PLGP, PLGO, SUMRG, OBZ = range(7)
NET = (UTV, UTCH, PLG, PLGP, SUMRG)   # columns that net sections (III, IV, V–VII) carry


def _round(value: float, grain: int) -> int:
    return int(round(value / grain)) * grain


class Series:
    """Cumulative figures of one line within a year, in integer tenge (0.001 thousand tenge).

    ``utv`` is set in January; the budget is amended in month ``amend`` (``utch`` and the
    adjusted plan ``plg`` move); the plan to date ``plgp`` follows monthly plan weights and equals
    ``plg`` in December, as does the obligations plan ``plgo``; cash ``sumrg`` is a share of
    ``plgp`` that depends on the curve; accepted obligations ``obz`` lie between ``sumrg`` and
    ``plgo``. All cumulative figures are non-decreasing within the year.
    """

    __slots__ = ("base", "profile", "grain", "cash_grain", "investment", "refunds",
                 "utv", "utch", "plg_late", "amend", "plan", "q", "last")

    def __init__(self, base: float, profile: str, *, grain: int = 100, cash_grain: int = 1,
                 investment: bool = False, refunds: bool = False) -> None:
        self.base, self.profile = base, profile
        self.grain, self.cash_grain = grain, cash_grain
        self.investment, self.refunds = investment, refunds

    def new_year(self, year: int, amend: int, rng: random.Random) -> None:
        self.utv = _round(self.base * GROWTH ** (year - 2023) * rng.uniform(0.93, 1.07), 1000)
        factor = 1.0 if rng.random() < 0.4 else rng.uniform(1.0, 1.15)
        self.utch = _round(self.utv * factor, 1000)
        self.plg_late = max(self.utv, _round(self.utch * (1 + rng.uniform(0, 0.015)), self.grain))
        weights = [w * rng.uniform(0.8, 1.2) for w in PLAN_WEIGHTS]
        if self.profile == bn.DECEMBER_RUSH:
            weights[11] *= 3
        total, running, self.plan = sum(weights), 0.0, []
        for w in weights:
            running += w
            self.plan.append(running / total)
        self.amend, self.q = amend, rng.uniform(0.2, 0.6)
        self.last = (0, 0, 0, 0)

    def month(self, m: int, rng: random.Random) -> tuple[int, int, int, int, int, int, int]:
        amended = m >= self.amend
        utch, plg = (self.utch, self.plg_late) if amended else (self.utv, self.utv)
        last_plgp, last_plgo, last_sumrg, last_obz = self.last
        if m == 12:
            plgp = plgo = plg
        else:
            share = self.plan[m - 1]
            plgp = min(plg, max(last_plgp, _round(plg * share, self.grain)))
            plgo = min(plg, max(last_plgo, plgp, _round(plg * (share + (1 - share) * self.q), self.grain)))
        sumrg = max(last_sumrg, _round(plgp * self._rate(m, rng), self.cash_grain))
        if self.refunds and m == 1:
            sumrg = -_round(plgp * rng.uniform(0.5, 2.0), 1)  # refunds exceed receipts
        elif self.investment and m == 1 and plgp and rng.random() < 0.2:
            sumrg = self.cash_grain  # a first payment of 100 tenge: a percentage like 5.2e-06
        if self.profile == REVENUE:
            obz = 0
        else:
            unpaid = rng.uniform(0.0, 0.01) if m == 12 else rng.uniform(0.1, 0.5)
            obz = min(plgo, max(last_obz, sumrg + _round((plgo - sumrg) * unpaid, self.cash_grain)))
        self.last = (plgp, plgo, sumrg, obz)
        return self.utv, utch, plg, plgp, (0 if self.profile == REVENUE else plgo), sumrg, obz

    def _rate(self, m: int, rng: random.Random) -> float:
        if self.investment and m <= 3 and rng.random() < 0.35:
            return 0.0
        if m == 12:
            low, high = DECEMBER_RATE[self.profile]
        elif self.profile == bn.SLOW_START and m <= 3:
            low, high = SLOW_START_RATE[m - 1]
        else:
            low, high = MID_RATE[self.profile]
        return low + (high - low) * rng.random()


class LineState:
    """A spending line of the corpus: where it sits, who reports it, its economic split."""

    __slots__ = ("abp", "line", "series", "economic")

    def __init__(self, abp: bn.Administrator, line: bn.Line, base: float, rng: random.Random) -> None:
        self.abp, self.line = abp, line
        self.series = Series(base, abp.profile)
        self.economic = _economic_split(abp, line, rng)

    def owner(self, year: int, month: int) -> int:
        """The ABP reporting the line's execution in that period."""
        if self.line.successor and (year, month) >= bn.REORGANISATION:
            return self.line.successor
        return self.abp.code

    def budget_owner(self, year: int) -> int:
        """The ABP holding the line's approved and revised budget (``utv``, ``utch``) that year."""
        return self.owner(year, 1)


class Programme:
    """An investment programme of a line: code without leading zeros, name, level-4 leaves."""

    __slots__ = ("line", "code", "name", "leaves")

    def __init__(self, line: LineState, code: int, name: str, leaves: list[tuple[int, str, Series]]) -> None:
        self.line, self.code, self.name, self.leaves = line, code, name, leaves


def _economic_split(abp: bn.Administrator, line: bn.Line, rng: random.Random) -> tuple[tuple[int, int], ...]:
    """(category, ppm) pairs; what is left of 10⁶ is unclassified and shows only in Итого."""
    if line.section == bn.CREDITS:
        return ((3, PPM),)
    if line.section == bn.ASSETS:
        return ((4, PPM),)
    if line.section == bn.REPAYMENT:
        return ((5, PPM),)
    unclassified = rng.randint(0, 40_000)
    capital = rng.randint(150_000, 400_000) if line.invest else rng.randint(10_000, 120_000)
    ppp = rng.randint(3_000, 15_000) if abp.ppp else 0
    return (1, PPM - unclassified - capital - ppp), (2, capital), (6, ppp)


def _kept_lines(abp: bn.Administrator, cost_lines: int | None) -> list[bn.Line]:
    costs = [ln for ln in abp.lines if ln.section == bn.COSTS]
    keep = costs if cost_lines is None else costs[:cost_lines]
    return [ln for ln in abp.lines if ln.section != bn.COSTS or ln in keep]


def _make_lines(sizes: dict, rng: random.Random) -> list[LineState]:
    lines: list[LineState] = []
    for abp in bn.ADMINISTRATORS:
        if not (abp.core or sizes["all_abps"]):
            continue
        kept = _kept_lines(abp, sizes["cost_lines"])
        total_weight = sum(ln.weight for ln in kept)
        size = abp.size * rng.uniform(0.9, 1.1)
        for line in kept:
            lines.append(LineState(abp, line, size * line.weight / total_weight * 1000, rng))
    return lines


def _make_programmes(lines: list[LineState], sizes: dict, rng: random.Random) -> list[Programme]:
    """Investment programmes for the lines marked ``invest``; codes unique per administrator."""
    programmes: list[Programme] = []
    per_abp: dict[int, list[LineState]] = {}
    for state in lines:
        if state.line.invest and state.line.section == bn.COSTS:
            per_abp.setdefault(state.abp.code, []).append(state)
    for code, states in per_abp.items():
        codes = iter(sorted(rng.sample(range(1, 1000), sizes["programmes"] * len(states))))
        for state in states:
            names = bn.PROGRAMMES.get((state.line.group, state.line.subgroup)) or bn.PROGRAMMES[state.line.group]
            budget = state.series.base * rng.uniform(0.03, 0.15) / sizes["programmes"]
            for k in range(sizes["programmes"]):
                leaves = _make_leaves(state, budget * rng.uniform(0.5, 1.5), sizes["subrows"], rng)
                name = names[(k + code) % len(names)]
                if k >= len(names):  # more programmes than names: number the later ones
                    name = f"{name} (проект {k // len(names) + 1})"
                programme = Programme(state, next(codes), name, leaves)
                programmes.append(programme)
    return programmes


def _make_leaves(state: LineState, budget: float, most: int, rng: random.Random) -> list[tuple[int, str, Series]]:
    """Level-4 rows of a programme: a placeholder, financing sources or sub-programmes."""
    count = most if most > 4 else rng.randint(1, most)
    if count == 1 and rng.random() < 0.3:
        rows = [(0, "")]  # the portal's placeholder row: code 0, empty name
    elif count <= len(bn.FINANCING_SOURCES):
        rows = sorted(rng.sample(bn.FINANCING_SOURCES, count))
    else:
        obj = bn.SUBPROGRAMME_OBJECTS.get(state.line.group, "объектов")
        cities = rng.sample(CITIES, count) if count <= len(CITIES) else rng.choices(CITIES, k=count)
        rows = [(100 + i, f"Строительство {obj} в городе {city[1]}") for i, city in enumerate(cities)]
    shares = [rng.uniform(0.2, 1.0) for _ in rows]
    profile = rng.choice((bn.SLOW_START, bn.DECEMBER_RUSH, bn.NORMAL, bn.UNDER_SPENDER))
    return [(code, name, Series(budget * share / sum(shares), profile, grain=100, cash_grain=100, investment=True))
            for (code, name), share in zip(rows, shares)]


def _revenue_leaves(nodes: tuple[bn.Revenue, ...]) -> list[bn.Revenue]:
    out: list[bn.Revenue] = []
    for node in nodes:
        out += _revenue_leaves(node.children) if node.children else [node]
    return out


def _periods(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (year, month) = [], first
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _decimal(tenge: int) -> str:
    return str(Decimal(tenge).scaleb(-3))


def _amounts(v, obligations: bool = True) -> str:
    """The ten amount columns from seven floats (thousand tenge), computed as the source does."""
    utv, utch, plg, plgp, plgo, sumrg, obz = v
    unpaid = obz - sumrg if obligations else 0.0
    of_period = sumrg / plgp * 100 if plgp and sumrg else 0.0
    of_year = sumrg / plg * 100 if plg and sumrg else 0.0
    return f"{utv!r};{utch!r};{plg!r};{plgp!r};{plgo!r};{sumrg!r};{obz!r};{unpaid!r};{of_period!r};{of_year!r}"


def _floats(tenge) -> list[float]:
    return [t / 1000 for t in tenge]


def _add(total: list[int], values, columns=range(7)) -> None:
    for i in columns:
        total[i] += values[i]


class _Tree:
    """Rows of one month of a tree view: ids (with gaps), levels, ``parentCode``/``parent_id``."""

    def __init__(self, month: str, float_codes: bool) -> None:
        self.month, self.float_codes = month, float_codes
        self.rows: list[str] = []
        self.next_id = 1

    def add(self, code, name: str, amounts: str, level: int, parent: tuple | None = None, leaf: bool = False) -> tuple:
        row_id = self.next_id
        self.next_id += 1
        text = "" if code is None else (f"{code}.0" if self.float_codes else str(code))
        parent_code, parent_id = ("", "") if parent is None else (parent[0], f"{parent[1]}.0")
        self.rows.append(f"{row_id};{text};{name};{amounts};{level};{leaf};True;False;{parent_code};{parent_id};"
                         f"{self.month}\n")
        return f"{code}.0", row_id

    def skip(self, count: int) -> None:
        self.next_id += count


def generate_budget(out: Path, *, seed: int = 42, scale: str = "small") -> dict:
    """Write ``out/budget_egov/*.csv``; return counts and the figures a test can check.

    Returns ``{"unit", "files", "rows", "periods", "views": {view: {"file", "rows", "months"}},
    "departmental_totals": {"YYYY-MM": {"rows", "utv", "plg", "sumrg"}}, "administrators": {code:
    [names]}, "ministries": {goszakup buyer name: ABP code}, "reorganisation": {"period",
    "successors": {old code: [new codes]}}}``; amounts are decimal strings in thousand tenge.
    """
    if scale not in BUDGET_SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(BUDGET_SCALES)}")
    sizes = BUDGET_SCALES[scale]
    root = Path(out) / "budget_egov"
    root.mkdir(parents=True, exist_ok=True)
    master = random.Random(f"opentenge-budget:{seed}")
    rng_setup, rng = random.Random(master.getrandbits(64)), random.Random(master.getrandbits(64))
    budget = _Budget(sizes, rng_setup)

    stats = {view: {"file": name, "rows": 0, "months": 0} for view, name in bn.FILES.items()}
    totals: dict[str, dict] = {}
    administrators: dict[str, list[str]] = {}
    periods = _periods(sizes["first"], sizes["last"])
    with ExitStack() as stack:
        files = {view: stack.enter_context(open(root / name, "w", encoding="utf-8", newline="\n"))
                 for view, name in bn.FILES.items()}
        for view, handle in files.items():
            handle.write((bn.TREE_HEADER if view in ("programme", "investments") else bn.FLAT_HEADER) + "\n")
        for year, m in periods:
            if m == 1 or (year, m) == periods[0]:
                budget.new_year(year, rng)
            month = f"{m:02d}.{year}"
            lines = budget.lines
            values = [s.series.month(m, rng) for s in lines]
            received = {key: series.month(m, rng) for key, series in budget.revenue.items()}
            repaid = budget.credit_repayment.month(m, rng)
            leaves = {id(series): _floats(series.month(m, rng)) for series in budget.leaves}
            rows = {
                "departmental": _departmental(lines, values, year, m, month, totals, administrators),
                "functional": _functional(lines, values, month),
                "economic": _economic(lines, values, month),
                "programme": _hierarchical(lines, values, received, repaid, budget.opening_balance,
                                           year, m, month, rng),
                "investments": _investments(budget.programmes, leaves, year, m, month),
            }
            for view, text in rows.items():
                files[view].write("".join(text))
                stats[view]["rows"] += len(text)
                stats[view]["months"] += 1
    successors: dict[str, list[str]] = {}
    for state in budget.lines:
        if state.line.successor and str(state.line.successor) not in successors.get(str(state.abp.code), []):
            successors.setdefault(str(state.abp.code), []).append(str(state.line.successor))
    return {
        "unit": "thousand KZT",
        "files": len(bn.FILES),
        "rows": sum(v["rows"] for v in stats.values()),
        "periods": [f"{y}-{m:02d}" for y, m in periods],
        "views": stats,
        "departmental_totals": totals,
        "administrators": administrators,
        "ministries": {f'ГУ "{ru} {bn.RK}"': str(code) for ru, code in bn.MINISTRY_CODES.items()},
        "reorganisation": {"period": "{}-{:02d}".format(*bn.REORGANISATION), "successors": successors},
    }


def write_abp_organisations(out: Path, bins: dict[str, str]) -> dict:
    """The operator's mapping ``abp_code,bin,relation`` (docs/formats/budget_abp_organisations.md).

    ``bins`` maps ABP codes to the BINs their bodies have in the goszakup demo corpus, so the
    administrators link to those organisations by BIN rather than by name.
    """
    path = Path(out) / "budget_egov" / bn.MAPPING_FILE
    rows = [f"{code},{bins[code]},self\n" for code in sorted(bins, key=int)]
    path.write_text("abp_code,bin,relation\n" + "".join(rows), encoding="utf-8", newline="\n")
    return {"file": bn.MAPPING_FILE, "rows": len(rows), "links": {code: bins[code] for code in sorted(bins, key=int)}}


class _Budget:
    """Everything that runs a :class:`Series`: spending lines, revenue, credit repayments, investments."""

    def __init__(self, sizes: dict, rng: random.Random) -> None:
        self.lines = _make_lines(sizes, rng)
        self.programmes = _make_programmes(self.lines, sizes, rng)
        self.leaves = [series for p in self.programmes for _, _, series in p.leaves]
        self.cost_base = sum(s.series.base for s in self.lines if s.line.section == bn.COSTS)
        leaves = _revenue_leaves(bn.REVENUE)
        share_total = sum(leaf.share for leaf in leaves)
        self.revenue = {id(leaf): Series(self.cost_base * REVENUE_RATIO * leaf.share / share_total, REVENUE,
                                         refunds=leaf.refunds) for leaf in leaves}
        self.credit_repayment = Series(self.cost_base * 0.012, REVENUE)
        self.opening_balance = 0

    def new_year(self, year: int, rng: random.Random) -> None:
        """Approve the year's budget; one amendment month for the whole budget law."""
        amend = rng.randint(4, 9)
        for series in ([s.series for s in self.lines] + list(self.revenue.values()) + [self.credit_repayment]
                       + self.leaves):
            series.new_year(year, amend, rng)
        self.opening_balance = _round(self.cost_base * rng.uniform(0.01, 0.02), 1)


def _departmental(lines, values, year, m, month, totals, administrators) -> list[str]:
    by_abp: dict[int, list[int]] = {}
    for state, v in zip(lines, values):
        _add(by_abp.setdefault(state.budget_owner(year), [0] * 7), v, (UTV, UTCH))
        _add(by_abp.setdefault(state.owner(year, m), [0] * 7), v, (PLG, PLGP, PLGO, SUMRG, OBZ))
    total = [0] * 7
    for v in by_abp.values():
        _add(total, v)
    names = {abp.code: abp.name(year) for abp in bn.ADMINISTRATORS}
    rows = [f"1;0;{bn.TOTAL};{_amounts(_floats(total))};0;True;True;False;{month}\n"]
    for i, code in enumerate(sorted(by_abp), start=2):
        rows.append(f"{i};{code};{names[code]};{_amounts(_floats(by_abp[code]))};0;True;True;False;{month}\n")
        known = administrators.setdefault(str(code), [])
        if names[code] not in known:
            known.append(names[code])
    totals[f"{year}-{m:02d}"] = {"rows": len(by_abp), "utv": _decimal(total[UTV]), "plg": _decimal(total[PLG]),
                                 "sumrg": _decimal(total[SUMRG])}
    return rows


def _functional(lines, values, month) -> list[str]:
    groups = {g: [0] * 7 for g in bn.FUNCTIONAL_GROUPS}
    for state, v in zip(lines, values):
        _add(groups[state.line.group], v)
    total = [0] * 7
    for v in groups.values():
        _add(total, v)
    rows = [f"1;0;{bn.TOTAL};{_amounts(_floats(total))};0;True;True;False;{month}\n"]
    rows += [f"{i};{g};{name};{_amounts(_floats(groups[g]))};0;True;True;False;{month}\n"
             for i, (g, name) in enumerate(bn.FUNCTIONAL_GROUPS.items(), start=2)]
    return rows


def _economic(lines, values, month) -> list[str]:
    """Categories carry no approved/revised budget and miss the unclassified part of Итого."""
    categories = {c: [0] * 7 for c in bn.ECONOMIC_CATEGORIES}
    total = [0] * 7
    for state, v in zip(lines, values):
        _add(total, v)
        for category, ppm in state.economic:
            target = categories[category]
            for i, grain in ((PLG, 100), (PLGP, 100), (PLGO, 100), (SUMRG, 1), (OBZ, 1)):
                target[i] += v[i] * ppm // PPM // grain * grain
    rows = [f"1;0;{bn.TOTAL};{_amounts(_floats(total))};0;True;True;False;{month}\n"]
    rows += [f"{i};{c};{name};{_amounts(_floats(categories[c]))};0;True;True;False;{month}\n"
             for i, (c, name) in enumerate(bn.ECONOMIC_CATEGORIES.items(), start=2)]
    return rows


def _hierarchical(lines, values, received, repaid, opening_balance, year, m, month, rng) -> list[str]:
    """The full report: sections I–VII and memo rows; parents are exact sums of their children."""
    tree = _Tree(month, float_codes=True)
    names = {abp.code: abp.name(year) for abp in bn.ADMINISTRATORS}
    # spending by section -> group -> subgroup -> ABP
    spending: dict[str, dict[int, dict[int, dict[int, list[int]]]]] = {}
    for state, v in zip(lines, values):
        ln = state.line
        subgroup = spending.setdefault(ln.section, {}).setdefault(ln.group, {}).setdefault(ln.subgroup, {})
        _add(subgroup.setdefault(state.budget_owner(year), [0] * 7), v, (UTV, UTCH))
        _add(subgroup.setdefault(state.owner(year, m), [0] * 7), v, (PLG, PLGP, PLGO, SUMRG, OBZ))

    def section_total(section: str) -> list[int]:
        total = [0] * 7
        for groups in spending.get(section, {}).values():
            for abps in groups.values():
                for v in abps.values():
                    _add(total, v)
        return total

    def emit_spending(section: str, parent, level: int) -> None:
        for group, subgroups in sorted(spending.get(section, {}).items()):
            group_total = [0] * 7
            for abps in subgroups.values():
                for v in abps.values():
                    _add(group_total, v)
            group_ref = tree.add(group, bn.FUNCTIONAL_GROUPS[group], _amounts(_floats(group_total)), level, parent)
            for sub, abps in sorted(subgroups.items()):
                sub_total = [0] * 7
                for v in abps.values():
                    _add(sub_total, v)
                sub_ref = tree.add(sub, bn.FUNCTIONAL_SUBGROUPS[(group, sub)], _amounts(_floats(sub_total)),
                                   level + 1, group_ref)
                for code, v in sorted(abps.items()):
                    tree.add(code, names[code], _amounts(_floats(v)), level + 2, sub_ref)

    def net(*parts: tuple[int, list[int]]) -> list[int]:
        out = [0] * 7
        for sign, part in parts:
            for i in NET:
                out[i] += sign * part[i]
        return out

    # I. revenue
    revenue_sums: dict[int, list[int]] = {}

    def revenue_total(node: bn.Revenue) -> list[int]:
        if not node.children:
            total = list(received[id(node)])
        else:
            total = [0] * 7
            for child in node.children:
                _add(total, revenue_total(child))
        revenue_sums[id(node)] = total
        return total

    income = [0] * 7
    for node in bn.REVENUE:
        _add(income, revenue_total(node))
    national_fund = next(received[id(leaf)] for leaf in _revenue_leaves(bn.REVENUE) if leaf.national_fund)

    def emit_revenue(node: bn.Revenue, parent, level: int) -> None:
        ref = tree.add(node.code, node.name, _amounts(_floats(revenue_sums[id(node)]), False), level, parent)
        for child in node.children:
            emit_revenue(child, ref, level + 1)

    income_ref = tree.add(1, bn.SECTION_NAMES["I"], _amounts(_floats(income), False), 0)
    for node in bn.REVENUE:
        emit_revenue(node, income_ref, 1)

    # II. costs
    costs = section_total(bn.COSTS)
    ref = tree.add(2, bn.SECTION_NAMES[bn.COSTS], _amounts(_floats(costs)), 0)
    tree.skip(1)
    emit_spending(bn.COSTS, ref, 1)

    # III. net lending = credits - repayments of credits
    credits, repaid = section_total(bn.CREDITS), list(repaid)
    lending = net((1, credits), (-1, repaid))
    ref = tree.add(3, bn.SECTION_NAMES[bn.CREDITS], _amounts(_floats(lending), False), 0)
    tree.skip(4)
    sub = tree.add(1, bn.BUDGET_CREDITS, _amounts(_floats(credits)), 1, ref)
    emit_spending(bn.CREDITS, sub, 2)
    parent = ref
    for level, (code, name) in enumerate(zip((2, 5, 1, 1), bn.CREDIT_REPAYMENT), start=1):
        parent = tree.add(code, name, _amounts(_floats(repaid), False), level, parent)

    # IV. financial assets
    assets = section_total(bn.ASSETS)
    ref = tree.add(4, bn.SECTION_NAMES[bn.ASSETS], _amounts(_floats(net((1, assets))), False), 0)
    tree.skip(4)
    sub = tree.add(1, bn.ASSET_ACQUISITION, _amounts(_floats(assets)), 1, ref)
    emit_spending(bn.ASSETS, sub, 2)

    # V. deficit, VI. non-oil deficit, VII. its financing
    deficit = net((1, income), (-1, costs), (-1, lending), (-1, assets))
    tree.add(5, bn.SECTION_NAMES["V"], _amounts(_floats(deficit), False), 0)
    tree.skip(4)
    tree.add(6, bn.SECTION_NAMES["VI"], _amounts(_floats(net((1, deficit), (-1, list(national_fund)))), False), 0)
    tree.skip(4)
    financing = net((-1, deficit))
    repayment = section_total(bn.REPAYMENT)
    borrowing = net((1, financing), (1, repayment))
    # borrowing runs ahead of or behind the need and balances make up the difference (the period
    # plan only until December, when plgp = plg everywhere)
    for i in ((PLGP, SUMRG) if m != 12 else (SUMRG,)):
        borrowing[i] = _round(borrowing[i] * rng.uniform(0.9, 1.2), 100 if i == PLGP else 1)
    balances = net((1, financing), (-1, borrowing), (1, repayment))
    ref = tree.add(7, bn.SECTION_NAMES[bn.REPAYMENT], _amounts(_floats(financing), False), 0)
    sub = tree.add(1, bn.BORROWING[0], _amounts(_floats(borrowing), False), 1, ref)
    sub = tree.add(7, bn.BORROWING[1], _amounts(_floats(borrowing), False), 2, sub)
    domestic = [_round(x * 0.85, (1000, 1000, 100, 100, 100, 1, 1)[i]) for i, x in enumerate(borrowing)]
    external = net((1, borrowing), (-1, domestic))
    for code, (kind, instrument), part in ((1, bn.BORROWING_KINDS[0], domestic), (2, bn.BORROWING_KINDS[1], external)):
        kind_ref = tree.add(code, kind, _amounts(_floats(part), False), 3, sub)
        tree.add(1, instrument, _amounts(_floats(part), False), 4, kind_ref)
    sub = tree.add(2, bn.LOAN_REPAYMENT, _amounts(_floats(repayment)), 1, ref)
    emit_spending(bn.REPAYMENT, sub, 2)

    # memo rows: used balances = financing - borrowing + repayment; closing = opening - used
    used = [0, 0, 0, balances[PLGP], 0, balances[SUMRG], 0]
    opening = [0, 0, 0, 0, 0, opening_balance, 0]
    closing = [0, 0, 0, 0, 0, opening_balance - balances[SUMRG], 0]
    for name, v in zip(bn.MEMO_ROWS, (used, opening, closing)):
        tree.add(None, name, _amounts(_floats(v), False), 0, leaf=True)
    return tree.rows


def _investments(programmes, leaves, year, m, month) -> list[str]:
    """Priority investments; parents are float sums of their children, as the portal computes them."""
    tree = _Tree(month, float_codes=False)
    names = {abp.code: abp.name(year) for abp in bn.ADMINISTRATORS}
    # group -> ABP -> programmes
    grouped: dict[int, dict[int, list[Programme]]] = {}
    for p in programmes:
        grouped.setdefault(p.line.line.group, {}).setdefault(p.line.owner(year, m), []).append(p)

    def float_sum(parts: list[list[float]]) -> list[float]:
        total = [0.0] * 7
        for part in parts:
            for i in range(7):
                total[i] += part[i]
        return total

    group_sums, abp_sums, programme_sums = {}, {}, {}
    for group, abps in grouped.items():
        for code, progs in abps.items():
            for p in progs:
                programme_sums[id(p)] = float_sum([leaves[id(series)] for _, _, series in p.leaves])
            abp_sums[(group, code)] = float_sum([programme_sums[id(p)] for p in sorted(progs, key=_code)])
        group_sums[group] = float_sum([abp_sums[(group, code)] for code in sorted(abps)])
    root = tree.add(1, bn.INVESTMENTS_ROOT, _amounts(float_sum([group_sums[g] for g in sorted(grouped)])), 0)
    for group in sorted(grouped):
        group_ref = tree.add(group, bn.FUNCTIONAL_GROUPS[group], _amounts(group_sums[group]), 1, root)
        for code in sorted(grouped[group]):
            abp_ref = tree.add(code, names[code], _amounts(abp_sums[(group, code)]), 2, group_ref)
            for p in sorted(grouped[group][code], key=_code):
                programme_ref = tree.add(p.code, p.name, _amounts(programme_sums[id(p)]), 3, abp_ref)
                for leaf_code, leaf_name, series in p.leaves:
                    tree.add(leaf_code, leaf_name, _amounts(leaves[id(series)]), 4, programme_ref)
    return tree.rows


def _code(p: Programme) -> int:
    return p.code
