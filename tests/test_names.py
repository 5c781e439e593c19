"""Golden tests for name normalisation (opentenge.ids.names) and comparison (linking.compare).

No database. The accuracy figures on the labelled sets are checked at the end, recomputed here
from the CSV files independently of ``opentenge.linking.evaluate``.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from opentenge.ids.names import NameForm, normalize
from opentenge.ids.search import search_key
from opentenge.ids.translit import KAZAKH_LATIN_2021, from_latin_2021, to_latin_2021
from opentenge.linking.compare import MATCH_THRESHOLD, REVIEW_THRESHOLD, compare, name_keys

LINKING = FIXTURES / "linking"

# ---- transliteration: each Kazakh letter, both cases, both directions -------------------------
# (Cyrillic lower, Cyrillic upper, 2021 Latin lower, 2021 Latin upper)
KAZAKH_LETTERS = [
    ("ә", "Ә", "ä", "Ä"),
    ("ғ", "Ғ", "ğ", "Ğ"),
    ("қ", "Қ", "q", "Q"),
    ("ң", "Ң", "ñ", "Ñ"),
    ("ө", "Ө", "ö", "Ö"),
    ("ұ", "Ұ", "ū", "Ū"),
    ("ү", "Ү", "ü", "Ü"),
    ("һ", "Һ", "h", "H"),
    ("і", "І", "ı", "I"),  # dotless: the capital of ı is I, and и/й -> i has the capital İ
]


@pytest.mark.parametrize("cyr, cyr_up, lat, lat_up", KAZAKH_LETTERS, ids=[r[0] for r in KAZAKH_LETTERS])
def test_kazakh_letter_to_latin_2021(cyr, cyr_up, lat, lat_up):
    assert to_latin_2021(cyr) == lat
    assert to_latin_2021(cyr_up) == lat_up
    # inside a word, and the folded key is the same for the Cyrillic and the Latin spelling
    word = f"а{cyr}а"
    assert to_latin_2021(word) == f"a{lat}a"
    assert search_key(word) == search_key(to_latin_2021(word)) == search_key(word.upper())


@pytest.mark.parametrize("cyr, cyr_up, lat, lat_up", [r for r in KAZAKH_LETTERS if r[0] != "һ"],
                         ids=[r[0] for r in KAZAKH_LETTERS if r[0] != "һ"])
def test_latin_2021_back_to_kazakh_letter(cyr, cyr_up, lat, lat_up):
    assert from_latin_2021(lat) == cyr
    assert from_latin_2021(lat_up) == cyr_up


def test_h_is_ambiguous_on_the_way_back():
    # һ and х are both h in 2021 Latin; the way back picks х, the folded key does not care.
    assert from_latin_2021("h") == "х"
    assert search_key("һ") == search_key("х") == search_key("h")


def test_table_is_the_shared_2021_table():
    with (LINKING / "kazakh_latin_2021.csv").open(encoding="utf-8") as f:
        table = {row["cyrillic"]: row["latin"] for row in csv.DictReader(f)}
    assert len(table) == 42
    assert KAZAKH_LATIN_2021 == table


def test_dotted_and_dotless_capitals():
    assert to_latin_2021("ИВАНОВ Иван") == "İVANOV İvan"  # not "IVANOV": I is і
    assert to_latin_2021("ӘШІМБАЕВ Мәулен") == "ÄŞIMBAEV Mäulen"
    assert to_latin_2021("ЦЕНТР Центр Чай") == "TSENTR Tsentr Tşai"


KAZAKH_NAMES = ["Нұрлан Әбішев", "Қазақстан Республикасы", "Өскемен", "Ғалым Жақсыбеков", "Үміт",
                "Шаңырақ", "Жиһаз", "Іргетас", "Бәйтерек", "Құрманғалиев Серік", "Сұңқар", "Ақтөбе"]
UNAMBIGUOUS = [n for n in KAZAKH_NAMES if not set(n.lower()) & set("ийхеэёцчщъьюяһ")]


@pytest.mark.parametrize("name", KAZAKH_NAMES)
def test_round_trip_cyrillic_latin_folded(name):
    latin = to_latin_2021(name)
    cyrillic = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
    assert not set(latin) & set(cyrillic + cyrillic.upper())
    assert normalize(latin).folded == normalize(name).folded == search_key(name)
    assert normalize(normalize(name).latin).folded == normalize(name).folded  # stable


@pytest.mark.parametrize("name", UNAMBIGUOUS)
def test_round_trip_back_to_cyrillic(name):
    assert from_latin_2021(to_latin_2021(name)) == name


# ---- legal forms ------------------------------------------------------------------------------
LEGAL_FORMS = [
    ('ТОО "Алтын Дала"', "LLP"), ('"Алтын Дала" ЖШС', "LLP"), ("Altyn Dala LLP", "LLP"),
    ("TOO ALTYN DALA", "LLP"), ("Товарищество с ограниченной ответственностью «Алтын Дала»", "LLP"),
    ('"Алтын Дала" жауапкершілігі шектеулі серіктестігі', "LLP"), ("ALTYN DALA JŞS", "LLP"),
    ('АО "Алтын Дала"', "JSC"), ('"Алтын Дала" АҚ', "JSC"), ("Altyn Dala JSC", "JSC"),
    ("Акционерное общество «Алтын Дала»", "JSC"), ('"Алтын Дала" акционерлік қоғамы', "JSC"),
    ("Altyn Dala Joint-Stock Company", "JSC"),
    ('ИП "Алтын Дала"', "IE"), ('"Алтын Дала" ЖК', "IE"), ("IE Altyn Dala", "IE"),
    ("Индивидуальный предприниматель Алтын Дала", "IE"),
    ('РГП на ПХВ "Алтын Дала"', "RSE"), ('"Алтын Дала" ШЖҚ РМК', "RSE"), ('РГП "Алтын Дала"', "RSE"),
    ('ГУ "Алтын Дала"', "SI"), ('"Алтын Дала" ММ', "SI"), ('"Алтын Дала" мемлекеттік мекемесі', "SI"),
    ('Государственное учреждение "Алтын Дала"', "SI"),
    ('КГУ "Алтын Дала"', "MSI"), ('"Алтын Дала" КММ', "MSI"),
    ('ОО "Алтын Дала"', "PA"), ('"Алтын Дала" ҚБ', "PA"), ('"Алтын Дала" қоғамдық бірлестігі', "PA"),
    ('ОФ "Алтын Дала"', "PF"), ('"Алтын Дала" ҚҚ', "PF"), ("Общественный фонд «Алтын Дала»", "PF"),
    ('ГККП "Алтын Дала"', "SCTE"), ('"Алтын Дала" МКҚК', "SCTE"),
    ('ГКП на ПХВ "Алтын Дала"', "SCE"), ('"Алтын Дала" ШЖҚ МКК', "SCE"),
]


@pytest.mark.parametrize("text, code", LEGAL_FORMS, ids=[t for t, _ in LEGAL_FORMS])
def test_legal_form_recognised_and_stripped(text, code):
    form = normalize(text)
    assert form.legal_form == code
    assert form.folded == "altin dala" and form.tokens == ("altin", "dala")
    assert form.latin.casefold() == "altyn dala"


@pytest.mark.parametrize("text, folded", [
    ("Ақ Жол", "ak jol"),  # Ақ is "white", not АҚ (JSC), without quotes at the start
    ('ТОО "Ақ Жол"', "ak jol"),
    ("Жол Строй", "jol stroi"),
    ("ТОО", "to"),  # nothing but a form: kept as the name
])
def test_words_that_look_like_forms_stay(text, folded):
    assert normalize(text).folded == folded


def test_branch_words_stay_in_the_name():
    form = normalize('Филиал ТОО "Nur Invest" в городе Алматы')
    assert form.legal_form == "LLP"
    assert form.tokens == ("filial", "nur", "invest", "v", "gorode", "almati")


# ---- quotes, punctuation, homoglyphs, numbers --------------------------------------------------
@pytest.mark.parametrize("text", ['ТОО "Алтын Дала"', "ТОО «Алтын Дала»", "ТОО “Алтын Дала”", "ТОО „Алтын Дала“",
                                  'ТОО"Алтын Дала"', "ТОО Алтын-Дала", "  тоо   «алтын дала»  ", "ТОО «АЛТЫН ДАЛА»."])
def test_quotes_and_punctuation(text):
    assert normalize(text).folded == "altin dala"
    assert normalize(text).legal_form == "LLP"


def test_nested_and_unbalanced_quotes_from_goszakup():
    kk, ru = normalize('"ЕЛАМАН" Фирмасы" ЖШС'), normalize('ТОО "Фирма "ЕЛАМАН"')
    assert kk.legal_form == ru.legal_form == "LLP"
    assert kk.tokens == ("elaman", "firmasi") and ru.tokens == ("firma", "elaman")
    assert compare('"ЕЛАМАН" Фирмасы" ЖШС', 'ТОО "Фирма "ЕЛАМАН"').decision == "match"


def test_latin_homoglyph_in_a_cyrillic_word():
    # budget.egov.kz writes "Hалог" with a Latin H (shared/data/budget_egov/PROVENANCE.md, quirk 1)
    assert normalize("Hалог на добавленную стоимость").folded == normalize("Налог на добавленную стоимость").folded


def test_number_sign_is_kept_apart_from_the_number():
    for text in ("Школа №12", "Школа № 12", "School No. 12", "School No12"):
        assert normalize(text).tokens[-1] == "12", text
    assert normalize('"№5 қалалық емхана" ШЖҚ МКК').latin == "№5 qalalyq emhana"


def test_name_form_shape():
    form = normalize("ЖШС «Алтын Дала»")
    assert isinstance(form, NameForm)
    assert form.as_dict() == {"input": "ЖШС «Алтын Дала»", "latin": "Altyn Dala", "folded": "altin dala",
                              "legal_form": "LLP", "tokens": ["altin", "dala"]}
    assert normalize("").as_dict() == {"input": "", "latin": "", "folded": "", "legal_form": None, "tokens": []}


def test_folding_word_by_word_equals_search_key():
    # normalize() folds word by word with a cache; it must agree with search_key on the whole text.
    from opentenge.ids.names import _fold

    names = set()
    for file in ("pairs_synthetic.csv", "pairs_real.csv"):
        with (LINKING / file).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names.update((row["left"], row["right"]))
    assert len(names) > 2000
    for name in names:
        assert _fold(name) == search_key(name), name


# ---- comparison: must match --------------------------------------------------------------------
MUST_MATCH = [
    ('ЖШС "Алтын Дала"', 'ТОО «Алтын Дала»'), ('ТОО "Алтын Дала"', "Altyn Dala LLP"),
    ('ТОО "Алтын Дала"', "TOO ALTYN DALA"), ("ABISHEV NURLAN", "Нұрлан Әбішев"),
    ("Нурлан Абишев", "Nurlan Abishev"), ("Нұрлан Әбішев", "Нурлан Абишев"),
    ('ИП "Әбішев Нұрлан"', '"Әбішев Нұрлан" ЖК'),
    # real: parlam.kz kk/ru/en, patronymic in kk and ru forms, a missing space
    ("Әбдіров Нұрлан Мәжитұлы", "Абдиров Нурлан Мажитович"),
    ("АМАНЖОЛОВА Зәуреш Жұманәліқызы", "АМАНЖОЛОВА Зауреш Джуманалиевна"),
    ("BIZHANOVA Gulnara Kadyrzhankyzy", "БИЖАНОВА Гүлнар Қадіржанқызы"),
    ("BALIEVA ZagipaYahyanovna", "Балиева Загипа Яхяновна"),
    ("ABDIROV Nurlan Mazhituly", "Абдиров Нурлан"),  # patronymic on one side only
    # real: bilingual goszakup protocol 9031370-КРБС1
    ('"НҰР-ШАПАҒАТ-ҚҰРЫЛЫС" ЖШС', 'ТОО "НҰР-ШАПАҒАТ-ҚҰРЫЛЫС"'),
    ('Государственное учреждение "Управление государственных закупок Алматинской области"',
     '"Алматы облысының мемлекеттік сатып алу басқармасы" мемлекеттік мекемесі'),
    ("Ақжол-Транс", "АқжолТранс"),
]


@pytest.mark.parametrize("a, b", MUST_MATCH)
def test_must_match(a, b):
    result = compare(a, b)
    assert result.decision == "match", result
    assert result.score >= MATCH_THRESHOLD
    assert compare(b, a).decision == "match"


# ---- comparison: must NOT match ----------------------------------------------------------------
MUST_NOT_MATCH = [
    ("Алтын Дала", "Алтын Дән"), ('ТОО "Алтын Дала"', 'ЖШС "Алтын Дән"'), ("Altyn Dala LLP", "ТОО «Алтын Дән»"),
    ('КГУ "Средняя школа №10"', '"№12 орта мектеп" КММ'),
    ("Министерство культуры и спорта Республики Казахстан", "Министерство туризма и спорта Республики Казахстан"),
    ('ГУ "Управление образования Алматинской области"', '"Қарағанды облысының білім басқармасы" ММ'),
    ("BEKTURGANOV Yersultan Otegululy", "БЕКТҰРҒАНОВ Әбдіманап Елікбайұлы"),
    ("Есенов Ерлан", "Есенов Ержан"),  # one consonant: another given name, not a spelling
    ("Абишев Нурлан", "Абишева Нурлан"),
    ('ТОО "Алтын Дала"', 'АО "Алтын Дала"'),
    ('Филиал ТОО "Алтын Дала" в городе Алматы', 'ТОО "Алтын Дала"'),
]


@pytest.mark.parametrize("a, b", MUST_NOT_MATCH)
def test_must_not_match(a, b):
    assert compare(a, b).decision != "match", compare(a, b)
    assert compare(b, a).decision != "match"


def test_altyn_dala_and_altyn_dan_are_not_even_for_review():
    result = compare("Алтын Дала", "Алтын Дән")
    assert result.decision == "no-match" and result.score < REVIEW_THRESHOLD


@pytest.mark.parametrize("a, b", MUST_MATCH[:6] + [("Алтын Дала", "Алтын Дала"), ("ТОО X", "ТОО X")])
def test_different_bins_always_win(a, b):
    result = compare(a, b, bin_a="070240017648", bin_b="070340007367")
    assert result.decision == "no-match" and "bin-differs" in result.reasons
    assert result.score < REVIEW_THRESHOLD


def test_same_bin_is_a_match_whatever_the_names():
    result = compare('ТОО "Nur Invest"', 'ТОО "Caspian Energy"', bin_a="070240017648", bin_b=" 0702 4001 7648 ")
    assert result.decision == "match" and result.score == 1.0 and result.reasons == ("bin-equal",)


def test_region_feature():
    same = compare('ТОО "Алтын Дала"', "Altyn Dala LLP", region_a="Ақмола", region_b="Акмола")
    assert same.decision == "match" and "region-same" in same.reasons
    other = compare('ТОО "Алтын Дала"', "Altyn Dala LLP", region_a="Ақмола", region_b="Атырау")
    assert other.decision == "review" and "region-differs" in other.reasons


def test_decision_follows_score_and_thresholds():
    assert 0 < REVIEW_THRESHOLD < MATCH_THRESHOLD <= 1
    for a, b in MUST_MATCH + MUST_NOT_MATCH:
        c = compare(a, b)
        assert 0.0 <= c.score <= 1.0
        expected = "match" if c.score >= MATCH_THRESHOLD else "review" if c.score >= REVIEW_THRESHOLD else "no-match"
        assert c.decision == expected
        assert c.as_dict() == {"score": c.score, "decision": c.decision, "reasons": list(c.reasons)}


def test_thresholds_are_documented():
    doc = (REPO / "docs" / "linking.md").read_text(encoding="utf-8")
    assert f"MATCH_THRESHOLD = {MATCH_THRESHOLD:.2f}" in doc
    assert f"REVIEW_THRESHOLD = {REVIEW_THRESHOLD:.2f}" in doc


# ---- blocking keys -----------------------------------------------------------------------------
def test_name_keys_shared_by_variants_and_few():
    variants = ['ЖШС "Алтын Дала"', 'ТОО «Алтын Дала»', "Altyn Dala LLP", "TOO ALTYN DALA", "Алтн Дала"]
    keys = [name_keys(normalize(v)) for v in variants]
    assert set.intersection(*keys)  # one key common to all, typo included
    assert all(1 <= len(k) <= 8 for k in keys)
    assert name_keys(normalize("ABISHEV NURLAN")) & name_keys(normalize("Нұрлан Әбішев"))
    assert not name_keys(normalize("Алтын Дала")) & name_keys(normalize("Береке Строй"))
    assert name_keys(normalize("")) == set()


# ---- the labelled sets: targets, recomputed here -----------------------------------------------
def _measure(path: Path) -> tuple[float, float, int]:
    true_matches = matched = positives = 0
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            same = row["same"] == "1"
            decision = compare(row["left"], row["right"], bin_a=row.get("bin_left") or None,
                               bin_b=row.get("bin_right") or None, region_a=row.get("region_left") or None,
                               region_b=row.get("region_right") or None).decision
            positives += same
            matched += decision == "match"
            true_matches += same and decision == "match"
    return true_matches / matched, true_matches / positives, positives


@pytest.mark.parametrize("name, min_positives", [("pairs_synthetic.csv", 800), ("pairs_real.csv", 80)])
def test_targets_on_labelled_sets(name, min_positives):
    precision, recall, positives = _measure(LINKING / name)
    assert positives >= min_positives
    assert precision >= 0.98, precision
    assert recall >= 0.90, recall


def test_synthetic_set_is_reproducible(tmp_path):
    out = tmp_path / "pairs.csv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_linking_pairs.py"), "--out", str(out)],
                   check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == (LINKING / "pairs_synthetic.csv").read_bytes()
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 1000
    kinds = {r["kind"] for r in rows}
    assert {"org-legal-form", "org-script", "org-typo", "person-variant", "institution-kk-ru", "hard-near-name",
            "same-name-diff-bin", "number-differs"} <= kinds


# ---- person details seen in real data ----------------------------------------------------------
def test_initials_are_a_hint_for_review_only():
    assert compare("Абишев Н.Б.", "Абишев Нурлан Болатович").decision == "review"
    assert compare("Абишев Н.", "Абишев Нурлан").decision == "review"
    assert compare("Абишев Н.Б.", "Абишев Нурлан Серикович").decision == "no-match"
    assert compare("Абишев Н.", "Абишев Серик").decision == "no-match"


def test_missing_patronymic_printed_as_none():
    # mazhilis.parlam.kz API data as collected: a missing patronymic became the text "None"
    assert compare("ТАУ Нұргүл None", "Тау Нургуль").decision == "match"


def test_compatible_legal_forms_are_not_a_difference():
    assert compare('КГУ "Средняя школа №10"', 'ГУ "Средняя школа №10"').decision == "match"
    assert compare("Altyn Dala LLC", 'ТОО "Алтын Дала"').decision == "match"
    assert "legal-form-differs" in compare('ТОО "Алтын Дала"', 'ОФ "Алтын Дала"').reasons


def test_state_body_kk_ru_needs_the_same_place_and_subject():
    ru = 'ГУ "Управление образования Алматинской области"'
    assert compare(ru, '"Алматы облысының білім басқармасы" ММ').decision == "match"
    assert compare(ru, '"Алматы облысының денсаулық сақтау басқармасы" ММ').decision == "no-match"
    assert compare(ru, '"Қарағанды облысының білім басқармасы" ММ').decision == "no-match"
