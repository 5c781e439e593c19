"""A hand-made world for the scorecard tests: three ministries, an agency, a rural akim's office.

Every expected number in tests/test_scorecards.py is computed by hand from the rows below; the
browser test writes the same rows into its scratch database through ``build()``.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

YEAR = 2024
M1, M2, M3, A1, R1, CO = "100140000001", "100140000002", "100140000003", "100140000004", "100140000005", "200140000009"
S = ["300140000001", "300140000002", "300140000003", "300140000004"]


def _org(bin_, name_ru, name_kk="", customer=True, supplier=False):
    from opentenge.store.models import Organisation
    return Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name_ru, name_kk=name_kk,
                                       is_customer=customer, is_supplier=supplier)


def build() -> dict:
    from opentenge.budget.models import AdministratorLink, BudgetLine, BudgetSnapshot, Discrepancy
    from opentenge.indicators.models import FlagResult, ResultContract
    from opentenge.legislation.models import CouncilOpinion, LegislativeAct, NgoProposal, PublicCouncil
    from opentenge.store.models import Contract, SourceFile

    now = timezone.now()
    orgs = {
        "M1": _org(M1, "ГУ «Министерство финансов Республики Казахстан»", "Қазақстан Республикасы Қаржы министрлігі"),
        "M2": _org(M2, "ГУ «Министерство здравоохранения Республики Казахстан»"),
        "M3": _org(M3, "ГУ «Министерство юстиции Республики Казахстан»"),
        "A1": _org(A1, "РГУ «Комитет государственных доходов Министерства финансов Республики Казахстан»"),
        "R1": _org(R1, "ГУ «Аппарат акима сельского округа Акжар»", "Ақжар ауылдық округі әкімінің аппараты"),
        "CO": _org(CO, "ТОО «Служба доставки»"),
    }
    sup = [_org(b, f"ТОО «Поставщик {i}»", customer=False, supplier=True) for i, b in enumerate(S, start=1)]
    seq = iter(range(1000, 2000))

    def contract(buyer, supplier, method, value, day, **extra):
        return Contract.objects.create(gz_id=next(seq), customer=orgs[buyer], supplier=supplier, method_id=method,
                                       contract_sum_wnds=D(value), sign_date=day, **extra)

    d = dt.date(YEAR, 3, 1)
    c1 = contract("M1", sup[0], 6, "100", d)
    contract("M1", sup[0], 2, "300", d)
    c3 = contract("M1", sup[1], 23, "100", d)
    c4 = contract("M1", sup[2], 3, "500", d)
    contract("M1", sup[3], 6, "9999", d, deleted=True)          # deleted: never counted
    contract("M1", sup[3], 6, "7777", d, currency="USD")        # not in tenge: not counted
    for _ in range(3):
        contract("M2", sup[3], 2, "100", d)
    contract("M3", sup[0], 6, "50", d)
    contract("M3", sup[1], 2, "50", d)
    contract("A1", sup[0], 2, "10", d)
    contract("R1", sup[0], 2, "10", d)
    contract("CO", sup[0], 2, "10", d)
    p = dt.date(YEAR - 1, 5, 1)
    contract("M1", sup[0], 6, "100", p)
    contract("M1", sup[0], 6, "100", p)
    contract("M1", sup[1], 2, "200", p)

    flagged = FlagResult.objects.create(code="R001", subject_kind="organisation", subject_key=M1, outcome="flagged",
                                        computed_at=now, method_version="1", buyer=orgs["M1"])
    for c in (c3, c4):
        ResultContract.objects.create(result=flagged, contract_gz_id=c.gz_id)
    clear = FlagResult.objects.create(code="R003", subject_kind="contract", subject_key=str(c1.gz_id), outcome="clear",
                                      computed_at=now, method_version="1")
    ResultContract.objects.create(result=clear, contract_gz_id=c1.gz_id)

    # budget: ABP 217 is M1, ABP 225 is M2 (links as opentenge.budget.administrators makes them)
    AdministratorLink.objects.create(abp_code="217", organisation=orgs["M1"], relation="self", matched_by="bin",
                                     linked_at=now)
    AdministratorLink.objects.create(abp_code="225", organisation=orgs["M2"], relation="self", matched_by="bin",
                                     linked_at=now)
    source = SourceFile.objects.create(source="budget_egov", name="fixture.csv", path="fixture.csv", sha256="0" * 64,
                                       size=1, kind="budget", ingested_at=now)
    months = {10: ("700", "700"), 11: ("800", "100"), 12: ("950", "150")}
    snapshots = {}
    for month, (m1_sumrg, m1_flow) in months.items():
        period = dt.date(YEAR, month, 1)
        snap = BudgetSnapshot.objects.create(view="departmental", period=period, source_file=source,
                                             content_hash=str(month), ingested_at=now)
        snapshots[month] = snap
        BudgetLine.objects.create(snapshot=snap, view="departmental", period=period, kind="administrator", code="217",
                                  code_published="217", name="Министерство финансов", name_published="x",
                                  abp_code="217", path="217", locator="l1", plg=D("1000"), sumrg=D(m1_sumrg),
                                  sumrg_month=D(m1_flow), organisation=orgs["M1"])
        BudgetLine.objects.create(snapshot=snap, view="departmental", period=period, kind="administrator", code="225",
                                  code_published="225", name="Министерство здравоохранения", name_published="x",
                                  abp_code="225", path="225", locator="l2", plg=D("2000"), sumrg=D("1000"),
                                  sumrg_month=None, organisation=orgs["M2"])
    jan = BudgetSnapshot.objects.create(view="departmental", period=dt.date(YEAR + 1, 1, 1), source_file=source,
                                        content_hash="jan", ingested_at=now)
    BudgetLine.objects.create(snapshot=jan, view="departmental", period=jan.period, kind="administrator", code="217",
                              code_published="217", name="Министерство финансов", name_published="x", abp_code="217",
                              path="217", locator="l1", plg=D("1100"), sumrg=D("50"), sumrg_month=D("50"),
                              organisation=orgs["M1"])
    Discrepancy.objects.create(snapshot=snapshots[11], scope="line:217", column="sumrg", published=D("1"),
                               computed=D("2"), difference=D("1"), tolerance=D("0"), severity="mismatch")
    Discrepancy.objects.create(snapshot=snapshots[12], scope="line:217", column="sumrg", published=D("1"),
                               computed=D("1.001"), difference=D("0.001"), tolerance=D("0.002"), severity="rounding")
    Discrepancy.objects.create(snapshot=snapshots[10], scope="total", column="sumrg", published=D("1"),
                               computed=D("5"), difference=D("4"), tolerance=D("0"), severity="mismatch")

    # legislation: M1 develops four drafts in the year (one 5-day discussion, one without an end date)
    acts = []
    for i, (start, end) in enumerate([(dt.date(YEAR, 2, 1), dt.date(YEAR, 2, 10)), (dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 5)),
                                      (dt.date(YEAR, 4, 1), dt.date(YEAR, 4, 15)), (dt.date(YEAR, 5, 1), None)]):
        acts.append(LegislativeAct.objects.create(key=f"npa:{i}", kind="draft", title_ru=f"Проект {i}",
                                                  developer=orgs["M1"], developer_name="Минфин", status="discussion",
                                                  discussion_start=start, discussion_end=end,
                                                  source_url="https://legalacts.egov.kz/"))
    LegislativeAct.objects.create(key="npa:m2", kind="draft", developer=orgs["M2"], status="discussion",
                                  discussion_start=dt.date(YEAR, 6, 1), discussion_end=dt.date(YEAR, 6, 2),
                                  source_url="https://legalacts.egov.kz/")
    own = PublicCouncil.objects.create(key="pc-m1", body_name="Минфин", body=orgs["M1"], source_url="https://gov.kz/")
    other = PublicCouncil.objects.create(key="pc-m2", body_name="Минздрав", body=orgs["M2"], source_url="https://gov.kz/")
    for council, act, day in ((own, acts[0], 3), (own, acts[1], 4), (other, acts[2], 5)):
        CouncilOpinion.objects.create(council=council, act=act, date=dt.date(YEAR, 7, day), position="supports",
                                      summary="—", source_url="https://gov.kz/")
    for i, outcome in enumerate(("accepted", "partly", "rejected", "pending")):
        NgoProposal.objects.create(act=acts[0], ngo_name=f"ОФ {i}", date=dt.date(YEAR, 2, 2 + i), proposal="…",
                                   outcome=outcome, reply="" if outcome == "pending" else "ответ",
                                   source_url="https://legalacts.egov.kz/")
    _lobbying(orgs)
    return orgs


def _lobbying(orgs) -> None:
    """One published report of the year with two meetings at M1; a returned version's meeting is not public."""
    from django.contrib.auth import get_user_model

    from opentenge.lobbying import models as lob

    user = get_user_model().objects.create(username="filer-fixture")
    filer = _org("400140000001", "ТОО «Лоббист»", customer=False)
    registrant = lob.Registrant.objects.create(bin=filer.bin, organisation=filer, name="Лоббист", kind="company",
                                               budget_band="lt1m", status="active", created_by=user)
    for quarter, state, meetings in ((1, "published", 2), (2, "returned", 1)):
        report = lob.Report.objects.create(registrant=registrant, year=YEAR, quarter=quarter,
                                           state="published" if state == "published" else "draft",
                                           due=dt.date(YEAR, quarter * 3 + 1, 20))
        version = lob.ReportVersion.objects.create(report=report, number=1, state=state, issues="налоги",
                                                   created_by=user)
        for i in range(meetings):
            lob.Meeting.objects.create(version=version, date=dt.date(YEAR, quarter * 3, 1 + i), official_name="Official",
                                       body_name="Минфин", body=orgs["M1"], subject="налоги")
