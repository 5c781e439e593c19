"""Word lists for synthetic Kazakh and Russian organisation names (demo data only).

Every name here is built from generic words, place names and common personal names, so a
generated organisation is not meant to be any real one. Russian names use the Russian legal-form
abbreviations (ТОО, АО, ГУ, КГУ, РГУ, ГККП, ГКП на ПХВ, ИП) in front; Kazakh names put the Kazakh
abbreviation (ЖШС, АҚ, ММ, КММ, РММ, МКҚК, ШЖҚ МКК, ЖК) after the quoted name, as goszakup shows
them. Only the standard library is used; every builder takes a ``random.Random``.
"""
from __future__ import annotations

import random

# (Kazakh name, Russian genitive "… области") for the 17 regions (облыстар).
REGIONS: tuple[tuple[str, str], ...] = (
    ("Абай", "области Абай"),
    ("Ақмола", "Акмолинской области"),
    ("Ақтөбе", "Актюбинской области"),
    ("Алматы", "Алматинской области"),
    ("Атырау", "Атырауской области"),
    ("Батыс Қазақстан", "Западно-Казахстанской области"),
    ("Жамбыл", "Жамбылской области"),
    ("Жетісу", "области Жетісу"),
    ("Қарағанды", "Карагандинской области"),
    ("Қостанай", "Костанайской области"),
    ("Қызылорда", "Кызылординской области"),
    ("Маңғыстау", "Мангистауской области"),
    ("Павлодар", "Павлодарской области"),
    ("Солтүстік Қазақстан", "Северо-Казахстанской области"),
    ("Түркістан", "Туркестанской области"),
    ("Ұлытау", "области Ұлытау"),
    ("Шығыс Қазақстан", "Восточно-Казахстанской области"),
)
# Cities of republican significance get region numbers after the 17 regions.
REPUBLICAN_CITIES = 3  # Астана = 17, Алматы = 18, Шымкент = 19
REGION_COUNT = len(REGIONS) + REPUBLICAN_CITIES

# (Kazakh, Russian, region number) — regional centres and large towns.
CITIES: tuple[tuple[str, str, int], ...] = (
    ("Астана", "Астана", 17),
    ("Алматы", "Алматы", 18),
    ("Шымкент", "Шымкент", 19),
    ("Түркістан", "Туркестан", 14),
    ("Қарағанды", "Караганда", 8),
    ("Ақтөбе", "Актобе", 2),
    ("Павлодар", "Павлодар", 12),
    ("Атырау", "Атырау", 4),
    ("Өскемен", "Усть-Каменогорск", 16),
    ("Семей", "Семей", 0),
    ("Қостанай", "Костанай", 9),
    ("Қызылорда", "Кызылорда", 10),
    ("Орал", "Уральск", 5),
    ("Тараз", "Тараз", 6),
    ("Ақтау", "Актау", 11),
    ("Көкшетау", "Кокшетау", 1),
    ("Петропавл", "Петропавловск", 13),
    ("Талдықорған", "Талдыкорган", 7),
    ("Жезқазған", "Жезказган", 15),
    ("Қонаев", "Конаев", 3),
    ("Теміртау", "Темиртау", 8),
    ("Екібастұз", "Экибастуз", 12),
)

# (Kazakh "… ауданы", Russian genitive "… района", region number)
DISTRICTS: tuple[tuple[str, str, int], ...] = (
    ("Бәйдібек", "Байдибекского района", 14),
    ("Сарыағаш", "Сарыагашского района", 14),
    ("Қарасай", "Карасайского района", 3),
    ("Еңбекшіқазақ", "Енбекшиказахского района", 3),
    ("Бұқар жырау", "района Бухар-Жырау", 8),
    ("Целиноград", "Целиноградского района", 1),
    ("Зеленов", "Зеленовского района", 5),
    ("Мұғалжар", "Мугалжарского района", 2),
    ("Жаңақорған", "Жанакорганского района", 10),
    ("Қордай", "Кордайского района", 6),
    ("Ертіс", "Иртышского района", 12),
    ("Тарбағатай", "Тарбагатайского района", 0),
)

# (Kazakh, Russian) republican ministries.
MINISTRIES: tuple[tuple[str, str], ...] = (
    ("Денсаулық сақтау министрлігі", "Министерство здравоохранения"),
    ("Оқу-ағарту министрлігі", "Министерство просвещения"),
    ("Қаржы министрлігі", "Министерство финансов"),
    ("Ішкі істер министрлігі", "Министерство внутренних дел"),
    ("Қорғаныс министрлігі", "Министерство обороны"),
    ("Көлік министрлігі", "Министерство транспорта"),
    ("Ауыл шаруашылығы министрлігі", "Министерство сельского хозяйства"),
    ("Энергетика министрлігі", "Министерство энергетики"),
    ("Әділет министрлігі", "Министерство юстиции"),
    ("Өнеркәсіп және құрылыс министрлігі", "Министерство промышленности и строительства"),
    ("Мәдениет және ақпарат министрлігі", "Министерство культуры и информации"),
    ("Туризм және спорт министрлігі", "Министерство туризма и спорта"),
)

# (Kazakh, Russian) quasi-state joint-stock companies that buy through the portal.
NATIONAL_COMPANIES: tuple[tuple[str, str], ...] = (
    ("ҚазАвтоЖол", "ҚазАвтоЖол"),
    ("Қазақстан темір жолы", "Қазақстан темір жолы"),
    ("Бәйтерек", "Байтерек"),
    ("ҚазМұнайГаз", "КазМунайГаз"),
    ("Казпочта", "Казпочта"),
    ("Самұрық-Energy", "Самрук-Энерго"),
)

# Regional departments: (Kazakh "облысының …", Russian "Управление … <region>").
REGIONAL_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("білім басқармасы", "Управление образования"),
    ("денсаулық сақтау басқармасы", "Управление здравоохранения"),
    ("жолаушылар көлігі және автомобиль жолдары басқармасы",
     "Управление пассажирского транспорта и автомобильных дорог"),
    ("мәдениет басқармасы", "Управление культуры"),
    ("дене шынықтыру және спорт басқармасы", "Управление физической культуры и спорта"),
    ("ауыл шаруашылығы басқармасы", "Управление сельского хозяйства"),
    ("энергетика және тұрғын үй-коммуналдық шаруашылығы басқармасы",
     "Управление энергетики и жилищно-коммунального хозяйства"),
    ("құрылыс басқармасы", "Управление строительства"),
)

# City departments: (Kazakh "қаласының …", Russian "Отдел … города …").
CITY_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("тұрғын үй-коммуналдық шаруашылығы бөлімі", "Отдел жилищно-коммунального хозяйства"),
    ("білім бөлімі", "Отдел образования"),
    ("құрылыс бөлімі", "Отдел строительства"),
    ("жолаушылар көлігі және автомобиль жолдары бөлімі",
     "Отдел пассажирского транспорта и автомобильных дорог"),
    ("мәдениет және тілдерді дамыту бөлімі", "Отдел культуры и развития языков"),
)

KINDERGARTEN_NAMES: tuple[tuple[str, str], ...] = (
    ("Балдырған", "Балдырган"), ("Ақбота", "Акбота"), ("Еркетай", "Еркетай"),
    ("Күншуақ", "Куншуак"), ("Айгөлек", "Айголек"), ("Шұғыла", "Шугыла"),
    ("Гауһар", "Гаухар"), ("Балапан", "Балапан"), ("Қарлығаш", "Карлыгаш"),
)

# Company name parts. Kazakh words keep their letters (ә ғ қ ң ө ұ ү һ і) in both languages,
# as company names are not translated.
KZ_WORDS: tuple[str, ...] = (
    "Алтын", "Ақ", "Көк", "Қазақ", "Сарыарқа", "Дала", "Жұлдыз", "Нұр", "Берік", "Орда",
    "Тұран", "Ұлы", "Жетісу", "Болашақ", "Бәйтерек", "Шаңырақ", "Құрылыс", "Өрлеу", "Іргетас",
    "Әлем", "Мұнай", "Ғасыр", "Тау", "Жол", "Сәулет", "Ырыс", "Бірлік", "Достық", "Қайнар",
    "Ақжол", "Бұлақ", "Арман", "Қыран", "Тұлпар", "Сұңқар", "Шұғыла", "Гауһар", "Жиһаз",
    "Шаһар", "Көктем", "Үміт", "Өркен", "Ынтымақ", "Қуат", "Мереке", "Самал", "Ақниет",
)
RU_WORDS: tuple[str, ...] = (
    "Строй", "Инвест", "Сервис", "Групп", "Транс", "Снаб", "Торг", "Пром", "Мед", "Фарм",
    "Авто", "Агро", "Энерго", "Комплект", "Техник", "Монтаж", "Проект", "Консалт", "Ресурс",
)
LATIN_WORDS: tuple[str, ...] = (
    "Nur", "Steppe", "Kaz", "Astana", "Altyn", "Sky", "Nomad", "Eurasia", "Zhol", "Orda",
    "Silk Way", "Tengri", "Barys", "Samal", "Asia", "Caspian", "Turan",
)
LATIN_SUFFIXES: tuple[str, ...] = (
    "Invest", "Energy", "Build", "Trade", "Service", "Group", "Logistics", "Consulting",
    "Pharm", "Med", "Tech", "IT", "Security", "Company", "Plus", "KZ", "Systems",
)

SURNAMES_M: tuple[str, ...] = (
    "Әбішев", "Нұрланов", "Серікбаев", "Жақсыбеков", "Қасымов", "Әлиев", "Төлегенов",
    "Мұхамеджанов", "Оспанов", "Ахметов", "Бекмұханов", "Сәрсенбаев", "Құрманғалиев",
    "Есенов", "Жұмабаев", "Ибраимов", "Өтепов", "Ғабдуллин", "Рахимов", "Ысқақов",
    "Иванов", "Ким", "Петров", "Пак", "Шевченко",
)
FIRST_NAMES_M: tuple[str, ...] = (
    "Нұрлан", "Ерлан", "Асқар", "Дәурен", "Бауыржан", "Ғалым", "Серік", "Мұрат", "Ержан",
    "Қайрат", "Әділ", "Тимур", "Арман", "Дархан", "Саят", "Сергей", "Андрей",
)
FIRST_NAMES_F: tuple[str, ...] = (
    "Айгүл", "Гүлнар", "Әсел", "Жанар", "Динара", "Сәуле", "Аида", "Меруерт", "Ақмарал",
    "Назерке", "Елена", "Ольга",
)

# Purchase items by subject type (1 goods, 2 works, 3 services): (Russian, Kazakh).
# "{n}" is replaced by a number.
ITEMS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (
        ("Бумага офисная А4", "А4 кеңсе қағазы"),
        ("Компьютерная техника", "Компьютерлік техника"),
        ("Лекарственные средства", "Дәрілік заттар"),
        ("Продукты питания", "Азық-түлік өнімдері"),
        ("Мебель офисная", "Кеңсе жиһазы"),
        ("Уголь каменный", "Тас көмір"),
        ("Бензин АИ-92", "АИ-92 бензині"),
        ("Канцелярские товары", "Кеңсе тауарлары"),
        ("Медицинские изделия", "Медициналық бұйымдар"),
        ("Учебники", "Оқулықтар"),
        ("Спецодежда", "Арнайы киім"),
        ("Моющие средства", "Жуу құралдары"),
        ("Реагенты лабораторные", "Зертханалық реагенттер"),
    ),
    2: (
        ("Капитальный ремонт школы №{n}", "№{n} мектепті күрделі жөндеу"),
        ("Средний ремонт автомобильной дороги", "Автомобиль жолын орташа жөндеу"),
        ("Строительство водопроводных сетей", "Су құбыры желілерін салу"),
        ("Текущий ремонт здания", "Ғимаратты ағымдағы жөндеу"),
        ("Благоустройство территории", "Аумақты абаттандыру"),
        ("Реконструкция котельной", "Қазандықты реконструкциялау"),
        ("Строительство детского сада на {n} мест", "{n} орындық балабақша салу"),
        ("Капитальный ремонт с сейсмоусилением", "Сейсмикалық күшейтумен күрделі жөндеу"),
    ),
    3: (
        ("Услуги по уборке помещений", "Үй-жайларды жинау қызметтері"),
        ("Услуги охраны", "Күзет қызметтері"),
        ("Услуги по содержанию дорог", "Жолдарды күтіп ұстау қызметтері"),
        ("Услуги связи", "Байланыс қызметтері"),
        ("Организация питания", "Тамақтануды ұйымдастыру"),
        ("Техническое обслуживание оборудования", "Жабдыққа техникалық қызмет көрсету"),
        ("Услуги по вывозу твердых бытовых отходов", "Қатты тұрмыстық қалдықтарды шығару қызметтері"),
        ("Аудиторские услуги", "Аудиторлық қызметтер"),
        ("Услуги по перевозке пассажиров", "Жолаушыларды тасымалдау қызметтері"),
    ),
}
# State social order (method 52) buys services from NGOs.
SOCIAL_ORDER_ITEMS: tuple[tuple[str, str], ...] = (
    ("Реализация социальных проектов для молодежи", "Жастарға арналған әлеуметтік жобаларды іске асыру"),
    ("Услуги по поддержке семей в трудной жизненной ситуации",
     "Қиын өмірлік жағдайдағы отбасыларды қолдау қызметтері"),
    ("Проведение мероприятий по развитию языков", "Тілдерді дамыту жөніндегі іс-шараларды өткізу"),
)
# Names of multi-lot announcements: (Russian, Kazakh) with "{y}" the year.
BUNDLES: dict[int, tuple[str, str]] = {
    1: ("Закуп товаров на {y} год", "{y} жылға арналған тауарларды сатып алу"),
    2: ("Закуп работ на {y} год", "{y} жылға арналған жұмыстарды сатып алу"),
    3: ("Закуп услуг на {y} год", "{y} жылға арналған қызметтерді сатып алу"),
}


def _q(name: str, rng: random.Random) -> str:
    """Quote a name: mostly ASCII double quotes (as goszakup shows them), sometimes «»."""
    return f"«{name}»" if rng.random() < 0.1 else f'"{name}"'


def company_core(rng: random.Random) -> str:
    """A company name such as «Алтын Дала», «Сарыарқа Строй», «Nur Invest» or «Ақжол-Транс»."""
    r = rng.random()
    if r < 0.35:
        a, b = rng.sample(KZ_WORDS, 2)
        return f"{a} {b}"
    if r < 0.6:
        return f"{rng.choice(KZ_WORDS)} {rng.choice(RU_WORDS)}"
    if r < 0.75:
        return f"{rng.choice(KZ_WORDS)}-{rng.choice(RU_WORDS)}"
    if r < 0.95:
        return f"{rng.choice(LATIN_WORDS)} {rng.choice(LATIN_SUFFIXES)}"
    return f"{rng.choice(KZ_WORDS)}{rng.choice(RU_WORDS).lower()} {rng.choice(LATIN_SUFFIXES)}"


def company_names(rng: random.Random, *, joint_stock: bool = False, branch: bool = False) -> tuple[str, str]:
    """(ru, kz) for a ТОО/ЖШС (or АО/АҚ) company; a branch gets «Филиал» and often no Kazakh name."""
    core = company_core(rng)
    quoted = _q(core, rng)
    ru_form, kz_form = ("АО", "АҚ") if joint_stock else ("ТОО", "ЖШС")
    if branch:
        city_kz, city_ru, _ = rng.choice(CITIES)
        ru = f"Филиал {ru_form} {quoted} в городе {city_ru}"
        kz = "" if rng.random() < 0.7 else f"{quoted} {kz_form} {city_kz} қаласындағы филиалы"
        return ru, kz
    return f"{ru_form} {quoted}", f"{quoted} {kz_form}"


def person_names(rng: random.Random, male: bool) -> tuple[str, str]:
    """(ru, kz) for an individual entrepreneur: ИП «Әбішев Нұрлан» / «Әбішев Нұрлан» ЖК."""
    surname = rng.choice(SURNAMES_M)
    if not male:
        surname = surname + "а" if not surname.endswith(("Ким", "Пак", "Шевченко")) else surname
        first = rng.choice(FIRST_NAMES_F)
    else:
        first = rng.choice(FIRST_NAMES_M)
    full = f"{surname} {first}"
    return f'ИП "{full}"', f'"{full}" ЖК'


def ngo_names(rng: random.Random) -> tuple[str, str]:
    """(ru, kz) for a public association (supplier of state social order)."""
    core = rng.choice(KZ_WORDS) + " " + rng.choice(("Жастар", "Отбасы", "Болашақ", "Тілек", "Қамқор"))
    return f'ОО "{core}"', f'"{core}" ҚБ'


def ministry_names(index: int) -> tuple[str, str]:
    kz, ru = MINISTRIES[index % len(MINISTRIES)]
    return f'ГУ "{ru} Республики Казахстан"', f'"Қазақстан Республикасының {kz}" ММ'


def national_company_names(index: int) -> tuple[str, str]:
    kz, ru = NATIONAL_COMPANIES[index % len(NATIONAL_COMPANIES)]
    return f'АО "Национальная компания «{ru}»"', f'"«{kz}» ұлттық компаниясы" АҚ'


def region_procurement_names(region: int) -> tuple[str, str]:
    """The procurement department of a region (or of a city of republican significance)."""
    if region < len(REGIONS):
        kz, ru_gen = REGIONS[region]
        return (f'ГУ "Управление государственных закупок {ru_gen}"',
                f'"{kz} облысының мемлекеттік сатып алу басқармасы" ММ')
    city_kz, city_ru, _ = CITIES[region - len(REGIONS)]
    return (f'ГУ "Управление государственных закупок города {city_ru}"',
            f'"{city_kz} қаласының мемлекеттік сатып алу басқармасы" ММ')


def region_department_names(region: int, department: int) -> tuple[str, str]:
    dep_kz, dep_ru = REGIONAL_DEPARTMENTS[department % len(REGIONAL_DEPARTMENTS)]
    if region < len(REGIONS):
        kz, ru_gen = REGIONS[region]
        return f'ГУ "{dep_ru} {ru_gen}"', f'"{kz} облысының {dep_kz}" ММ'
    city_kz, city_ru, _ = CITIES[region - len(REGIONS)]
    return f'ГУ "{dep_ru} города {city_ru}"', f'"{city_kz} қаласының {dep_kz}" ММ'


def akimat_names(city: int) -> tuple[str, str]:
    city_kz, city_ru, _ = CITIES[city % len(CITIES)]
    return f'ГУ "Аппарат акима города {city_ru}"', f'"{city_kz} қаласы әкімінің аппараты" ММ'


def district_akimat_names(district: int) -> tuple[str, str]:
    kz, ru_gen, _ = DISTRICTS[district % len(DISTRICTS)]
    return f'ГУ "Аппарат акима {ru_gen}"', f'"{kz} ауданы әкімінің аппараты" ММ'


def city_department_names(city: int, department: int) -> tuple[str, str]:
    city_kz, city_ru, _ = CITIES[city % len(CITIES)]
    dep_kz, dep_ru = CITY_DEPARTMENTS[department % len(CITY_DEPARTMENTS)]
    return f'ГУ "{dep_ru} города {city_ru}"', f'"{city_kz} қаласының {dep_kz}" ММ'


def _numbered_names(rng: random.Random, city: int, highest: int, short: tuple[str, str],
                   with_city: tuple[str, str]) -> tuple[str, str]:
    """(ru, kz) of a numbered city institution: half the time just «№n», else also its city.

    ``short`` and ``with_city`` are (ru, kz) templates with ``{n}``, ``{city_ru}``, ``{city_kz}``.
    """
    city_kz, city_ru, _ = CITIES[city % len(CITIES)]
    n = rng.randint(1, highest)
    ru, kz = short if rng.random() < 0.5 else with_city
    return ru.format(n=n, city_ru=city_ru), kz.format(n=n, city_kz=city_kz)


def school_names(rng: random.Random, city: int) -> tuple[str, str]:
    return _numbered_names(rng, city, 120, ('КГУ "Средняя школа №{n}"', '"№{n} орта мектеп" КММ'),
                           ('КГУ "Общеобразовательная школа №{n} города {city_ru}"',
                            '"{city_kz} қаласының №{n} жалпы білім беретін мектебі" КММ'))


def kindergarten_names(rng: random.Random) -> tuple[str, str]:
    n = rng.randint(1, 150)
    kz, ru = rng.choice(KINDERGARTEN_NAMES)
    return f'ГККП "Ясли-сад №{n} «{ru}»"', f'"№{n} «{kz}» бөбекжай-бақшасы" МКҚК'


def hospital_names(rng: random.Random, city: int) -> tuple[str, str]:
    return _numbered_names(rng, city, 30,
                           ('ГКП на ПХВ "Городская поликлиника №{n}"', '"№{n} қалалық емхана" ШЖҚ МКК'),
                           ('ГКП на ПХВ "Городская больница №{n} города {city_ru}"',
                            '"{city_kz} қаласының №{n} қалалық ауруханасы" ШЖҚ МКК'))


def item_names(rng: random.Random, subject_type: int, social: bool = False) -> tuple[str, str]:
    """(ru, kz) of a purchased item; numbers filled in."""
    ru, kz = rng.choice(SOCIAL_ORDER_ITEMS if social else ITEMS[subject_type])
    if "{n}" in ru:
        n = rng.choice((25, 50, 80, 120, 160, 280, 320)) if "мест" in ru else rng.randint(1, 90)
        ru, kz = ru.replace("{n}", str(n)), kz.replace("{n}", str(n))
    return ru, kz


def bundle_names(subject_type: int, year: int) -> tuple[str, str]:
    ru, kz = BUNDLES[subject_type]
    return ru.replace("{y}", str(year)), kz.replace("{y}", str(year))
