"""Parliament importers on the real archived pages and on the synthetic API/Senate fixtures.

Expected figures are computed from the fixture files independently of the importers (csv module
on the TSV of real values, regular expressions on the HTML).
"""
from __future__ import annotations

import csv
import re

import pytest

from conftest import FIXTURES
from opentenge.ingest.context import FileContext
from opentenge.ingest.runner import IngestError, file_info, load_importer, run_ingest

PARLIAMENT = FIXTURES / "parliament"
ARCHIVE = PARLIAMENT / "parlam_kz_archive"
API = PARLIAMENT / "mazhilis_api_synthetic"
SENATE = PARLIAMENT / "senate_synthetic"


def read(source: str, path) -> FileContext:
    ctx = FileContext(file=file_info(source, path), known_references=lambda name: set())
    load_importer(source).read_file(ctx)
    return ctx


def people(ctx: FileContext) -> dict:
    return {r.key: r.fields for r in ctx.records if r.kind == "politics.person"}


def tsv_rows() -> list[dict]:
    with (PARLIAMENT / "mazhilis_api_derived" / "mazhilis_deputies_by_alphabet_2026-08.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_mazhilis_kk_and_ru_answers_parse_into_the_same_deputies():
    kk = read("mazhilis", API / "mazhilis_deputies_by_alphabet_synthetic.kk.json")
    ru = read("mazhilis", API / "mazhilis_deputies_synthetic.ru.json")
    expected_ids = {f"mazhilis:{row['parliament_deputy_id']}" for row in tsv_rows()}
    assert len(expected_ids) == 37
    assert set(people(kk)) == set(people(ru)) == expected_ids
    assert not kk.quarantined and not ru.quarantined
    # the Kazakh names are the published ones; the "None" printed for a null patronymic is not a name
    by_id = {f"mazhilis:{row['parliament_deputy_id']}": row for row in tsv_rows()}
    for key, fields in people(kk).items():
        assert fields["name_kk"] == by_id[key]["official_name"].replace(" None", "")
        assert "name_ru" not in fields
    assert all("name_kk" not in f and f["name_ru"] for f in people(ru).values())
    # both languages put each deputy in the same party
    party = {r.key: r.fields["party"] for r in kk.records if r.kind == "politics.position"}
    party_ru = {r.key: r.fields["party"] for r in ru.records if r.kind == "politics.position"}
    assert party == party_ru and None not in party.values()
    # constituency from deputy_type: the TSV publishes a region only for single-mandate deputies
    kinds = {r.key.rsplit(":", 1)[0]: r.fields["constituency_kind"] for r in kk.records if r.kind == "politics.position"}
    assert sum(k == "single_mandate" for k in kinds.values()) == sum(1 for row in tsv_rows() if row["region"])


def test_archived_english_list_pages_count_matches_the_cards():
    for page in ("en_mazhilis_People_DeputyList_a.html", "en_mazhilis_People_DeputyList_b.html"):
        html = (ARCHIVE / page).read_text(encoding="utf-8")
        ids = re.findall(r'class="caption">\s*<a[^>]*href="/en/mazhilis/person/(\d+)"', html)
        ctx = read("mazhilis", ARCHIVE / page)
        assert set(people(ctx)) == {f"parlam-en:{i}" for i in ids}
        assert len(ids) == html.count('class="col-md-4 persons"') > 0
    assert people(read("mazhilis", ARCHIVE / "en_mazhilis_People_DeputyList_a.html"))["parlam-en:1374"]["name_en"] \
        == "ABDIROV Nurlan Mazhituly"


@pytest.mark.parametrize("slug", ["Abdirov", "Absatirov", "Barlybaev"])
def test_archived_kk_and_ru_pages_are_the_same_deputy(slug):
    kk = people(read("mazhilis", ARCHIVE / f"kk_blogs_{slug}.html"))
    ru = people(read("mazhilis", ARCHIVE / f"ru_blogs_{slug}.html"))
    assert set(kk) == set(ru) == {f"parlam-blog:{slug.lower()}"}
    heading = re.search(r'class="col-md-6 col-sm-6 col-lg-6 bio">\s*<h2>(.*?)</h2>',
                        (ARCHIVE / f"ru_blogs_{slug}.html").read_text(encoding="utf-8"), re.S).group(1)
    assert ru[f"parlam-blog:{slug.lower()}"]["name_ru"] == " ".join(p.strip() for p in heading.split("<br />"))
    assert kk[f"parlam-blog:{slug.lower()}"]["name_kk"]


def test_senate_pages_in_three_languages_join_on_the_blog_id():
    keys = {}
    for code in ("ru-RU", "kk-KZ", "en-US"):
        page = SENATE / f"senate_deputies_synthetic.{code}.html"
        html = page.read_text(encoding="utf-8")
        ctx = read("senate", page)
        keys[code] = set(people(ctx))
        assert len(keys[code]) == html.count('class="person-card--full-name"')
        assert keys[code] == {f"senate:{i}" for i in re.findall(rf'href="/{code}/blog/(\d+)/', html)}
    assert keys["ru-RU"] == keys["kk-KZ"] == keys["en-US"]
    with (PARLIAMENT / "mazhilis_api_derived" / "senate_profiles_2026-08.tsv").open(encoding="utf-8") as fh:
        real = {f"senate:{r['senate_blog_id']}": r["official_name"] for r in csv.DictReader(fh, delimiter="\t")}
    ru = people(read("senate", SENATE / "senate_deputies_synthetic.ru-RU.html"))
    assert {k: v["name_ru"] for k, v in ru.items()} == real


@pytest.mark.parametrize("old, new, named", [
    ('class="person-card--position"', 'class="person-card__position"', ".person-card--position"),
    ('class="person-card--full-name"', 'class="person-card__name"', ".person-card--full-name"),
    ('class="col person-card"', 'class="col senator"', "a.person-card"),
])
def test_a_changed_senate_layout_fails_naming_the_missing_element(tmp_path, old, new, named):
    page = tmp_path / "senate.ru-RU.html"
    page.write_text((SENATE / "senate_deputies_synthetic.ru-RU.html").read_text(encoding="utf-8").replace(old, new),
                    encoding="utf-8")
    with pytest.raises(IngestError, match=re.escape(named)):
        read("senate", page)


def test_a_changed_mazhilis_answer_or_archive_page_fails_loudly(tmp_path):
    answer = tmp_path / "deputies.kk.json"
    answer.write_text('{"results": []}', encoding="utf-8")
    with pytest.raises(IngestError, match="expected a JSON list of deputies"):
        read("mazhilis", answer)
    unnamed = tmp_path / "deputies.json"
    unnamed.write_text("[]", encoding="utf-8")
    with pytest.raises(IngestError, match=r"name the file <name>\.kk\.json"):
        read("mazhilis", unnamed)
    page = tmp_path / "ru_blogs_X.html"
    page.write_text((ARCHIVE / "ru_blogs_Abdirov.html").read_text(encoding="utf-8").replace("col-lg-6 bio", "col-lg-6 b"),
                    encoding="utf-8")
    with pytest.raises(IngestError, match=r"div\.bio"):
        read("mazhilis", page)


@pytest.mark.django_db
def test_ingest_joins_languages_in_the_store_and_is_idempotent(tmp_path):
    from opentenge.politics.models import Party, Person, Position

    run_ingest("mazhilis", [API, ARCHIVE])
    run_ingest("senate", [SENATE])
    rows = tsv_rows()
    assert Person.objects.filter(key__startswith="mazhilis:").count() == len(rows)
    assert Position.objects.filter(chamber="senate", is_current=True).count() == 4
    for row in rows:
        person = Person.objects.get(key=f"mazhilis:{row['parliament_deputy_id']}")
        assert person.name_kk == row["official_name"].replace(" None", "") and person.name_ru
        assert person.search_text
    barlybaev = Person.objects.get(key="parlam-blog:barlybaev")
    assert barlybaev.name_ru == "БАРЛЫБАЕВ Ерлан Хайланович" and barlybaev.name_kk == "БАРЛЫБАЕВ Ерлан Хайланұлы"
    senator = Person.objects.get(key="senate:921")
    assert (senator.name_ru, senator.name_en) == ("Бекназаров Нурлан Кудиярович", "Beknazarov Nurlan Kudiyarovich")
    factions = {row["party_fraction"] for row in rows}
    assert Party.objects.count() == len(factions)
    # a second run over the same files changes nothing
    again = run_ingest("mazhilis", [API, ARCHIVE])
    assert again.inserted == again.updated == 0 and again.skipped_files == again.files


BIOGRAPHIES = PARLIAMENT / "senate_biography_synthetic"


@pytest.mark.django_db
def test_senate_biographies_give_the_birth_date_the_page_states(client):
    from opentenge.politics.models import Person
    from opentenge.store.models import QuarantinedRecord

    summary = run_ingest("senate", [BIOGRAPHIES])
    stated = {}
    for page in BIOGRAPHIES.glob("*biography*.html"):  # the dates as written, read with a plain regex
        blog_id = re.search(r"\.(\d+)\.ru-RU\.html$", page.name).group(1)
        body = page.read_text(encoding="utf-8").split("<body>")[1]
        found = re.search(r"(\d{1,2}) марта (\d{4})|(\d\d)\.(\d\d)\.(\d{4})", body)
        stated[f"senate:{blog_id}"] = (None if found is None else f"{found[2]}-03-{int(found[1]):02d}" if found[1]
                                       else f"{found[5]}-{found[4]}-{found[3]}")
    born = {p.key: p.birth_date and p.birth_date.isoformat() for p in Person.objects.filter(key__in=stated)}
    assert born == stated == {"senate:9001": "1969-03-07", "senate:9002": "1972-11-21", "senate:9003": None}
    assert Person.objects.get(key="senate:9001").name_ru == "Синтетикова Гульнар Ерлановна"  # joined on the id
    quarantined = QuarantinedRecord.objects.get(source="senate")
    assert (quarantined.field, quarantined.record_key, summary.quarantined) == ("birth_date", "senate:9003", 1)
    page = client.get("/ru/person/senate:9002/").content.decode()
    assert 'data-testid="birth-date"' in page and "1972" in page
    assert client.get("/en/person/senate:9001.json").json()["birth_date"] == "1969-03-07"


@pytest.mark.parametrize("name, text, message", [
    ("senate_biography.9001.ru-RU.html", "<html><body><p>Сенатор с 2023 года.</p></body></html>",
     r"senate_biography\.9001\.ru-RU\.html: no 'родился', 'родилась' or 'дата рождения' in the page text"),
    ("senate_biography.9001.kk-KZ.html", "<html><body><p>1969 жылы туған.</p></body></html>",
     r"only the Russian biography \(ru-RU\) is read"),
])
def test_a_biography_page_without_the_documented_wording_stops_the_import(tmp_path, name, text, message):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=message):
        read("senate", page)
