"""The input formats we defined for the civil-society sources (docs/formats/ is their prose twin).

No official column specification was found for any of these publications (see
``shared/data/registers/REGISTERS.md``: the foreign-funding register's columns and per-NGO grant
lists are NOT FOUND). These layouts are what an official Kazakh spreadsheet would carry — Russian
and Kazakh headers, amounts in tenge or thousand tenge — and they are enforced strictly: a real
file that differs stops the ingest naming the column, and a mapping file loads it.

Only the standard library is used, so documentation tools can read these definitions without
Django. The demo generator and the tests type their headers independently (as a publisher
would), so a change here that breaks the documented format is caught.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of a defined layout.

    ``headers`` are the accepted header texts, Russian first, then Kazakh; ``thousand_headers``
    are variants that also say the amounts are in thousand tenge.
    """

    field: str
    headers: tuple[str, ...]
    required: bool = True
    thousand_headers: tuple[str, ...] = ()
    help: str = ""

    @property
    def ru(self) -> str:
        return self.headers[0]

    @property
    def kk(self) -> str:
        return self.headers[1] if len(self.headers) > 1 else self.headers[0]


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    doc: str  # the docs page that defines it
    columns: tuple[Column, ...]
    name_field: str = ""  # the column where «Итого» marks a published total row

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)


NUMBER = Column("number", ("№ п/п", "Р/с №", "№", "№ р/с", "Р/с", "П/п"), required=False,
                help="Row number; ignored.")
YEAR = Column("year", ("Год", "Жыл"), help="Year of the award (2000–2035).")
OPERATOR = Column("operator", ("Грантодатель", "Грант беруші", "Оператор", "Грант операторы"),
                  help="Who awarded: the grant operator, a ministry or an akimat.")
PROGRAMME = Column("programme", ("Приоритетное направление", "Басым бағыт", "Программа", "Бағдарлама",
                                 "Направление", "Бағыт"),
                   help="Programme or priority area of the competition.")
REGION = Column("region", ("Регион", "Өңір", "Область", "Облыс"), required=False,
                help="Region (oblast or city of republican significance), any spelling.")


def _amount(field: str, ru: str, kk: str, *, required: bool = True, help: str = "") -> Column:
    """An amount column in tenge, or in thousand tenge when the header says so."""
    return Column(field, (f"{ru}, тенге", f"{kk}, теңге", f"{ru} (тенге)", f"{kk} (теңге)", f"{ru}, тг"),
                  required=required, help=help,
                  thousand_headers=(f"{ru}, тыс. тенге", f"{kk}, мың теңге", f"{ru} (тыс. тенге)",
                                    f"{kk} (мың теңге)", f"{ru}, тыс. тг"))


GRANT_AWARDS = Layout(
    name="state_grants.awards",
    title="State grants and awards to NGOs: list of winners",
    doc="docs/formats/state_grants.md",
    name_field="recipient_name",
    columns=(
        NUMBER, YEAR,
        Column("award_date", ("Дата решения", "Шешім күні"), required=False,
               help="Date of the award decision (DD.MM.YYYY); needed by indicator C004."),
        Column("kind", ("Вид", "Түрі"), required=False, help="«грант» (default) or «премия» / «сыйлықақы»."),
        OPERATOR, PROGRAMME,
        Column("recipient_name", ("Наименование НПО", "ҮЕҰ атауы"), help="The winner's name as published."),
        Column("recipient_bin", ("БИН", "БСН"), required=False, help="The winner's BIN; empty when not published."),
        REGION,
        Column("project_title", ("Наименование проекта", "Жобаның атауы"), help="Title of the project."),
        _amount("amount", "Сумма", "Сомасы", help="Amount awarded."),
    ),
)

GRANT_COMPETITIONS = Layout(
    name="state_grants.competitions",
    title="State grant competitions: applications and winners",
    doc="docs/formats/state_grants.md",
    name_field="programme",
    columns=(
        NUMBER, YEAR, OPERATOR, PROGRAMME,
        Column("applications", ("Количество поданных заявок", "Берілген өтінімдер саны"),
               help="Applications received; empty when not published."),
        Column("winners", ("Количество победителей", "Жеңімпаздар саны"), required=False,
               help="Winners announced."),
        _amount("budget", "Объём финансирования", "Қаржыландыру көлемі", required=False,
                help="Money offered by the competition."),
    ),
)

FOREIGN_FUNDING = Layout(
    name="foreign_funding.register",
    title="Register of persons receiving money from foreign sources",
    doc="docs/formats/foreign_funding.md",
    name_field="recipient_name",
    columns=(
        NUMBER,
        Column("recipient_id", ("БИН/ИИН", "БСН/ЖСН"), help="BIN of a legal entity or IIN of a natural person."),
        Column("recipient_name", ("Наименование/Ф.И.О.", "Атауы/Т.А.Ә."),
               help="Name of the legal entity, or the person's name as the register publishes it."),
        REGION,
        Column("donor_name", ("Наименование иностранного источника", "Шетелдік көздің атауы"),
               help="The foreign state, organisation or person that paid."),
        Column("donor_country", ("Страна", "Ел"), help="The source's country, any spelling."),
        _amount("amount", "Сумма", "Сомасы", help="Money received in the period."),
        Column("purpose", ("Цель", "Мақсаты"), required=False, help="Purpose of the money as reported."),
        Column("period", ("Период", "Кезең"), help="Reporting period: a year, a date range, a quarter or half-year."),
    ),
)

NGO_REGISTER = Layout(
    name="ngo_register.register",
    title="Database of non-governmental organisations",
    doc="docs/formats/ngo_register.md",
    name_field="name_ru",
    columns=(
        NUMBER,
        Column("bin", ("БИН", "БСН"), help="BIN of the NGO."),
        Column("name_kk", ("Наименование на казахском языке", "Қазақ тіліндегі атауы"), required=False,
               help="Name in Kazakh."),
        Column("name_ru", ("Наименование на русском языке", "Орыс тіліндегі атауы"), help="Name in Russian."),
        Column("legal_form", ("Организационно-правовая форма", "Ұйымдық-құқықтық нысаны"),
               help="Legal form, spelled out or abbreviated."),
        Column("registered_on", ("Дата регистрации", "Тіркелген күні"), help="Date of state registration."),
        REGION,
        Column("activities", ("Сферы деятельности", "Қызмет салалары"), required=False,
               help="Areas of activity separated by «;»."),
    ),
)

STATE_GRANTS = {layout.name: layout for layout in (GRANT_AWARDS, GRANT_COMPETITIONS)}
FOREIGN = {FOREIGN_FUNDING.name: FOREIGN_FUNDING}
NGOS = {NGO_REGISTER.name: NGO_REGISTER}
