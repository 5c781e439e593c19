"""The words of an act's life: status codes, their labels, and the legal minimum discussion period.

Sources publish statuses as Russian or Kazakh phrases; importers map them to these codes
(``STATUS_WORDS``) so the tracker can filter and order them. The order of ``STAGES`` is the
order of a normal life, used to break ties on the same day.
"""
from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

STAGES = {
    "discussion": _("Published for public discussion"),
    "closed": _("Public discussion closed"),
    "submitted": _("Submitted to Parliament"),
    "first_reading": _("Approved in first reading"),
    "second_reading": _("Approved in second reading"),
    "adopted": _("Adopted by the Mazhilis"),
    "senate": _("Approved by the Senate"),
    "signed": _("Signed into law"),
    "returned": _("Returned for revision"),
    "withdrawn": _("Withdrawn"),
}
STAGE_ORDER = {code: n for n, code in enumerate(STAGES)}

# Published phrases (lower case, as they appear on legalacts.egov.kz and parlam.kz) -> code.
STATUS_WORDS = {
    **{code: code for code in STAGES},
    "на публичном обсуждении": "discussion", "публичное обсуждение": "discussion",
    "жария талқылауда": "discussion", "жария талқылау": "discussion",
    "обсуждение завершено": "closed", "публичное обсуждение завершено": "closed", "талқылау аяқталды": "closed",
    "внесен в мажилис": "submitted", "внесён в мажилис": "submitted", "мәжіліске енгізілді": "submitted",
    "одобрен в первом чтении": "first_reading", "бірінші оқылымда мақұлданды": "first_reading",
    "одобрен во втором чтении": "second_reading", "екінші оқылымда мақұлданды": "second_reading",
    "принят мажилисом": "adopted", "мәжіліс қабылдады": "adopted",
    "одобрен сенатом": "senate", "сенат мақұлдады": "senate",
    "подписан главой государства": "signed", "подписан": "signed", "мемлекет басшысы қол қойды": "signed",
    "возвращен на доработку": "returned", "возвращён на доработку": "returned", "пысықтауға қайтарылды": "returned",
    "отозван": "withdrawn", "кері қайтарылып алынды": "withdrawn",
}

# Minimum public discussion of a draft normative legal act, in calendar days, counted inclusively by
# ``discussion_days``. Law "On legal acts" No. 480-V of 6 April 2016 (article on public discussion,
# art. 19 as we were given it) as we read it: no fewer than ten calendar days from posting on the
# open-NPA portal — NOT verified against the consolidated text (no copy found). MoJ order No. 849
# of 30.09.2021 (posting and discussion rules, adilet V2100024634): stored copy lacks the period.
# Verified: Law "On public services" art. 15(3) — drafts on public services get ten WORKING days,
# so this flag is lenient for them. Details, URLs and caveats: docs/sources/draft_acts.md.
MINIMUM_DISCUSSION_DAYS = 10


def stage_label(code: str) -> str:
    return str(STAGES.get(code, code))


def discussion_days(start: date | None, end: date | None) -> int | None:
    """Days the public could comment, counting both the first and the last day."""
    if start is None or end is None:
        return None
    return (end - start).days + 1


def too_short(start: date | None, end: date | None) -> bool:
    days = discussion_days(start, end)
    return days is not None and days < MINIMUM_DISCUSSION_DAYS
