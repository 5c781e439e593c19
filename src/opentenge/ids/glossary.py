"""Kazakh <-> Russian words of state-body and institution names, reduced to shared concepts.

A state body has a Kazakh and a Russian name that are translations, not spellings, of each other:
``"Алматы облысының мемлекеттік сатып алу басқармасы" мемлекеттік мекемесі`` =
``ГУ "Управление государственных закупок Алматинской области"`` (a real pair from goszakup
protocol 9031370-КРБС1, see tests/fixtures/linking/PROVENANCE.md). Transliteration cannot match
them; replacing the standard administrative words by a concept (``басқарма`` = ``управление`` =
``@department``) and reducing place adjectives to their stem (``Алматинской`` ~ ``Алматы``) can.

The vocabulary is the standard one of Kazakhstan's state bodies (ministries, regional
``басқарма``/управление, district and city ``бөлім``/отдел, akimats, schools, hospitals,
kindergartens, national companies), as used on goszakup.gov.kz and budget.egov.kz, plus the
generic company words (фирма, компания, group) whose Kazakh possessive forms (``фирмасы``) differ
from the Russian ones. It is applied only to names that look like a state body or institution
(:func:`looks_institutional`), because ordinary company names reuse some of the words
(``Нұр Құрылыс``) and are not translated.

Entries are written in Cyrillic or Latin as they appear and folded with the same
:func:`opentenge.ids.search.search_key` as the names, so they follow any change of the folding.
A trailing ``*`` matches any ending (``министерств*`` covers every case of министерство).
Only the standard library is used.
"""
from __future__ import annotations

import re

from opentenge.ids.search import search_key

__all__ = ["concept_tokens", "looks_institutional", "GENERIC_CONCEPTS", "STEM_MARK"]

# concept -> phrases. A concept may stand for two tokens ("@general @education").
_STATE_WORDS: dict[str, tuple[str, ...]] = {
    "@ministry": ("министерств*", "министрлі*", "ministry"),
    "@department": ("управлени*", "басқарма*", "департамент*"),
    "@division": ("отдел*", "бөлім*"),
    "@agency": ("агентств*", "агенттіг*", "агенттік*", "agency"),
    "@committee": ("комитет*", "committee"),
    "@office": ("аппарат*", "канцеляри*", "кеңсе*"),
    "@akim": ("аким*", "әкім*"),
    "@administration": ("администраци*", "әкімшілі*"),
    "@president": ("президент*",),
    "@government": ("правительств*", "үкімет*"),
    "@republic": ("республик*",),
    "@state": ("государственн*", "мемлекеттік"),
    "@procurement": ("закуп*", "сатып алу*"),
    "@region": ("област*", "облыс*"),
    "@district": ("район*", "аудан*"),
    "@city": ("город*", "қала*", "city"),
    "@village": ("сел*", "ауыл*", "поселк*", "кент*"),
    "@education": ("образовани*", "білім*"),
    "@general @education": ("общеобразовательн*",),
    "@general": ("жалпы",),
    "@secondary": ("средн*", "орта"),
    "@school": ("школ*", "мектеб*", "мектеп*"),
    "@gymnasium": ("гимнази*",),
    "@lyceum": ("лице*",),
    "@college": ("колледж*",),
    "@university": ("университет*",),
    "@kindergarten": ("ясли сад*", "бөбекжай бақша*", "бөбекжай*", "балабақша*", "детск* сад*"),
    "@polyclinic": ("поликлиник*", "емхан*"),
    "@hospital": ("больниц*", "аурухан*"),
    "@health": ("здравоохранени*", "денсаулық сақтау*"),
    "@finance": ("финанс*", "қаржы*"),
    "@internal-affairs": ("внутренних дел", "ішкі істер*"),
    "@foreign-affairs": ("иностранных дел", "сыртқы істер*"),
    "@emergency": ("чрезвычайн* ситуаци*", "төтенше жағдай*"),
    "@defence": ("оборон*", "қорғаныс*"),
    "@transport": ("транспорт*", "көлі*"),
    "@passenger": ("пассажир*", "жолаушы*"),
    "@road": ("дорог*", "жолдар*", "жол"),
    "@automobile": ("автомобил*",),
    "@agriculture": ("сельск* хозяйств*", "ауыл шаруашылығ*"),
    "@energy": ("энергетик*",),
    "@justice": ("юстици*", "әділет*"),
    "@industry": ("промышленност*", "индустри*", "өнеркәсі*", "өнеркәсіп*"),
    "@construction": ("строительств*", "құрылыс*"),
    "@culture": ("культур*", "мәдениет*"),
    "@physical-culture": ("физическ* культур*", "дене шынықтыру*"),
    "@sport": ("спорт*",),
    "@tourism": ("туризм*",),
    "@information": ("информаци*", "ақпарат*"),
    "@language": ("язык*", "тілдер*", "тіл"),
    "@development": ("развити*", "дамыту*", "даму*"),
    "@housing": ("жилищн*", "тұрғын үй*"),
    "@communal": ("коммунальн*", "коммуналдық"),
    "@economy": ("хозяйств*", "шаруашылығ*", "экономик*"),
    "@trade": ("торговл*", "сауда*"),
    "@labour": ("труда", "еңбек"),
    "@social": ("социальн*", "әлеуметтік"),
    "@protection": ("защит*", "қорғау*"),
    "@ecology": ("экологи*",),
    "@natural-resources": ("природн* ресурс*", "табиғи ресурс*"),
    "@water-resources": ("водн* ресурс*", "су ресурс*"),
    "@science": ("наук*", "ғылым*"),
    "@higher-education": ("высшего образования", "жоғары білім*"),
    "@enlightenment": ("просвещени*", "оқу ағарту*"),
    "@digital": ("цифров*", "цифрлық"),
    "@national": ("национальн*", "ұлттық"),
    "@company": ("компани*", "company"),
    "@internal-policy": ("внутренней политики", "ішкі саясат*"),
    "@youth": ("молодеж*", "жастар*"),
    "@family": ("семьи", "семьям", "отбасы*"),
    # Irregular place names: Russian form -> Kazakh form (as a place token, not a concept).
    "aktobe": ("актюбинск*", "актобе", "ақтөбе"),
    "oral": ("уральск*", "орал"),
    "oskemen": ("усть каменогорск*", "өскемен"),
    "shigis": ("восточно",),
    "batis": ("западно",),
    "soltustik": ("северо",),
    "ontustik": ("южно",),
    "ertis": ("иртыш*", "ертіс"),
    "petropavl": ("петропавловск*", "петропавл"),
    "semei": ("семипалатинск*", "семей"),
}
# Generic company words: also in ordinary company names, never translated, but inflected in
# Kazakh ("ЕЛАМАН" Фирмасы = Фирма "ЕЛАМАН").
_COMPANY_WORDS: dict[str, tuple[str, ...]] = {
    "@firm": ("фирма", "фирмасы", "фирмы", "firm", "firma"),
    "@company": ("компания", "компаниясы", "компании", "company", "kompania"),
    "@corporation": ("корпорация", "корпорациясы", "corporation"),
    "@group": ("group", "групп", "группа", "тобы"),
    "@holding": ("холдинг", "холдингі", "holding"),
    "@branch": ("филиал", "филиалы", "branch"),
}
_STOPWORDS = frozenset(search_key(w) for w in (
    "и", "және", "по", "бойынша", "жөніндегі", "в", "на", "при", "для", "беретін", "of", "the",
    "and", "for", "имени", "атындағы", "жанындағы",
))
# Concepts that say what kind of body it is rather than which one: lower weight in scoring.
# Subject concepts (@health, @culture, @tourism …) tell ministries apart and weigh in full.
GENERIC_CONCEPTS = frozenset({
    "@ministry", "@department", "@division", "@agency", "@committee", "@office", "@administration",
    "@republic", "@state", "@region", "@district", "@city", "@village", "@general", "@secondary",
    "@national", "@company", "@firm", "@corporation", "@group", "@holding",
})

# Words that make a name an institution's (stems, folded like the names).
_MARKER_WORDS = (
    "министерств", "министрлі", "управлени", "басқарма", "отдел", "бөлім", "агентств", "агенттіг",
    "агенттік", "комитет", "аппарат", "аким", "әкім", "администраци", "школ", "мектеб", "мектеп",
    "поликлиник", "емхан", "больниц", "аурухан", "ясли", "бөбекжай", "балабақша", "колледж",
    "гимнази", "университет", "национальн", "ұлттық", "департамент", "канцеляри", "республик",
    "ministry", "akimat",
)
_INSTITUTION_MARKERS = re.compile(r"\b(?:" + "|".join(sorted({search_key(w) for w in _MARKER_WORDS})) + r")\w*")
_STATE_FORMS = frozenset({"SI", "MSI", "RSI", "SCE", "SCTE", "RSE", "RSTE", "NJSC"})


def looks_institutional(folded: str, legal_form: str | None) -> bool:
    """True for names of state bodies and public institutions (see the module docstring)."""
    return legal_form in _STATE_FORMS or bool(_INSTITUTION_MARKERS.search(folded))


def _compile(table: dict[str, tuple[str, ...]]) -> list[tuple[tuple[tuple[str, bool], ...], tuple[str, ...]]]:
    """Phrases as tuples of (folded word, is_prefix), longest phrase first."""
    out = []
    for concept, phrases in table.items():
        for phrase in phrases:
            words = []
            for word in phrase.split():
                prefix = word.endswith("*")
                key = search_key(word.rstrip("*"))
                for part in key.split():  # "ясли-сад" folds to two words
                    words.append((part, False))
                if prefix and words:
                    words[-1] = (words[-1][0], True)
            out.append((tuple(words), tuple(concept.split())))
    out.sort(key=lambda item: -len(item[0]))
    return out


_STATE_PHRASES = _compile({**_COMPANY_WORDS, **_STATE_WORDS})
_COMPANY_PHRASES = _compile(_COMPANY_WORDS)


def _index(phrases) -> dict[str, list]:
    """Phrases by the first three letters of their first word, for a quick look-up."""
    index: dict[str, list] = {}
    for words, concept in phrases:
        index.setdefault(words[0][0][:3], []).append((words, concept))
    return index


_STATE_INDEX = _index(_STATE_PHRASES)
_COMPANY_INDEX = _index(_COMPANY_PHRASES)

STEM_MARK = "~"  # ends a word whose ending was cut: compare it by prefix (see linking.compare)
# Endings cut from place words of institution names: Russian adjectives (Алматинской ->
# almatin, Талгарскому -> talgar) and Kazakh genitive/locative (Алматының -> almati).
_PLACE_ENDING = re.compile(r"(?:skoi|skogo|skomu|skaia|skii|skom|skie|skikh|skim|skoe|nin|indagi|dagi|tagi)$")


def _word_matches(token: str, word: str, prefix: bool) -> bool:
    return token.startswith(word) if prefix else token == word


def concept_tokens(tokens: tuple[str, ...], institutional: bool) -> tuple[str, ...]:
    """Replace glossary phrases by their concept; drop stop words; stem place words.

    Company names (``institutional`` False) only get the generic company words replaced.
    """
    index = _STATE_INDEX if institutional else _COMPANY_INDEX
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        for words, concept in index.get(token[:3], ()):
            k = len(words)
            if i + k <= n and all(_word_matches(tokens[i + j], w, p) for j, (w, p) in enumerate(words)):
                out.extend(concept)
                i += k
                break
        else:
            if institutional:
                if token not in _STOPWORDS:
                    stem = _PLACE_ENDING.sub("", token) if len(token) > 6 else token
                    out.append(stem + STEM_MARK if stem != token else token)
            else:
                out.append(token)
            i += 1
    return tuple(out)
