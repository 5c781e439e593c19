"""The deliberately broken part of the demo corpus: what the goszakup importer must quarantine.

Kept apart from the realistic data because its purpose is the opposite: every record here is
either a clean control or carries exactly one defect of a known kind (:data:`QUARANTINE_KINDS`),
so the manifest can say how many records the importer must accept and how many it must refuse,
reason by reason. The files live in ``goszakup/broken/`` and reuse the real page envelopes.
"""
from __future__ import annotations

import datetime as dt
import json
import random

from opentenge.demo.envelopes import GRAPHQL_URL, OWS, PAGE_SIZE, Dates, Output, dumps
from opentenge.demo.organisations import K_IP, Orgs
from opentenge.demo.procurement import contract_sum, money

# Quarantine-worthy records in broken/ by reason kind (what the importer must refuse).
QUARANTINE_KINDS = ("wrong_type", "missing_id", "invalid_bin", "negative_amount", "absurd_amount",
                    "date_out_of_range", "unknown_method", "not_an_object", "malformed_json", "api_error")


def write_broken(orgs: Orgs, rng: random.Random, out: Output, dates: Dates, stats: dict) -> dict:
    """One REST page mixing good and bad records, one truncated file, one GraphQL error page.

    Returns ``{"good", "sum_tiyn", "quarantine"}``: the clean records among them (count and sum with
    VAT, in tiyn) and, per quarantine kind, how many the importer must refuse.
    """
    customer = orgs.customers[0]
    customer_bin, customer_pid = orgs.ident[customer], orgs.pid[customer]
    suppliers = [s for s in orgs.suppliers[:50] if orgs.kind[s] != K_IP][:6]
    next_id = stats["last_contract_id"] + 1_000_000

    def contract(supplier: int, with_vat: int, sign: dt.date) -> dict:
        nonlocal next_id
        next_id += 1
        return {
            "id": next_id, "parent_id": None, "root_id": next_id, "trd_buy_id": None, "trd_buy_number_anno": None,
            "ref_contract_status_id": 250, "deleted": 0,
            "last_update_date": dates.rest(sign.toordinal(), 36_000),
            "supplier_id": orgs.pid[supplier], "supplier_biin": orgs.ident[supplier],
            "customer_id": customer_pid, "customer_bin": customer_bin,
            "contract_number": str(rng.randint(1, 400)), "contract_number_sys": f"Д-{next_id}",
            "sign_date": dates.rest(sign.toordinal()),
            "contract_sum": contract_sum(with_vat, orgs.vat[supplier]),
            "contract_sum_wnds": money(with_vat), "ref_currency_code": "KZT", "fin_year": sign.year,
            "ref_subject_type_id": 3, "description_ru": "Услуги по уборке помещений",
            "description_kz": "Үй-жайларды жинау қызметтері", "fakt_trade_methods_id": 23,
            "is_gu": orgs.is_gu(customer),
            "contract_units": [{"id": next_id + 20_000_000, "lot_id": None}],
        }

    def good() -> tuple[dict, int]:
        with_vat = rng.randint(50_000, 5_000_000) * 100
        sign = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
        return contract(rng.choice(suppliers), with_vat, sign), with_vat

    items: list = []
    good_count = good_sum = 0
    for maker in ("good", "wrong_type", "good", "missing_id", "invalid_bin", "good", "negative_amount",
                  "absurd_amount", "date_out_of_range", "good", "unknown_method", "not_an_object", "good"):
        if maker == "not_an_object":
            items.append("not an object")
            continue
        record, with_vat = good()
        if maker == "good":
            good_count += 1
            good_sum += with_vat
        elif maker == "wrong_type":
            record["contract_sum_wnds"] = "сто тысяч"
        elif maker == "missing_id":
            del record["id"]
        elif maker == "invalid_bin":
            valid = record["supplier_biin"]
            record["supplier_biin"] = valid[:11] + str((int(valid[11]) + 1) % 10)
        elif maker == "negative_amount":
            record["contract_sum_wnds"] = -abs(record["contract_sum_wnds"])
        elif maker == "absurd_amount":
            record["contract_sum_wnds"] = 50_000_000_000_000_000
        elif maker == "date_out_of_range":
            record["sign_date"] = "1899-01-01 00:00:00"
        elif maker == "unknown_method":
            record["fakt_trade_methods_id"] = 999
        items.append(record)
    page = {"total": len(items), "limit": PAGE_SIZE, "next_page": "", "items": items}
    after = stats["last_contract_id"]
    out.write("broken/contract.broken-01.json", dumps(page),
              f"{OWS}/v3/contract?page=next&search_after={after}")
    whole = json.dumps({"total": 3, "limit": PAGE_SIZE, "next_page": "",
                        "items": [good()[0], good()[0], good()[0]]}, ensure_ascii=False)
    # cut on a character boundary, so the file is valid UTF-8 but not valid JSON
    out.write("broken/contract.broken-02.json", whole[: len(whole) * 11 // 20].encode("utf-8"),
              f"{OWS}/v3/contract?page=next&search_after={after + 1}")
    errors = {"errors": [{"message": "Unauthorized: token expired"}]}
    out.write("broken/graphql-contract.broken-03.json", dumps(errors), GRAPHQL_URL)
    return {"good": good_count, "sum_tiyn": good_sum, "quarantine": {kind: 1 for kind in QUARANTINE_KINDS}}
