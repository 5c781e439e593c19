"""Word lists for the synthetic civil-society corpus (demo data only; nothing here is a real record).

Programme names follow the priority areas a Kazakh grant competition announces (youth, family,
languages, health, vulnerable groups, environment, civil society, culture); donors are invented
foundation names — deliberately *not* the real donors named in the press — so that no real
organisation is shown with money it never gave.
"""
from __future__ import annotations

# (Russian, Kazakh) priority areas of state grant competitions.
PROGRAMMES: tuple[tuple[str, str], ...] = (
    ("Поддержка молодёжных инициатив", "Жастар бастамаларын қолдау"),
    ("Укрепление института семьи", "Отбасы институтын нығайту"),
    ("Развитие языков", "Тілдерді дамыту"),
    ("Охрана здоровья и здоровый образ жизни", "Денсаулық сақтау және салауатты өмір салты"),
    ("Поддержка социально уязвимых слоёв населения", "Халықтың әлеуметтік осал топтарын қолдау"),
    ("Охрана окружающей среды", "Қоршаған ортаны қорғау"),
    ("Развитие гражданского общества", "Азаматтық қоғамды дамыту"),
    ("Культура и искусство", "Мәдениет және өнер"),
)
AWARD_PROGRAMME = ("Премия для неправительственных организаций", "Үкіметтік емес ұйымдарға арналған сыйлықақы")
LOCAL_PROGRAMMES: tuple[tuple[str, str], ...] = (
    ("Городские молодёжные инициативы", "Қалалық жастар бастамалары"),
    ("Поддержка семей в трудной жизненной ситуации", "Қиын өмірлік жағдайдағы отбасыларды қолдау"),
    ("Добровольчество и волонтёрство", "Еріктілік және волонтерлік"),
)
# The national grant operator (a generic description, not the name of a real body) and the local
# bodies that hold their own competitions: the internal policy department of a city or region.
NATIONAL_OPERATOR = ("Оператор государственных грантов для НПО", "ҮЕҰ-ға арналған мемлекеттік гранттар операторы")


def local_operator(city_ru: str, city_kk: str) -> tuple[str, str]:
    return (f"ГУ «Управление внутренней политики города {city_ru}»",
            f"«{city_kk} қаласының ішкі саясат басқармасы» ММ")


# (Russian, Kazakh) project titles by programme index; "{c}" is a city.
PROJECTS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("Школа молодых лидеров", "Жас көшбасшылар мектебі"), ("Молодёжный волонтёрский центр", "Жастар волонтерлік орталығы"),
     ("Форум сельской молодёжи", "Ауыл жастарының форумы")),
    (("Центр поддержки семьи", "Отбасын қолдау орталығы"), ("Клуб молодых родителей", "Жас ата-аналар клубы"),
     ("Профилактика бытового насилия", "Тұрмыстық зорлық-зомбылықтың алдын алу")),
    (("Курсы казахского языка для взрослых", "Ересектерге арналған қазақ тілі курстары"),
     ("Детский театр на казахском языке", "Қазақ тіліндегі балалар театры"),
     ("Словарь терминов для школ", "Мектептерге арналған терминдер сөздігі")),
    (("Спорт во дворах", "Аулалардағы спорт"), ("Профилактика диабета", "Қант диабетінің алдын алу"),
     ("Горячая линия психологической помощи", "Психологиялық көмектің жедел желісі")),
    (("Инклюзивные мастерские", "Инклюзивті шеберханалар"), ("Помощь пожилым на дому", "Қарттарға үйде көмек"),
     ("Социальное такси", "Әлеуметтік такси")),
    (("Чистый берег", "Таза жаға"), ("Раздельный сбор отходов в школах", "Мектептерде қалдықтарды бөлек жинау"),
     ("Зелёный двор", "Жасыл аула")),
    (("Школа гражданской активности", "Азаматтық белсенділік мектебі"),
     ("Ресурсный центр для НПО", "ҮЕҰ-ға арналған ресурстық орталық"),
     ("Мониторинг социальных услуг", "Әлеуметтік қызметтер мониторингі")),
    (("Фестиваль народного творчества", "Халық шығармашылығы фестивалі"), ("Музей под открытым небом", "Ашық аспан астындағы мұражай"),
     ("Литературные вечера", "Әдеби кештер")),
)
ACTIVITIES: tuple[str, ...] = (
    "молодёжная политика", "поддержка семьи", "развитие языков", "здравоохранение", "социальная поддержка",
    "экология", "права человека", "образование", "культура", "спорт", "средства массовой информации",
)
# Name cores of NGOs: (Russian, Kazakh) — a word from the goszakup lists plus a topic word.
NGO_TOPICS: tuple[tuple[str, str], ...] = (
    ("Жастар", "Жастар"), ("Отбасы", "Отбасы"), ("Болашақ", "Болашақ"), ("Тілек", "Тілек"), ("Қамқор", "Қамқор"),
    ("Шапағат", "Шапағат"), ("Мейірім", "Мейірім"), ("Жасыл ел", "Жасыл ел"), ("Ана тілі", "Ана тілі"),
    ("Денсаулық", "Денсаулық"), ("Үміт", "Үміт"), ("Сенім", "Сенім"), ("Диалог", "Диалог"), ("Перспектива", "Перспектива"),
)
# (Russian name, Kazakh name, legal form spelled out in Russian, in Kazakh, abbreviated); "{c}" is the core.
NGO_FORMS: tuple[tuple[str, str, str, str, str], ...] = (
    ("ОО «{c}»", "«{c}» ҚБ", "Общественное объединение", "Қоғамдық бірлестік", "ОО"),
    ("ОФ «{c}»", "«{c}» ҚҚ", "Общественный фонд", "Қоғамдық қор", "ОФ"),
    ("ЧУ «{c}»", "«{c}» ЖМ", "Частное учреждение", "Жеке мекеме", "ЧУ"),
    ("Ассоциация «{c}»", "«{c}» қауымдастығы", "Объединение юридических лиц в форме ассоциации",
     "Заңды тұлғалар бірлестігі", "ОЮЛ"),
)
NGO_FORM_WEIGHTS = (0.55, 0.3, 0.1, 0.05)
MEDIA_WORDS: tuple[str, ...] = ("Медиа", "Ньюс", "Пресс", "Инфо", "Репортёр", "Дала ТВ", "Онлайн")
# Invented donors: (name as the register would print it, country as published)
DONORS: tuple[tuple[str, str], ...] = (
    ("Northern Lights Civic Foundation", "Норвегия"), ("Steppe Bridge Fund", "США"),
    ("Meridian Media Support Trust", "Великобритания"), ("Horizon Education Initiative", "Германия"),
    ("Lakeside Democracy Fund", "Швеция"), ("Crossroads Human Rights Trust", "Нидерланды"),
    ("Aurora Foundation for Journalism", "США"), ("Alpine Partnership Fund", "Швейцария"),
    ("Baltic Civil Society Fund", "Латвия"), ("Silk Route Cultural Foundation", "Республика Корея"),
    ("Agency for Development Cooperation (demo)", "Международная организация"),
    ("Danube Environmental Trust", "Австрия"), ("Maple Leaf Community Fund", "Канада"),
    ("Sakura Exchange Foundation", "Япония"), ("Anatolia Heritage Fund", "Турция"),
    ("European Civic Programme (demo)", "Европейский союз"),
)
PURPOSES: tuple[str, ...] = (
    "Реализация проекта по защите прав человека", "Подготовка журналистских материалов",
    "Обучение журналистов", "Поддержка деятельности организации", "Экологический мониторинг",
    "Проведение исследований", "Образовательные программы для молодёжи", "Развитие местных сообществ",
)
# A register's period column, spelled as a person would fill it.
PERIOD_SPELLINGS = ("{y} год", "{y}", "01.01.{y}-31.12.{y}", "{y} г.")
# Kazakh letters Windows-1251 cannot hold, replaced the way Russian-locale files replace them.
CP1251_SUBSTITUTES = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһ", "АаГгКкНнОоУуУуХх")
