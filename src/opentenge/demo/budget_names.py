"""Catalogues for the synthetic budget.egov.kz corpus: administrators, classifications, names.

The classification labels (functional groups and subgroups, economic categories, revenue
categories, report sections) are the public labels of the Kazakh budget classification as the
real files print them, double spaces and all. Administrator (ABP) codes and names are the real
pairs from the departmental file of 2023 (``../shared/data/budget_egov/``); every ministry that
buys in the goszakup demo (:data:`opentenge.demo.names.MINISTRIES`) is an ABP here under the same
Russian name, so a budget administrator and a procurement buyer can be joined by name.

Amounts are not real: sizes below are rough 2023 orders of magnitude (thousand tenge) that the
generator varies by seed and year.
"""
from __future__ import annotations

from dataclasses import dataclass

from opentenge.demo.names import MINISTRIES

# --- administrators --------------------------------------------------------------------------

# Sections of the hierarchical report an administrator's spending line can sit in.
COSTS, CREDITS, ASSETS, REPAYMENT = "II", "III", "IV", "VII"

# Execution curves (see ``budget.Series``).
NORMAL, SLOW_START, DECEMBER_RUSH, UNDER_SPENDER = "normal", "slow_start", "december_rush", "under_spender"

# The 10.2023 reorganisation: from this period the successor ABP reports the line's year-to-date
# execution and the predecessor keeps only its approved/revised budget (``utv``/``utch``).
REORGANISATION = (2023, 10)


@dataclass(frozen=True)
class Line:
    """One spending line of an administrator: a functional subgroup in one report section.

    ``weight`` is its share of the administrator's budget; ``successor`` is the ABP that takes it
    over at :data:`REORGANISATION`; ``invest`` marks lines that carry investment programmes.
    """
    section: str
    group: int
    subgroup: int
    weight: float
    successor: int | None = None
    invest: bool = False


@dataclass(frozen=True)
class Administrator:
    code: int
    names: tuple[tuple[int, str], ...]   # (first year, name), oldest first
    size: int                            # approved budget 2023, thousand tenge
    lines: tuple[Line, ...] = ()
    profile: str = NORMAL
    core: bool = True                    # present at every scale (else medium and large only)
    ppp: bool = False                    # carries public-private-partnership obligations

    def name(self, year: int) -> str:
        current = self.names[0][1]
        for first, text in self.names:
            if year >= first:
                current = text
        return current


def _one(name: str) -> tuple[tuple[int, str], ...]:
    return ((0, name),)


RK = "Республики Казахстан"
# Russian name (as in names.MINISTRIES) -> real ABP code
MINISTRY_CODES: dict[str, int] = {
    "Министерство здравоохранения": 226,
    "Министерство просвещения": 224,
    "Министерство финансов": 217,
    "Министерство внутренних дел": 201,
    "Министерство обороны": 208,
    "Министерство транспорта": 228,
    "Министерство сельского хозяйства": 212,
    "Министерство энергетики": 241,
    "Министерство юстиции": 221,
    "Министерство промышленности и строительства": 229,
    "Министерство культуры и информации": 651,
    "Министерство туризма и спорта": 650,
}
_MINISTRY_NAMES = {code: f"{ru} {RK}" for ru, code in MINISTRY_CODES.items()}
assert {ru for _, ru in MINISTRIES} == set(MINISTRY_CODES), "every demo ministry needs an ABP code"

L = Line
ADMINISTRATORS: tuple[Administrator, ...] = (
    Administrator(101, _one(f"Администрация Президента {RK}"), 12_500_000, (L(COSTS, 1, 1, 1.0),)),
    Administrator(109, _one(f"Аппарат Правительства {RK}"), 9_000_000,
                  (L(COSTS, 1, 1, 0.7), L(COSTS, 3, 5, 0.3)), core=False),
    Administrator(201, _one(_MINISTRY_NAMES[201]), 554_000_000,
                  (L(COSTS, 3, 1, 0.6, invest=True), L(COSTS, 3, 6, 0.25), L(COSTS, 1, 9, 0.05),
                   L(COSTS, 4, 9, 0.05, invest=True), L(COSTS, 5, 9, 0.05))),
    Administrator(202, _one(f"Министерство по чрезвычайным ситуациям {RK}"), 201_000_000,
                  (L(COSTS, 2, 2, 0.85, invest=True), L(COSTS, 4, 9, 0.05), L(COSTS, 5, 9, 0.1)),
                  profile=DECEMBER_RUSH, core=False),
    Administrator(204, _one(f"Министерство иностранных дел {RK}"), 95_000_000,
                  (L(COSTS, 1, 3, 0.95), L(COSTS, 13, 1, 0.05)), core=False),
    Administrator(207, _one(f"Министерство экологии и природных ресурсов {RK}"), 135_000_000,
                  (L(COSTS, 10, 5, 0.4), L(COSTS, 10, 2, 0.3, invest=True), L(COSTS, 10, 3, 0.2),
                   L(COSTS, 9, 1, 0.1)), profile=UNDER_SPENDER),
    Administrator(208, _one(_MINISTRY_NAMES[208]), 546_000_000,
                  (L(COSTS, 2, 1, 0.9, invest=True), L(COSTS, 4, 2, 0.04), L(COSTS, 4, 6, 0.03),
                   L(COSTS, 5, 1, 0.03))),
    Administrator(209, _one(f"Министерство информации и общественного развития {RK}"), 68_000_000,
                  (L(COSTS, 8, 3, 0.8, successor=651), L(COSTS, 1, 9, 0.2, successor=651))),
    Administrator(212, _one(_MINISTRY_NAMES[212]), 290_000_000,
                  (L(COSTS, 10, 1, 0.55, invest=True), L(COSTS, 10, 9, 0.15), L(CREDITS, 10, 1, 0.3))),
    Administrator(213, _one(f"Министерство труда и социальной защиты населения {RK}"), 4_663_000_000,
                  (L(COSTS, 6, 1, 0.99), L(COSTS, 6, 9, 0.01))),
    Administrator(217, _one(_MINISTRY_NAMES[217]), 10_514_000_000,
                  (L(COSTS, 15, 1, 0.47), L(COSTS, 14, 1, 0.17), L(COSTS, 1, 2, 0.02, invest=True),
                   L(COSTS, 13, 9, 0.08), L(COSTS, 1, 9, 0.01), L(ASSETS, 1, 2, 0.01),
                   L(REPAYMENT, 16, 1, 0.24))),
    Administrator(221, _one(_MINISTRY_NAMES[221]), 47_000_000,
                  (L(COSTS, 3, 9, 0.7), L(COSTS, 3, 2, 0.3))),
    Administrator(223, _one(f"Министерство цифрового развития, инноваций и аэрокосмической промышленности {RK}"),
                  173_000_000, (L(COSTS, 12, 9, 0.5, invest=True), L(COSTS, 1, 9, 0.3), L(COSTS, 10, 6, 0.2)),
                  core=False),
    Administrator(224, _one(_MINISTRY_NAMES[224]), 685_000_000,
                  (L(COSTS, 4, 2, 0.6, invest=True), L(COSTS, 4, 1, 0.2), L(COSTS, 4, 4, 0.2)), ppp=True),
    Administrator(226, _one(_MINISTRY_NAMES[226]), 2_009_000_000,
                  (L(COSTS, 5, 2, 0.95, invest=True), L(COSTS, 5, 9, 0.03), L(COSTS, 4, 6, 0.02)), ppp=True),
    Administrator(227, _one(f"Министерство науки и высшего образования {RK}"), 564_000_000,
                  (L(COSTS, 4, 6, 0.8), L(COSTS, 1, 4, 0.2)), profile=SLOW_START),
    # the four ministries created in 2023 own no line before the reorganisation
    Administrator(228, _one(_MINISTRY_NAMES[228]), 0),
    Administrator(229, _one(_MINISTRY_NAMES[229]), 0, profile=DECEMBER_RUSH),
    # the one name published with trailing spaces (a real quirk: 240 carries two)
    Administrator(240, _one(f"Министерство культуры и спорта {RK}  "), 160_000_000,
                  (L(COSTS, 8, 2, 0.55, successor=650, invest=True), L(COSTS, 8, 1, 0.3, successor=651),
                   L(COSTS, 8, 4, 0.05, successor=650), L(COSTS, 4, 9, 0.1, successor=650))),
    Administrator(241, _one(_MINISTRY_NAMES[241]), 102_000_000,
                  (L(COSTS, 9, 1, 0.8, invest=True), L(COSTS, 1, 9, 0.2)), profile=DECEMBER_RUSH),
    Administrator(243, _one(f"Министерство национальной экономики {RK}"), 331_000_000,
                  (L(COSTS, 13, 9, 0.7), L(COSTS, 1, 9, 0.2), L(COSTS, 1, 3, 0.1)), core=False),
    Administrator(249, _one(f"Министерство индустрии и инфраструктурного развития {RK}"), 1_443_000_000,
                  (L(COSTS, 12, 1, 0.5, successor=228, invest=True), L(COSTS, 11, 1, 0.1, successor=229),
                   L(COSTS, 12, 5, 0.15, successor=228, invest=True), L(COSTS, 7, 1, 0.1, successor=229, invest=True),
                   L(COSTS, 7, 2, 0.08, successor=229), L(COSTS, 12, 3, 0.02, successor=228),
                   L(CREDITS, 7, 1, 0.05, successor=229))),
    Administrator(410, _one(f"Комитет национальной безопасности {RK}"), 427_000_000,
                  (L(COSTS, 3, 5, 1.0, invest=True),), core=False),
    Administrator(501, _one(f"Верховный Суд {RK}"), 81_000_000,
                  (L(COSTS, 3, 3, 0.98, invest=True), L(COSTS, 4, 5, 0.02))),
    Administrator(502, _one(f"Генеральная прокуратура {RK}"), 59_000_000,
                  (L(COSTS, 3, 4, 0.95), L(COSTS, 4, 6, 0.05)), core=False),
    Administrator(624, _one(f"Агентство {RK} по противодействию коррупции (Антикоррупционная служба)"),
                  31_000_000, (L(COSTS, 3, 1, 1.0),), core=False),
    # renamed between years under the same code (Конституционный Совет -> Конституционный Суд)
    Administrator(637, ((0, f"Аппарат Конституционного Совета {RK}"), (2024, f"Аппарат Конституционного Суда {RK}")),
                  1_500_000, (L(COSTS, 1, 1, 1.0),)),
    Administrator(650, _one(_MINISTRY_NAMES[650]), 0),
    Administrator(651, _one(_MINISTRY_NAMES[651]), 0),
    Administrator(690, _one(f"Центральная избирательная комиссия {RK}"), 42_000_000,
                  (L(COSTS, 1, 1, 1.0),), profile=UNDER_SPENDER, core=False),
    Administrator(694, _one(f"Управление Делами Президента {RK}"), 137_000_000,
                  (L(COSTS, 1, 1, 0.3), L(COSTS, 13, 9, 0.3, invest=True), L(COSTS, 8, 3, 0.2),
                   L(COSTS, 5, 2, 0.2)), profile=DECEMBER_RUSH, core=False),
)
del L

# --- classifications -------------------------------------------------------------------------

FUNCTIONAL_GROUPS: dict[int, str] = {
    1: "Государственные услуги общего характера",
    2: "Оборона",
    3: "Общественный порядок, безопасность, правовая, судебная, уголовно-исполнительная деятельность",
    4: "Образование",
    5: "Здравоохранение",
    6: "Социальная помощь и социальное обеспечение",
    7: "Жилищно-коммунальное хозяйство",
    8: "Культура, спорт, туризм и информационное пространство",
    9: "Топливно-энергетический комплекс и недропользование",
    10: "Сельское, водное, лесное, рыбное хозяйство, особо охраняемые природные территории, охрана окружающей "
        "среды и животного мира, земельные отношения",
    11: "Промышленность, архитектурная, градостроительная и строительная деятельность",
    12: "Транспорт и коммуникации",
    13: "Прочие",
    14: "Обслуживание долга",
    15: "Трансферты",
    16: "Погашение займов",
}

FUNCTIONAL_SUBGROUPS: dict[tuple[int, int], str] = {
    (1, 1): "Представительные, исполнительные и другие органы, выполняющие общие функции государственного управления",
    (1, 2): "Финансовая деятельность",
    (1, 3): "Внешнеполитическая деятельность",
    (1, 4): "Фундаментальные научные исследования",
    (1, 9): "Прочие государственные услуги общего характера",
    (2, 1): "Военные нужды",
    (2, 2): "Организация работы по чрезвычайным ситуациям",
    (3, 1): "Правоохранительная деятельность",
    (3, 2): "Правовая деятельность",
    (3, 3): "Судебная деятельность",
    (3, 4): "Деятельность по обеспечению законности и правопорядка",
    (3, 5): "Деятельность по обеспечению безопасности личности, общества и государства",
    (3, 6): "Уголовно-исполнительная система",
    (3, 9): "Прочие услуги в области общественного порядка и безопасности",
    (4, 1): "Дошкольное воспитание и обучение",
    (4, 2): "Начальное, основное среднее и общее среднее образование",
    (4, 4): "Техническое и профессиональное, послесреднее образование",
    (4, 5): "Переподготовка и повышение квалификации специалистов",
    (4, 6): "Высшее и послевузовское образование",
    (4, 9): "Прочие услуги в области образования",
    (5, 1): "Больницы широкого профиля",
    (5, 2): "Охрана здоровья населения",
    (5, 9): "Прочие услуги в области здравоохранения",
    (6, 1): "Социальное обеспечение",
    (6, 9): "Прочие услуги в области социальной помощи и социального обеспечения",
    (7, 1): "Жилищное хозяйство",
    (7, 2): "Коммунальное хозяйство",
    (8, 1): "Деятельность в области культуры",
    (8, 2): "Спорт",
    (8, 3): "Информационное пространство",
    (8, 4): "Туризм",
    (9, 1): "Топливо и энергетика",
    (10, 1): "Сельское хозяйство",
    (10, 2): "Водное хозяйство",
    (10, 3): "Лесное хозяйство",
    (10, 5): "Охрана окружающей среды",
    (10, 6): "Земельные отношения",
    (10, 9): "Прочие услуги в области сельского, водного, лесного, рыбного  хозяйства, охраны окружающей среды и "
             "земельных отношений",
    (11, 1): "Промышленность",
    (12, 1): "Автомобильный транспорт",
    (12, 3): "Водный транспорт",
    (12, 5): "Железнодорожный транспорт",
    (12, 9): "Прочие услуги в сфере транспорта и коммуникаций",
    (13, 1): "Регулирование экономической деятельности",
    (13, 9): "Прочие",
    (14, 1): "Обслуживание долга",
    (15, 1): "Трансферты",
    (16, 1): "Погашение займов",
}

ECONOMIC_CATEGORIES: dict[int, str] = {
    1: "Текущие затраты",
    2: "Капитальные затраты",
    3: "Бюджетные кредиты",
    4: "Приобретение финансовых активов",
    5: "Погашение займов",
    6: "Выполнение государственных обязательств по проектам государственно-частного партнерства",
}
TOTAL = "Итого"

# --- the hierarchical report ("Республиканский бюджет") -------------------------------------

SECTION_NAMES = {
    "I": "I. ДОХОДЫ",
    COSTS: "II. ЗАТРАТЫ",
    CREDITS: "III. ЧИСТОЕ БЮДЖЕТНОЕ КРЕДИТОВАНИЕ",
    ASSETS: "IV. САЛЬДО ПО ОПЕРАЦИЯМ С ФИНАНСОВЫМИ АКТИВАМИ",
    "V": "V. ДЕФИЦИТ (ПРОФИЦИТ) БЮДЖЕТА",
    "VI": "VI. НЕНЕФТЯНОЙ ДЕФИЦИТ (ПРОФИЦИТ) БЮДЖЕТА",
    REPAYMENT: "VII. ФИНАНСИРОВАНИЕ ДЕФИЦИТА (ИСПОЛЬЗОВАНИЕ ПРОФИЦИТА) БЮДЖЕТА",
}
BUDGET_CREDITS = "БЮДЖЕТНЫЕ КРЕДИТЫ"
CREDIT_REPAYMENT = ("ПОГАШЕНИЕ БЮДЖЕТНЫХ КРЕДИТОВ", "Погашение бюджетных кредитов", "Погашение бюджетных кредитов",
                    "Погашение бюджетных кредитов, выданных из государственного бюджета")
ASSET_ACQUISITION = "ПРИОБРЕТЕНИЕ ФИНАНСОВЫХ АКТИВОВ"
BORROWING = ("ПОСТУПЛЕНИЕ ЗАЙМОВ", "Поступления займов")
BORROWING_KINDS = (("Внутренние государственные займы", "Государственные эмиссионные ценные бумаги"),
                   ("Внешние государственные займы", "Договоры займа"))
LOAN_REPAYMENT = "ПОГАШЕНИЕ ЗАЙМОВ"
MEMO_ROWS = ("ИСПОЛЬЗУЕМЫЕ ОСТАТКИ БЮДЖЕТНЫХ СРЕДСТВ", "Остатки бюджетных средств на начало финансового года",
             "Остатки бюджетных средств на конец отчетного периода")


@dataclass(frozen=True)
class Revenue:
    """A node of the revenue classification; leaves carry ``share`` of the year's revenue."""
    code: int
    name: str
    children: tuple[Revenue, ...] = ()
    share: float = 0.0
    refunds: bool = False          # cumulative receipts start negative in January (refunds)
    national_fund: bool = False    # the transfer that separates the non-oil deficit (section VI)


R = Revenue
REVENUE: tuple[Revenue, ...] = (
    R(1, "НАЛОГОВЫЕ ПОСТУПЛЕНИЯ", (R(1, "Налоговые поступления", (
        R(1, "Подоходный налог", (R(1, "Корпоративный подоходный налог", share=0.24),)),
        # the one Latin homoglyph of the corpus: "H" (U+0048) instead of Cyrillic "Н"
        R(5, "Внутренние налоги на товары, работы и услуги", (
            R(1, "Hалог на добавленную стоимость", share=0.30), R(2, "Акцизы", share=0.02))),
        R(6, "Налоги на международную торговлю и внешние операции", (R(1, "Таможенные платежи", share=0.08),)),
        R(7, "Прочие налоги", (R(1, "Прочие налоги", share=0.0004, refunds=True),)),
    )),)),
    R(2, "НЕНАЛОГОВЫЕ ПОСТУПЛЕНИЯ", (R(2, "Неналоговые поступления", (
        R(1, "Доходы от государственной собственности", (
            R(5, "Доходы от аренды  имущества, находящегося в государственной собственности", share=0.02),)),
    )),)),
    R(4, "ПОСТУПЛЕНИЯ ТРАНСФЕРТОВ", (R(4, "Поступления трансфертов", (
        R(1, "Трансферты из нижестоящих органов государственного управления", (
            R(1, "Трансферты из областных бюджетов, бюджетов городов республиканского значения, столицы",
              share=0.03),)),
        R(4, "Трансферты из Национального фонда", (
            R(1, "Трансферты из Национального фонда в республиканский бюджет", share=0.3096, national_fund=True),)),
    )),)),
)
del R

# --- priority investments ("РБ_приоритетные_инвестиции") ----------------------------------

INVESTMENTS_ROOT = "I. Республиканские инвестиционные проекты - всего"
_TRANSFER = "Целевые трансферты на развитие областным бюджетам, бюджетам городов республиканского значения, столицы на "
# budget programmes by functional group or (group, subgroup); names with "трансферт" are transfers to
# local budgets
PROGRAMMES: dict[int | tuple[int, int], tuple[str, ...]] = {
    1: ("Создание и развитие информационных систем государственных органов",
        "Модернизация и техническое дооснащение пунктов пропуска на границе"),
    2: ("Обеспечение боевой, мобилизационной готовности Вооруженных Сил Республики Казахстан",
        "Строительство и реконструкция объектов защиты от чрезвычайных ситуаций природного и техногенного характера"),
    3: ("Охрана общественного порядка и обеспечение общественной безопасности",),
    (3, 3): ("Обеспечение судебными органами судебной защиты прав, свобод и законных интересов граждан и организаций",),
    (3, 5): ("Программа развития системы национальной безопасности",),
    4: (_TRANSFER + "строительство и реконструкцию объектов образования",
        "Строительство и реконструкция объектов образования"),
    5: (_TRANSFER + "строительство и реконструкцию объектов здравоохранения",
        "Строительство и реконструкция объектов здравоохранения на республиканском уровне"),
    7: (_TRANSFER + "развитие системы водоснабжения и водоотведения",
        "Строительство и (или) реконструкция жилья коммунального жилищного фонда"),
    8: ("Развитие спорта высших достижений",
        "Повышение конкурентоспособности сферы культуры и искусства, сохранение и популяризация казахстанского "
        "культурного наследия"),
    9: ("Развитие тепло-электроэнергетики", _TRANSFER + "развитие теплоэнергетической системы"),
    10: ("Эффективное управление водными ресурсами", "Усовершенствование ирригационных и дренажных систем",
         _TRANSFER + "развитие инженерной инфраструктуры в сельских населенных пунктах"),
    12: ("Развитие автомобильных дорог на республиканском уровне", "Развитие железнодорожной инфраструктуры",
         "Создание космического ракетного комплекса «Байтерек»"),
    13: ("Строительство и реконструкция объектов Управления Делами Президента Республики Казахстан",
         "Развитие индустриальной инфраструктуры"),
}
# level-4 rows: a financing source (code, name) ...
FINANCING_SOURCES: tuple[tuple[int, str], ...] = (
    (4, "За счет внешних займов"),
    (5, "За счет внутренних источников"),
    (16, "За счет софинансирования внешних займов из республиканского бюджета"),
    (30, "За счет средств республиканского бюджета"),
)
# ... or a sub-programme (code 100 + n): an object under construction in a city
SUBPROGRAMME_OBJECTS: dict[int, str] = {
    1: "административного здания", 2: "военного городка", 3: "объектов общественного порядка",
    4: "школы", 5: "больницы", 7: "сетей водоснабжения", 8: "спортивного комплекса",
    9: "теплоэлектроцентрали", 10: "гидротехнических сооружений", 12: "автомобильной дороги",
    13: "объектов Управления Делами Президента",
}


# File names under ``budget_egov/`` by view: the opengov-kz repository's files, transliterated
# (РБ_ведомств_классификация.csv, РБ_функц_классификация.csv, РБ_экон_классификация.csv,
# Республиканский бюджет.csv, РБ_приоритетные_инвестиции.csv).
FILES: dict[str, str] = {
    "departmental": "rb_vedomstv_klassifikatsiya.csv",
    "functional": "rb_funkts_klassifikatsiya.csv",
    "economic": "rb_ekon_klassifikatsiya.csv",
    "programme": "respublikanskiy_byudzhet.csv",
    "investments": "rb_prioritetnye_investitsii.csv",
}
# the operator's mapping of administrators to organisations (docs/formats/budget_abp_organisations.md)
MAPPING_FILE = "abp_organisations.csv"
FLAT_HEADER = ("id;code;name;utv;utch;plg;plgp;plgo;sumrg;obz;obzsumrg;plgpsumrg;plgsumrg;level;isLeaf;loaded;expanded;"
               "month")
TREE_HEADER = ("id;code;name;utv;utch;plg;plgp;plgo;sumrg;obz;obzsumrg;plgpsumrg;plgsumrg;level;isLeaf;loaded;expanded;"
               "parentCode;parent_id;month")
