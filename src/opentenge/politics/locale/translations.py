"""Kazakh and Russian translations of this app's strings, applied to the .po files by ``fill()``.

Kept as a table so that re-running makemessages never loses them:
    cd src/opentenge/politics && django-admin makemessages -l kk -l ru -l en --no-obsolete ...
    .venv/bin/python src/opentenge/politics/locale/translations.py && .venv/bin/python scripts/compile_messages.py
"""
from pathlib import Path

PLURALS = {"kk": "nplurals=2; plural=(n != 1);",
           "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
# msgid: (kk, ru)
T = {
    "Where this comes from": ("Дереккөз", "Откуда эти данные"),
    "Money in politics": ("Саясаттағы ақша", "Деньги в политике"),
    "Deputies, parties and their money, as the official sources publish them.":
        ("Депутаттар, партиялар және олардың қаржысы — ресми дереккөздер жариялағандай.",
         "Депутаты, партии и их деньги — так, как их публикуют официальные источники."),
    "Parties": ("Партиялар", "Партии"),
    "Party": ("Партия", "Партия"),
    "Seats": ("Орындар", "Мандаты"),
    "State funding, total": ("Мемлекеттік қаржыландыру, барлығы", "Государственное финансирование, всего"),
    "Mazhilis": ("Мәжіліс", "Мажилис"),
    "Senate": ("Сенат", "Сенат"),
    "Maslikhats": ("Мәслихаттар", "Маслихаты"),
    "Officials": ("Лауазымды тұлғалар", "Должностные лица"),
    "state funding, all years": ("мемлекеттік қаржыландыру, барлық жылдар", "государственное финансирование, все годы"),
    "deputies now": ("қазіргі депутаттар", "депутатов сейчас"),
    "State funding by year": ("Жылдар бойынша мемлекеттік қаржыландыру", "Государственное финансирование по годам"),
    "Parties represented in Parliament receive annual state budget funding in proportion to the votes their list received (Law on political parties, No. 344-II).":
        ("Парламентте өкілдігі бар партиялар тізімі алған дауыстарға пропорционалды түрде жыл сайын мемлекеттік бюджеттен қаржыландырылады (Саяси партиялар туралы заң, № 344-II).",
         "Партии, представленные в Парламенте, ежегодно получают финансирование из государственного бюджета пропорционально голосам, полученным их списком (Закон о политических партиях № 344-II)."),
    "Year": ("Жыл", "Год"),
    "Amount": ("Сома", "Сумма"),
    "Votes": ("Дауыстар", "Голоса"),
    "Source": ("Дереккөз", "Источник"),
    "document": ("құжат", "документ"),
    "No published funding figures loaded.": ("Жарияланған қаржыландыру сомалары жүктелмеген.",
                                             "Опубликованные суммы финансирования не загружены."),
    "Election funds": ("Сайлау қорлары", "Избирательные фонды"),
    "Election": ("Сайлау", "Выборы"),
    "Line": ("Жол", "Строка"),
    "page": ("бет", "стр."),
    "Deputies": ("Депутаттар", "Депутаты"),
    "None now.": ("Қазір жоқ.", "Сейчас нет."),
    "Official profile": ("Ресми парақша", "Официальная страница"),
    "Positions": ("Лауазымдар", "Должности"),
    "Chamber": ("Палата", "Палата"),
    "Office": ("Лауазым", "Должность"),
    "Party or faction": ("Партия немесе фракция", "Партия или фракция"),
    "Constituency": ("Сайлау округі", "Избирательный округ"),
    "Committee": ("Комитет", "Комитет"),
    "Term": ("Мерзім", "Срок"),
    "Maslikhat": ("Мәслихат", "Маслихат"),
    "Executive": ("Атқарушы билік", "Исполнительная власть"),
    "current": ("қазіргі", "действующий"),
    "single-mandate district": ("бір мандатты округ", "одномандатный округ"),
    "party list": ("партиялық тізім", "партийный список"),
    "appointed": ("тағайындалған", "назначен"),
    "elected by maslikhats": ("мәслихаттар сайлаған", "избран маслихатами"),
    "Declarations": ("Декларациялар", "Декларации"),
    "Income": ("Табыс", "Доход"),
    "Property items": ("Мүлік объектілері", "Объекты имущества"),
    "Possible links to companies": ("Компанияларға ықтимал байланыстар", "Возможные связи с компаниями"),
    "Companies where a person of the same or a similar name is registered as head or founder. A shared name is not proof that it is the same person: each row shows the name score and whether an editor has confirmed or rejected it.":
        ("Аты-жөні бірдей немесе ұқсас адам басшы немесе құрылтайшы ретінде тіркелген компаниялар. Аты-жөнінің сәйкестігі бұл сол адам екенін дәлелдемейді: әр жолда атаулардың ұқсастық бағасы және редактордың растағаны не қабылдамағаны көрсетілген.",
         "Компании, где руководителем или учредителем записан человек с таким же или похожим именем. Совпадение имени не доказывает, что это тот же человек: в каждой строке указаны оценка сходства имён и решение редактора (подтверждено или отклонено)."),
    "How this works": ("Бұл қалай жұмыс істейді", "Как это работает"),
    "Organisation": ("Ұйым", "Организация"),
    "Role": ("Рөлі", "Роль"),
    "Name in the register": ("Тізілімдегі аты-жөні", "Имя в реестре"),
    "Name score": ("Ұқсастық бағасы", "Оценка сходства"),
    "Editor": ("Редактор", "Редактор"),
    "head": ("басшы", "руководитель"),
    "founder": ("құрылтайшы", "учредитель"),
    "confirmed by editor": ("редактор растады", "подтверждено редактором"),
    "rejected by editor": ("редактор қабылдамады", "отклонено редактором"),
    "not reviewed": ("тексерілмеген", "не проверено"),
    "No company role under a similar name.": ("Ұқсас аты-жөнмен компаниядағы рөл табылмады.",
                                              "Ролей в компаниях под похожим именем не найдено."),
    "Heads and founders in the company register": ("Компаниялар тізіліміндегі басшылар мен құрылтайшылар",
                                                   "Руководители и учредители по реестру юридических лиц"),
    "Names as the register publishes them. A person in office with a similar name is a possible link only, shown with the name score, until an editor confirms it.":
        ("Аты-жөндер тізілім жариялағандай берілген. Аты-жөні ұқсас лауазымды тұлға редактор растағанға дейін тек ықтимал байланыс ретінде, ұқсастық бағасымен көрсетіледі.",
         "Имена приведены так, как их публикует реестр. Должностное лицо с похожим именем показано только как возможная связь, с оценкой сходства, пока её не подтвердит редактор."),
    "Network view": ("Байланыстар желісі", "Сеть связей"),
    "possible": ("ықтимал", "возможно"),
    "Revolving door": ("«Айналмалы есік»", "«Вращающаяся дверь»"),
    "Network": ("Байланыстар желісі", "Сеть связей"),
    "%(shown)s of %(total)s neighbours drawn: those with the most money between them. All of them are in the table below.":
        ("%(total)s көршінің %(shown)s-і көрсетілген: олармен арадағы ақша ең көп болғандары. Барлығы төмендегі кестеде.",
         "Показано %(shown)s из %(total)s связей: те, с которыми больше всего денег. Все они — в таблице ниже."),
    "Network graph": ("Байланыстар графы", "Граф связей"),
    "others": ("басқалары", "других"),
    "All neighbours by money": ("Барлық көршілер, ақша бойынша", "Все связи по сумме"),
    "Relation": ("Байланыс", "Связь"),
    "Contracts": ("Шарттар", "Договоры"),
    "Value, tenge": ("Сомасы, теңге", "Сумма, тенге"),
    "supplier to it": ("оған жеткізуші", "поставщик для неё"),
    "buyer from it": ("одан сатып алушы", "покупатель у неё"),
    "previous": ("алдыңғы", "назад"),
    "page %(page)s of %(pages)s": ("%(pages)s беттің %(page)s-і", "страница %(page)s из %(pages)s"),
    "next": ("келесі", "далее"),
    "Neighbours": ("Көршілер", "Связи"),
    "name score": ("ұқсастық бағасы", "оценка сходства"),
    "People in public office and companies that hold public contracts, where the company register names someone of the same name as head or founder. Unless an editor has confirmed it, each row is a possible link only; links an editor rejected are not shown.":
        ("Мемлекеттік лауазымдағы адамдар және мемлекеттік шарттары бар компаниялар, олардың тізілімінде басшы немесе құрылтайшы ретінде аты-жөні бірдей адам көрсетілген. Редактор растамаса, әр жол тек ықтимал байланыс; редактор қабылдамаған байланыстар көрсетілмейді.",
         "Люди на государственных должностях и компании с государственными договорами, в реестре которых руководителем или учредителем записан человек с таким же именем. Пока редактор не подтвердил, каждая строка — лишь возможная связь; отклонённые редактором связи не показываются."),
    "Person": ("Тұлға", "Лицо"),
    "Contracts, tenge": ("Шарттар, теңге", "Договоры, тенге"),
    "Link": ("Байланыс", "Связь"),
    "since": ("бастап", "с"),
    "None found.": ("Ештеңе табылмады.", "Ничего не найдено."),
    "Election funds as published by the election commission. A figure appears here only after a second editor has confirmed it against the document.":
        ("Сайлау комиссиясы жариялаған сайлау қорлары. Сома мұнда екінші редактор оны құжатпен салыстырып растағаннан кейін ғана шығады.",
         "Избирательные фонды по данным избирательной комиссии. Сумма появляется здесь только после того, как второй редактор сверит её с документом."),
    "Funds received and spent": ("Түскен және жұмсалған қаражат", "Поступившие и израсходованные средства"),
    "Received": ("Түсті", "Поступило"),
    "Spent": ("Жұмсалды", "Израсходовано"),
    "Party or candidate": ("Партия немесе кандидат", "Партия или кандидат"),
    "Largest donors": ("Ең ірі демеушілер", "Крупнейшие жертвователи"),
    "No confirmed figures yet.": ("Расталған сомалар әлі жоқ.", "Подтверждённых сумм пока нет."),
    "Annual financial reports": ("Жылдық қаржылық есептер", "Годовые финансовые отчёты"),
    "Total": ("Барлығы", "Итого"),
    "Spending": ("Шығыс", "Расходы"),
    "membership fees": ("мүшелік жарналар", "членские взносы"),
    "donations": ("қайырмалдықтар", "пожертвования"),
    "state funding": ("мемлекеттік қаржыландыру", "государственное финансирование"),
    "income from business activity": ("кәсіпкерлік қызметтен түскен табыс", "доходы от предпринимательской деятельности"),
    "staff": ("қызметкерлер", "персонал"),
    "election campaigns": ("сайлау науқандары", "избирательные кампании"),
    "mass media": ("бұқаралық ақпарат құралдары", "средства массовой информации"),
    "events": ("іс-шаралар", "мероприятия"),
    "rent": ("жалдау", "аренда"),
    "other": ("басқа", "прочее"),
    "reason": ("себебі", "причина"),
    "confirm": ("растау", "подтвердить"),
    "reject": ("қабылдамау", "отклонить"),
    # election page
    "total received": ("барлығы түсті", "всего поступило"),
    "own funds": ("өз қаражаты", "собственные средства"),
    "voluntary donations": ("ерікті қайырмалдықтар", "добровольные пожертвования"),
    "from the state budget": ("мемлекеттік бюджеттен", "из государственного бюджета"),
    "total spent": ("барлығы жұмсалды", "всего израсходовано"),
    "printed materials": ("баспа материалдары", "печатные материалы"),
    "meetings and events": ("кездесулер мен іс-шаралар", "встречи и мероприятия"),
    "named donor": ("аты аталған қайырымдылық беруші", "названный жертвователь"),
    "received (confirmed)": ("түсті (расталған)", "поступило (подтверждено)"),
    "spent (confirmed)": ("жұмсалды (расталған)", "израсходовано (подтверждено)"),
    "party reports": ("партия есептері", "отчёты партий"),
    "candidate reports": ("кандидат есептері", "отчёты кандидатов"),
    "Raised and spent": ("Түскені және жұмсалғаны", "Поступило и израсходовано"),
    "candidate": ("кандидат", "кандидат"),
    "Candidate": ("Кандидат", "Кандидат"),
    "Candidates": ("Кандидаттар", "Кандидаты"),
    "Born": ("Туған күні", "Дата рождения"),
    "as the official biography states": ("ресми өмірбаянда көрсетілгендей", "как указано в официальной биографии"),
}

PLURAL_T = {
    "%(counter)s figure awaits confirmation.": (
        ("%(counter)s сома растауды күтуде.", "%(counter)s сома растауды күтуде."),
        ("%(counter)s сумма ожидает подтверждения.", "%(counter)s суммы ожидают подтверждения.",
         "%(counter)s сумм ожидают подтверждения.")),
    "%(counter)s line": (
        ("%(counter)s жол", "%(counter)s жол"),
        ("%(counter)s строка", "%(counter)s строки", "%(counter)s строк")),
}


def fill() -> list[str]:
    from babel.messages.pofile import read_po, write_po

    missing = []
    here = Path(__file__).resolve().parent
    for index, lang in ((0, "kk"), (1, "ru")):
        path = here / lang / "LC_MESSAGES" / "django.po"
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in PLURAL_T:
                message.string = PLURAL_T[key][index]
                message.flags.discard("fuzzy")
            elif key in T:
                value = T[key][index]
                message.string = value if isinstance(message.id, str) else tuple([value] * len(message.id))
                message.flags.discard("fuzzy")
            else:
                missing.append(f"{lang}: {key}")
        catalog.fuzzy = False
        with path.open("wb") as fh:
            write_po(fh, catalog, width=0)
        text = path.read_text(encoding="utf-8").replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
        if "Plural-Forms" not in text:
            text = text.replace('"Content-Transfer-Encoding: 8bit\\n"\n',
                                '"Content-Transfer-Encoding: 8bit\\n"\n' + f'"Plural-Forms: {PLURALS[lang]}\\n"\n', 1)
        path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    for line in fill():
        print("untranslated", line)
