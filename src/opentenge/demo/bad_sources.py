"""A tiny valid file per source, described well enough to break it on purpose (see ``bad_inputs``).

Each :class:`SourceShape` says how one source's records look (``good_row``: column -> value),
how a list of them becomes the file the importer reads (``render``), and where a corruption of a
given kind goes (``targets``: kind -> column) and under which name the importer will report it
(``reported``: the column header for spreadsheets, ``stages[0].date`` for a nested JSON field).
It also records each importer's documented policy for whole-file surprises (a non-UTF-8 file, an
extra column, a duplicate key) so that ``bad_inputs`` can state what *must* happen, not what
happens to happen. ``k`` is the case number: it makes every file's bytes, keys and names unique
so that no case is skipped as "already ingested".
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from opentenge.ids.kz import make_valid_bin


def bin_for(k: int, i: int) -> str:
    """A valid BIN unique to case ``k``, row ``i`` (a serial that is never issued is skipped)."""
    serial = (k * 10 + i) * 3
    while True:
        value = make_valid_bin(18, 1 + (k % 12), 4, 0, serial % 100_000)
        if value:
            return value
        serial += 1


@dataclass(frozen=True)
class SourceShape:
    source: str
    fmt: str  # csv | json | html
    filename: str
    columns: tuple[str, ...]
    good_row: Callable[[int, int], dict]
    render: Callable[[list[dict], tuple[str, ...]], str]
    targets: dict[str, str]  # corruption kind -> column
    reported: dict[str, str] = field(default_factory=dict)  # column -> field name in QuarantinedRecord
    per_row: int = 1  # records landed per good row
    per_file: int = 0  # records landed once per file that has a good row (a party record, say)
    utf8_only: bool = True  # False: Windows-1251 is detected and read
    strict_header: bool = False  # True: columns must be exactly the layout, in order
    extra_column_lands: bool = True  # an unknown column (or JSON key) is ignored rather than refused
    duplicate: str = "last_wins"  # or "quarantine": the same key twice in one file
    file_level: tuple[str, ...] = ()  # corruption kinds that refuse the whole file by design
    prereq: tuple[tuple[str, str, str], ...] = ()  # (source, file name, text) ingested first
    absurd_amounts: tuple[str, ...] = ("-5", "1e300", "NaN", "12,34,56", "Infinity", "1" + "0" * 30)
    bad_identifiers: tuple[str, ...] = ()  # instead of the BIN/IIN defaults, for ids that are not BINs
    change_column: str = ""  # a column outside the key whose change is an update (default: the text column)
    second_filename: str = ""  # the name of a second file of the same kind

    @property
    def changeable(self) -> str:
        return self.change_column or self.targets.get("text") or self.columns[-1]

    def field_of(self, column: str) -> str:
        return self.reported.get(column, column)


def csv_text(rows: list[dict], columns: tuple[str, ...], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def semicolon_csv(rows, columns):
    return csv_text(rows, columns, ";")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


# -- goszakup: a REST page of contracts (the method dictionary is a prerequisite) ----------------

GZ_REFS = _json({"total": 2, "limit": 50, "next_page": "", "items": [
    {"id": 1, "code": "OK", "nameRu": "Открытый конкурс", "nameKz": "Ашық конкурс"},
    {"id": 6, "code": "IIS", "nameRu": "Из одного источника", "nameKz": "Бір көзден"}]})


def goszakup_row(k, i):
    return {"id": 9_000_000 + k * 100 + i, "customerBin": bin_for(k, 9), "supplierBiin": bin_for(k, i),
            "contractSumWnds": 1500000.5 + i, "signDate": "2024-03-0%d" % (1 + i % 9), "faktTradeMethodsId": 1,
            "refCurrencyCode": "KZT", "refContractStatusId": 320, "descriptionRu": f"Поставка товаров, случай {k}, строка {i}"}


def goszakup_page(rows, columns):
    return _json({"total": len(rows), "limit": 50, "next_page": "", "items": rows})


# -- budget.egov.kz: a flat departmental report (one month per case) -----------------------------

BUDGET_COLUMNS = ("id", "code", "name", "utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz", "obzsumrg",
                  "plgpsumrg", "plgsumrg", "level", "isLeaf", "loaded", "expanded", "month")


def budget_row(k, i):
    month = f"{k % 12 + 1:02d}.{2000 + (k // 12) % 36}"
    return {"id": i + 1, "code": 101 + i, "name": f"Министерство {k}-{i}", "utv": "1200.5", "utch": "1200.5",
            "plg": "1000.0", "plgp": "100.0", "plgo": "900.0", "sumrg": "80.0", "obz": "90.0", "obzsumrg": "10.0",
            "plgpsumrg": "80.0", "plgsumrg": "8.0", "level": 0, "isLeaf": "True", "loaded": "True",
            "expanded": "False", "month": month}


# -- parliament and tracker sources -------------------------------------------------------------

def bills_row(k, i):
    return {"id": 700_000 + k * 10 + i, "title": f"Проект Закона «Об испытаниях {k}-{i}»",
            "status": "внесен в мажилис", "stage_date": "2024-02-0%d" % (1 + i % 9)}


def bills_page(rows, columns):
    result = []
    for row in rows:
        item = {k: v for k, v in row.items() if k != "stage_date"}
        if "stage_date" in row:
            item["stages"] = [{"stage": "внесен в мажилис", "date": row["stage_date"]}]
        result.append(item)
    return _json({"count": len(result), "result": result})


def mazhilis_row(k, i):
    return {"id": 800_000 + k * 10 + i, "last_name": f"Испытов{k}", "first_name": f"Тест{i}",
            "patronymic": "Корпусович", "position": "Член Комитета", "deputy_type": 1, "is_active": True}


def mazhilis_page(rows, columns):
    return _json(rows)


def senate_row(k, i):
    return {"href": f"/ru-RU/blog/{900_000 + k * 10 + i}/biography", "name": f"Сенаторов {k} Тест {i}",
            "position": "Член комитета по испытаниям"}


def senate_page(rows, columns):
    cards = "\n".join(
        f'  <a class="col person-card" href="{escape(r["href"])}">\n'
        f'    <div class="person-card--full-name">{escape(r["name"])}</div>\n'
        f'    <div class="person-card--position">{escape(r["position"])}</div>\n  </a>' for r in rows)
    return (f'<!doctype html>\n<html lang="ru">\n<head><meta charset="utf-8"><title>bad corpus</title></head>\n'
            f'<body>\n<div class="row">\n{cards}\n</div>\n</body>\n</html>\n')


URL = "https://example.org/bad-corpus/doc.pdf"
OFFICIALS_PREREQ = csv_text(
    [{"person_id": f"bad-corpus-p{i}", "name_kk": f"Тексерушi {i}", "name_ru": f"Проверочный {i}",
      "chamber": "executive", "role_ru": "Аким района", "start_date": "2020-01-01", "end_date": "",
      "source_url": URL} for i in range(10)],
    ("person_id", "name_kk", "name_ru", "chamber", "role_ru", "start_date", "end_date", "source_url"))


def company_roles_row(k, i):
    return {"bin": bin_for(k, i), "organisation_name_ru": f"ТОО «Испытание {k}-{i}»", "organisation_name_kk": "",
            "role": "founder", "person_name": f"Учредителев {k} Тест {i}", "since": "2015-06-01", "source_url": URL}


def declarations_row(k, i):
    return {"person_key": f"official:bad-corpus-p{i}", "year": str(1991 + k % 100), "position": f"Аким {k}",
            "income_tenge": f"{2450000 + i}.00", "property_items": "2", "property_description": "квартира",
            "source_url": URL}


def draft_acts_row(k, i):
    portal = 600_000 + k * 10 + i
    return {"id": str(portal), "title_kk": f"Жоба {k}-{i}", "title_ru": f"Об испытании {k}-{i}",
            "developer": "ГУ «Министерство испытаний»", "type": "приказ министра", "discussion_start": "2024-03-01",
            "discussion_end": "2024-03-20", "status": "обсуждение завершено", "status_date": "2024-03-20",
            "comments": "5", "url": f"https://legalacts.egov.kz/npa/view?id={portal}"}


def election_funds_row(k, i):
    return {"election": "maslikhat-badcorpus-2023", "party": "", "candidate_name": f"Кандидатов {k} Тест {i}",
            "line": "1", "donor_name": "", "amount_tenge": f"{410000 + i}.50", "source_url": URL,
            "source_page": "p. 1", "entered_by": "editor1"}


def officials_row(k, i):
    return {"person_id": f"bc-{k}-{i}", "name_kk": f"Сынақ {k} {i}", "name_ru": f"Испытанов {k} {i}",
            "chamber": "executive", "role_ru": "Аким района", "start_date": "2019-03-01", "end_date": "",
            "source_url": URL}


def party_funding_row(k, i):
    return {"party": "amanat", "year": str(1991 + (k * 5 + i) % 100), "amount_tenge": f"{3990000 + k}.00",
            "votes": "5148000", "source_url": URL}


def public_councils_row(k, i):
    return {"council_id": f"bc-{k}-{i}", "name_ru": f"Общественный совет испытаний {k}-{i}", "name_kk": "",
            "state_body": "ГУ «Министерство испытаний»", "url": "https://www.gov.kz/memleket/council"}


# -- civil-society spreadsheets (columns are the published headers) ------------------------------

GRANT_COLUMNS = ("№ п/п", "Год", "Дата решения", "Вид", "Грантодатель", "Приоритетное направление",
                 "Наименование НПО", "БИН", "Регион", "Наименование проекта", "Сумма, тенге")
FOREIGN_COLUMNS = ("№ п/п", "БИН/ИИН", "Наименование/Ф.И.О.", "Регион", "Наименование иностранного источника",
                   "Страна", "Сумма, тенге", "Цель", "Период")
NGO_COLUMNS = ("БИН", "Наименование на казахском языке", "Наименование на русском языке",
               "Организационно-правовая форма", "Дата регистрации", "Регион", "Сферы деятельности")


def state_grants_row(k, i):
    return {"№ п/п": str(i + 1), "Год": "2023", "Дата решения": "15.03.2023", "Вид": "грант",
            "Грантодатель": "НАО «Центр поддержки»", "Приоритетное направление": "Поддержка молодежи",
            "Наименование НПО": f"ОО «Испытание {k}-{i}»", "БИН": bin_for(k, i), "Регион": "г. Алматы",
            "Наименование проекта": f"Школа испытаний {k}-{i}", "Сумма, тенге": f"12 {500 + i} 000"}


def foreign_funding_row(k, i):
    return {"№ п/п": str(i + 1), "БИН/ИИН": bin_for(k, i), "Наименование/Ф.И.О.": f"ОФ «Испытание {k}-{i}»",
            "Регион": "г. Астана", "Наименование иностранного источника": f"Foundation {k}-{i}",
            "Страна": "Германия", "Сумма, тенге": f"1 {200 + i} 000", "Цель": "Обучение", "Период": "2022"}


def ngo_register_row(k, i):
    return {"БИН": bin_for(k, i), "Наименование на казахском языке": f"«Сынақ {k}-{i}» қоғамдық бірлестігі",
            "Наименование на русском языке": f"Общественное объединение «Испытание {k}-{i}»",
            "Организационно-правовая форма": "Общественное объединение", "Дата регистрации": "02.03.2015",
            "Регион": "г. Алматы", "Сферы деятельности": "Молодёжная политика"}


def _cols(row_fn) -> tuple[str, ...]:
    return tuple(row_fn(0, 0))


SHAPES: dict[str, SourceShape] = {s.source: s for s in (
    SourceShape("goszakup", "json", "contract.0001.json", _cols(goszakup_row), goszakup_row, goszakup_page,
                second_filename="contract.0002.json",
                targets={"identifier": "supplierBiin", "amount": "contractSumWnds", "date": "signDate",
                         "text": "descriptionRu", "required": "customerBin", "wrong_type": "id",
                         "wide_integer": "refContractStatusId"},
                prereq=(("goszakup", "ref_trade_methods.json", GZ_REFS),)),
    SourceShape("budget_egov", "csv", "rb_report.csv", BUDGET_COLUMNS, budget_row, semicolon_csv,
                targets={"amount": "utv", "date": "month", "text": "name", "required": "code"},
                duplicate="quarantine", absurd_amounts=("abc", "1e300", "NaN", "12,34,56", "Infinity", "1" + "0" * 40)),
    SourceShape("bills", "json", "draft_laws.json", _cols(bills_row), bills_row, bills_page,
                targets={"identifier": "id", "date": "stage_date", "text": "title", "required": "status",
                         "wrong_type": "title"},
                reported={"stage_date": "stages[0].date"}, extra_column_lands=False),
    SourceShape("company_roles", "csv", "founders.csv", _cols(company_roles_row), company_roles_row, csv_text,
                targets={"identifier": "bin", "date": "since", "text": "person_name", "required": "person_name"},
                reported={}),
    SourceShape("declarations", "csv", "declarations.csv", _cols(declarations_row), declarations_row, csv_text,
                targets={"identifier": "person_key", "amount": "income_tenge", "date": "year", "text": "position",
                         "required": "source_url", "wide_integer": "property_items"},
                duplicate="quarantine", prereq=(("officials", "officials_prereq.csv", OFFICIALS_PREREQ),)),
    SourceShape("draft_acts", "csv", "acts.csv", _cols(draft_acts_row), draft_acts_row, csv_text,
                targets={"identifier": "id", "amount": "comments", "date": "discussion_start", "text": "title_ru",
                         "required": "developer"},
                strict_header=True, extra_column_lands=False,
                bad_identifiers=("12a", "ABC", "-1", "1.5", "\u0661\u0662\u0663", "\u00b2", "")),
    SourceShape("election_funds", "csv", "funds.csv", _cols(election_funds_row), election_funds_row, csv_text,
                targets={"identifier": "line", "amount": "amount_tenge", "text": "candidate_name",
                         "required": "entered_by"}),
    SourceShape("foreign_funding", "csv", "register.csv", FOREIGN_COLUMNS, foreign_funding_row, semicolon_csv,
                targets={"identifier": "БИН/ИИН", "amount": "Сумма, тенге", "date": "Период", "text": "Цель",
                         "required": "Наименование иностранного источника"},
                utf8_only=False, extra_column_lands=False, duplicate="quarantine", change_column="Регион"),
    SourceShape("mazhilis", "json", "deputies.kk.json", _cols(mazhilis_row), mazhilis_row, mazhilis_page,
                targets={"identifier": "id", "text": "position", "required": "last_name", "wrong_type": "id"},
                per_row=2),
    SourceShape("ngo_register", "csv", "ngos.csv", NGO_COLUMNS, ngo_register_row, semicolon_csv,
                targets={"identifier": "БИН", "date": "Дата регистрации", "text": "Наименование на русском языке",
                         "required": "Организационно-правовая форма"},
                utf8_only=False, extra_column_lands=False, duplicate="quarantine"),
    SourceShape("officials", "csv", "officials.csv", _cols(officials_row), officials_row, csv_text,
                targets={"identifier": "person_id", "date": "start_date", "text": "role_ru", "required": "chamber"},
                per_row=2, bad_identifiers=("Bad Slug!", "UPPER", "a", "-dash-first", "x" * 60, "slug/with/slash",
                                            "\u0441\u043b\u0430\u0433")),
    SourceShape("party_funding", "csv", "funding.csv", _cols(party_funding_row), party_funding_row, csv_text,
                targets={"identifier": "party", "amount": "amount_tenge", "date": "year", "required": "source_url"},
                per_file=1, duplicate="quarantine", change_column="amount_tenge"),
    SourceShape("public_councils", "csv", "councils.csv", _cols(public_councils_row), public_councils_row, csv_text,
                targets={"identifier": "council_id", "text": "name_ru", "required": "state_body", "date": "url"},
                strict_header=True, extra_column_lands=False,
                bad_identifiers=("bad id!", "a/b", "x" * 49, "<script>", "id with spaces", "", "semi;colon")),
    SourceShape("senate", "html", "deputies.ru-RU.html", _cols(senate_row), senate_row, senate_page,
                targets={"identifier": "href", "text": "position", "required": "name"},
                reported={"name": ".person-card--full-name"}, per_row=2, file_level=("identifier",)),
    SourceShape("state_grants", "csv", "awards.csv", GRANT_COLUMNS, state_grants_row, semicolon_csv,
                targets={"identifier": "БИН", "amount": "Сумма, тенге", "date": "Дата решения",
                         "text": "Наименование проекта", "required": "Грантодатель"},
                utf8_only=False, extra_column_lands=False, duplicate="quarantine", change_column="Регион"),
)}
