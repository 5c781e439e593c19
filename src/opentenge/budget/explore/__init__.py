"""Query functions behind the budget pages, their JSON twins, CSV downloads and ``/api/v1/budget``.

One function per page (``periods``, ``explorer``, ``administrator``, ``administrators``,
``quality``, ``organisation_panel``), each returning plain dicts, as ``opentenge.store.queries``
does for procurement, so the website and the API cannot drift apart.

What the figures mean (docs/budget.md has the long version):

* Only *current* snapshots of the **republican** budget are read (local budgets: ``local``, own pages). Adding a regional budget to the
  republican one would count every transfer twice, so budgets are never mixed here.
* Amounts stay in the source unit, **thousand tenge** (``UNIT``), as exact ``Decimal`` with three
  decimals (one tenge). They are cumulative from January: December is the whole year.
* The *units* of a view are the rows a reader compares: administrators (ABP) in the departmental,
  hierarchical and investment views (an ABP listed under several functional groups is added up),
  functional groups and economic categories in the two flat classifications.
* A period plan (``plgp``) of 0 for a whole month means "not published" (the departmental file of
  02–07.2023): it becomes ``None``, never a 0 % execution.
* Transfers to other budgets (``is_transfer``) are kept in every total that equals a published
  figure, and reported beside it, so that a reader who adds local budgets' spending can take them
  out once ("net of transfers").
"""
from opentenge.budget.explore.by_administrator import administrator, administrators, bodies, organisation_panel
from opentenge.budget.explore.common import UNIT, BadRequest, NotFound, jsonable, parse_period, views_with_periods
from opentenge.budget.explore.by_view import explorer, periods, ranking
from opentenge.budget.explore.local import local_budget, local_index
from opentenge.budget.explore.quality_checks import quality

__all__ = ["UNIT", "BadRequest", "NotFound", "administrator", "administrators", "bodies", "explorer", "jsonable",
           "local_budget", "local_index", "organisation_panel", "parse_period", "periods", "quality", "ranking", "views_with_periods"]
