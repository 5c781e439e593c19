"""Linking over the store: judgments, clusters, editors' decisions, incremental runs, the CLI contract.

The store is filled by the real goszakup importer: the hand-made fixture (ТОО «Алтын Дала» with
its BIN, an entrepreneur with an IIN …) plus one more saved ``/v3/subject`` page written here, in
which most participants have no BIN or IIN (only a goszakup participant id, as foreign and
unregistered suppliers appear), so they can only be linked by name.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import GOSZAKUP, run_cli
from opentenge.ids.kz import make_valid_bin

ALTYN_DALA = "BIN:120840077883"  # ТОО "Алтын Дала" in tests/fixtures/goszakup_synthetic


def _bins(count: int) -> list[str]:
    out, serial = [], 4100
    while len(out) < count:
        value = make_valid_bin(19, 3, 4, 0, serial)
        serial += 7
        if value:
            out.append(value)
    return out


BINS = _bins(4)
# label -> (bin, pid, name_ru, name_kk)
EXTRA = {
    "zhuldyz_1": (BINS[0], 801, 'ТОО "Жұлдыз Сервис"', '"Жұлдыз Сервис" ЖШС'),
    "zhuldyz_2": (BINS[1], 802, 'ТОО "Жұлдыз Сервис"', '"Жұлдыз Сервис" ЖШС'),  # another company, same name
    "nur_invest": (BINS[2], 803, 'ТОО "Nur Invest"', '"Nur Invest" ЖШС'),
    "orda_montazh": (BINS[3], 804, 'ТОО "Орда Монтаж"', '"Орда Монтаж" ЖШС'),
    "altyn_dala_latin": (None, 901, "ALTYN DALA LLP", ""),
    "altyn_dan": (None, 902, 'ТОО «Алтын Дән»', ""),
    "zhuldyz_loose": (None, 903, "Zhuldyz Servis", ""),
    "nur_invest_group": (None, 905, "Nur Invest Group LLP", ""),
    "orda_montazh_jsc": (None, 906, 'АО "Орда Монтаж"', ""),
    "abishev_latin": (None, 907, "ABISHEV NURLAN", ""),
    "samal_ru": (None, 910, 'ТОО "Самал Сервис"', ""),
    "samal_latin": (None, 911, "SAMAL SERVIS LLP", ""),
}


def key_of(label: str) -> str:
    bin_, pid, _, _ = EXTRA[label]
    return f"BIN:{bin_}" if bin_ else f"GZPID:{pid}"


def subject_page(items: list[dict]) -> dict:
    return {"total": len(items), "limit": 50, "next_page": "", "items": items}


def subject_item(bin_, pid, name_ru, name_kk, updated="2024-02-01 09:00:00") -> dict:
    return {"pid": pid, "bin": bin_, "iin": None, "name_ru": name_ru, "name_kz": name_kk,
            "regdate": "2019-03-01 00:00:00", "customer": 0, "organizer": 0, "supplier": 1,
            "mark_resident": 0 if bin_ is None else 1, "last_update_date": updated}


def write_extra_subjects(folder: Path) -> Path:
    """The extra saved subject page; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "subject.p9.linking.json"
    items = [subject_item(*values) for values in EXTRA.values()]
    path.write_text(json.dumps(subject_page(items), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def linked_store(db, tmp_path):
    from opentenge.ingest.runner import run_ingest
    from opentenge.linking.incremental import run_linking

    run_ingest("goszakup", [GOSZAKUP])
    run_ingest("goszakup", [write_extra_subjects(tmp_path / "extra")])
    return run_linking()


def current(a: str, b: str):
    from opentenge.linking.judgments import current_judgments, ordered

    return current_judgments([a, b]).get(ordered(a, b))


def canonical_of(key: str) -> str:
    from opentenge.linking.models import CanonicalMembership

    return CanonicalMembership.objects.get(org_key=key).canonical_key


def queue_pairs() -> set[tuple[str, str]]:
    from opentenge.linking.judgments import review_queue

    return set(review_queue().values_list("left_key", "right_key"))


def test_link_decides_pairs_by_name_across_scripts(linked_store):
    from opentenge.linking.judgments import ordered
    from opentenge.linking.models import CanonicalMembership
    from opentenge.store.models import Organisation

    summary = linked_store
    assert summary["records"] == Organisation.objects.count() == 6 + len(EXTRA)
    assert summary["candidates"] == summary["auto_match"] + summary["review"] + summary["no_match"]
    # "ALTYN DALA LLP" (no BIN) is ТОО "Алтын Дала" (BIN): automatic, and the BIN names the cluster
    j = current(ALTYN_DALA, key_of("altyn_dala_latin"))
    assert (j.decision, j.source) == ("positive", "auto") and j.score >= 0.9
    assert canonical_of(key_of("altyn_dala_latin")) == ALTYN_DALA
    # "Алтын Дән" is another name: no positive judgment, its own cluster
    j = current(ALTYN_DALA, key_of("altyn_dan"))
    assert j is None or j.decision == "negative"
    assert canonical_of(key_of("altyn_dan")) == key_of("altyn_dan")
    # the entrepreneur in Latin capitals, surname first, is the IIN record
    person = Organisation.objects.get(is_person=True).key
    assert current(person, key_of("abishev_latin")).decision == "positive"
    assert canonical_of(key_of("abishev_latin")) == person
    # two records without identifiers, one Russian one Latin: matched
    assert canonical_of(key_of("samal_latin")) == canonical_of(key_of("samal_ru"))
    # between the thresholds: in the review queue, not merged
    queue = queue_pairs()
    assert ordered(key_of("nur_invest"), key_of("nur_invest_group")) in queue
    assert ordered(key_of("orda_montazh"), key_of("orda_montazh_jsc")) in queue  # ТОО vs АО
    assert canonical_of(key_of("nur_invest_group")) == key_of("nur_invest_group")
    # one row per organisation in the canonical view; clusters = groups of more than one
    assert CanonicalMembership.objects.count() == summary["records"]
    groups = {}
    for row in CanonicalMembership.objects.all():
        groups.setdefault(row.canonical_key, []).append(row.org_key)
    assert summary["clusters"] == sum(1 for members in groups.values() if len(members) > 1)


def test_different_bins_never_merge(linked_store):
    from opentenge.linking.canonical import cluster_keys
    from opentenge.linking.judgments import Current, ordered

    one, two, loose = key_of("zhuldyz_1"), key_of("zhuldyz_2"), key_of("zhuldyz_loose")
    # identical names, different BINs: never a candidate for a positive judgment, never one cluster
    assert current(one, two) is None
    assert canonical_of(one) == one and canonical_of(two) == two
    # a record without BIN that matches both is ambiguous: review, not a guess
    assert current(one, loose).decision == "unsure" and current(two, loose).decision == "unsure"
    from opentenge.linking.models import Judgment

    assert "ambiguous-identifier" in Judgment.objects.filter(left_key=ordered(one, loose)[0],
                                                              right_key=ordered(one, loose)[1]).last().reason
    # even if both links were positive, a cluster never holds two different BINs
    judgments = {ordered(one, loose): Current(1, "positive", "editor", None),
                 ordered(two, loose): Current(2, "positive", "auto", 0.99)}
    mapping = cluster_keys([one, two, loose], judgments)
    assert mapping[loose][0] == one and mapping[two] == (two, 1)


def test_editor_decisions_are_audited_and_survive_rerun(linked_store):
    from django.db.models import Q

    from opentenge.linking import review
    from opentenge.linking.incremental import run_linking
    from opentenge.linking.judgments import ordered
    from opentenge.linking.models import Judgment, ReviewAction

    accept_pair = (key_of("nur_invest"), key_of("nur_invest_group"))
    reject_pair = (key_of("orda_montazh"), key_of("orda_montazh_jsc"))
    review.accept(*accept_pair, user="aigul", reason="same address in the contract")
    review.reject(*reject_pair, user="aigul", reason="the JSC is a different company")
    assert canonical_of(accept_pair[1]) == accept_pair[0]  # the BIN names the cluster
    assert canonical_of(reject_pair[1]) == reject_pair[1]
    assert ordered(*accept_pair) not in queue_pairs() and ordered(*reject_pair) not in queue_pairs()
    log = list(ReviewAction.objects.order_by("id").values_list("kind", "user", "reason"))
    assert log == [("accept", "aigul", "same address in the contract"),
                   ("reject", "aigul", "the JSC is a different company")]

    # a wrong automatic merge, split by an editor
    ru, latin = key_of("samal_ru"), key_of("samal_latin")
    assert current(ru, latin).source == "auto" and canonical_of(ru) == canonical_of(latin)
    review.split([ru], [latin], user="bolat", reason="two firms, different directors")
    assert canonical_of(ru) != canonical_of(latin)
    pair_rows = Q(left_key=ordered(ru, latin)[0], right_key=ordered(ru, latin)[1])
    before = Judgment.objects.filter(pair_rows).count()

    for full in (False, True):  # incremental and full re-runs both leave the editors' decisions alone
        run_linking(full=full)
        assert canonical_of(ru) != canonical_of(latin)
        assert (current(ru, latin).decision, current(ru, latin).source, current(ru, latin).user) == \
            ("negative", "editor", "bolat")
        assert canonical_of(accept_pair[1]) == accept_pair[0]
        assert current(*reject_pair).decision == "negative" and canonical_of(reject_pair[1]) == reject_pair[1]
        assert ordered(*accept_pair) not in queue_pairs() and ordered(*reject_pair) not in queue_pairs()
    assert Judgment.objects.filter(pair_rows).count() == before  # no automatic judgment written over it


def test_judgments_are_append_only(linked_store):
    from opentenge.linking.models import Judgment, ReviewAction

    judgment = Judgment.objects.first()
    judgment.decision = "negative"
    with pytest.raises(PermissionError):
        judgment.save()
    with pytest.raises(PermissionError):
        judgment.delete()
    from opentenge.linking import review

    action = review.reject(key_of("orda_montazh"), key_of("orda_montazh_jsc"), user="aigul", reason="x")
    with pytest.raises(PermissionError):
        ReviewAction.objects.get(pk=action.pk).delete()
    with pytest.raises(ValueError):
        review.accept(key_of("zhuldyz_1"), key_of("zhuldyz_2"), user="aigul")  # two BINs


def test_incremental_run_links_only_what_changed(linked_store, tmp_path):
    from opentenge.ingest.runner import run_ingest
    from opentenge.linking.incremental import run_linking

    again = run_linking()
    assert (again["changed"], again["candidates"], again["judgments_written"]) == (0, 0, 0)

    # a new record arrives, and an old one is renamed (a newer version of the same participant)
    newer = tmp_path / "newer"
    newer.mkdir()
    items = [subject_item(None, 950, "Altyn Dala", ""),
             subject_item(None, 901, "Tengri Logistics LLP", "", updated="2024-06-01 09:00:00")]
    (newer / "subject.p10.linking.json").write_text(json.dumps(subject_page(items), ensure_ascii=False),
                                                    encoding="utf-8")
    run_ingest("goszakup", [newer])
    summary = run_linking()
    assert summary["changed"] == 2
    assert 0 < summary["candidates"] < linked_store["candidates"] + 2
    assert canonical_of("GZPID:950") == ALTYN_DALA
    # the renamed record lost its automatic link: superseded by an automatic negative judgment
    j = current(ALTYN_DALA, "GZPID:901")
    assert (j.decision, j.source) == ("negative", "auto")
    assert canonical_of("GZPID:901") == "GZPID:901"


def test_organisation_page_shows_links_and_their_state(linked_store, client):
    from opentenge.linking import review

    review.reject(key_of("orda_montazh"), key_of("orda_montazh_jsc"), user="aigul", reason="different")
    data = client.get("/en/org/120840077883.json").json()
    linked = {o["key"]: o for o in data["links"]["linked"]}
    assert linked[key_of("altyn_dala_latin")]["state"] == "linked"
    assert linked[key_of("altyn_dala_latin")]["source"] == "auto"
    html = client.get("/en/org/120840077883/").content.decode()
    assert "Same organisation in other records" in html and "ALTYN DALA LLP" in html
    assert "matched automatically" in html
    assert "Басқа жазбалардағы осы ұйым" in client.get("/kk/org/120840077883/").content.decode()
    assert "Эта же организация в других записях" in client.get("/ru/org/120840077883/").content.decode()
    page = client.get(f"/en/org/{BINS[2]}.json").json()  # Nur Invest: one pair awaiting review
    assert [o["key"] for o in page["links"]["awaiting_review"]] == [key_of("nur_invest_group")]
    page = client.get(f"/en/org/{BINS[3]}.json").json()  # Orda Montazh: rejected by an editor
    assert [o["key"] for o in page["links"]["rejected"]] == [key_of("orda_montazh_jsc")]
    assert page["links"]["linked"] == []
    # an organisation with nothing linked has no panel
    assert "links" not in client.get("/en/org/010340045676.json").json()


def test_review_queue_admin_accepts_a_pair(linked_store, admin_client):
    from opentenge.linking.judgments import ordered, review_queue

    response = admin_client.get("/admin/linking/reviewpair/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nur Invest Group LLP" in html and key_of("orda_montazh_jsc") in html
    left, right = ordered(key_of("nur_invest"), key_of("nur_invest_group"))
    pair = review_queue().get(left_key=left, right_key=right)
    page = admin_client.get(f"/admin/linking/reviewpair/{pair.pk}/change/")
    assert page.status_code == 200 and "Nur Invest Group LLP" in page.content.decode()
    response = admin_client.post(f"/admin/linking/reviewpair/{pair.pk}/change/",
                                 {"decision": "accept", "reason": "same phone"})
    assert response.status_code == 302
    assert canonical_of(key_of("nur_invest_group")) == key_of("nur_invest")
    from opentenge.linking.models import ReviewAction

    assert ReviewAction.objects.get().user == "admin"
    # the split page of the cluster just made, and splitting it again
    from opentenge.linking.models import Cluster

    cluster = Cluster.objects.get(org_key=key_of("nur_invest"))
    assert admin_client.get(f"/admin/linking/cluster/{cluster.pk}/change/").status_code == 200
    admin_client.post(f"/admin/linking/cluster/{cluster.pk}/change/",
                      {"move": [key_of("nur_invest_group")], "reason": "wrong"})
    assert canonical_of(key_of("nur_invest_group")) == key_of("nur_invest_group")


def test_cli_link_contract(tmp_path, scratch_database_url):
    url = scratch_database_url
    run_cli("init", database_url=url, check=True)
    run_cli("ingest", "goszakup", str(GOSZAKUP), str(write_extra_subjects(tmp_path / "extra")), "--json",
            database_url=url, check=True)
    result = run_cli("link", "--json", database_url=url, check=True)
    summary = json.loads(result.stdout)
    assert set(summary) >= {"candidates", "auto_match", "review", "no_match", "clusters", "seconds"}
    assert summary["auto_match"] >= 3 and summary["review"] >= 2 and summary["clusters"] >= 3
    again = json.loads(run_cli("link", "--json", database_url=url, check=True).stdout)
    assert again["candidates"] == 0
    full = json.loads(run_cli("link", "--full", "--json", database_url=url, check=True).stdout)
    assert full["candidates"] == summary["candidates"] and full["judgments_written"] == 0
    # the evaluate sub-command parses under the same `link` command
    pairs = tmp_path / "pairs.csv"
    with pairs.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["left", "right", "same"])
        writer.writerow(['ТОО "Алтын Дала"', "ALTYN DALA LLP", 1])
        writer.writerow(['ТОО "Алтын Дала"', 'ТОО "Алтын Дән"', 0])
    evaluated = run_cli("link", "evaluate", "--pairs", str(pairs), "--json", database_url=url, check=True)
    assert json.loads(evaluated.stdout)["pairs"] == 2


def test_api_links_and_latest_run(linked_store, client):
    data = client.get("/api/v1/linking/organisations/120840077883").json()
    assert data["canonical_key"] == ALTYN_DALA
    assert key_of("altyn_dala_latin") in [o["key"] for o in data["linked"]]
    lonely = client.get("/api/v1/linking/organisations/010340045676").json()
    assert lonely == {"canonical_key": "BIN:010340045676", "linked": [], "awaiting_review": [], "rejected": []}
    assert client.get("/api/v1/linking/organisations/999999999999").status_code == 404
    run = client.get("/api/v1/linking/runs/latest").json()
    assert run["candidates"] == linked_store["candidates"] and run["review"] == linked_store["review"]


def test_clusters_follow_positive_judgments_and_respect_negative_ones():
    from opentenge.linking.canonical import cluster_keys
    from opentenge.linking.judgments import Current

    a, b, c, d = "GZPID:1", "GZPID:2", "GZPID:3", "GZPID:4"
    judgments = {
        (a, b): Current(1, "positive", "auto", 0.99),
        (b, c): Current(2, "positive", "auto", 0.91),  # the weakest link of the chain a-b-c
        (a, c): Current(3, "negative", "editor", None, "aigul"),
        (c, d): Current(4, "unsure", "auto", 0.8),
    }
    mapping = cluster_keys([a, b, c, d], judgments)
    assert mapping[a] == mapping[b] == (a, 2)
    assert mapping[c] == (c, 1) and mapping[d] == (d, 1)  # "unsure" joins nothing
    # an editor's positive is applied before any automatic one, whatever the scores
    judgments[(b, c)] = Current(5, "positive", "editor", None, "bolat")
    mapping = cluster_keys([a, b, c, d], judgments)
    assert mapping[b] == mapping[c] and mapping[a] == (a, 1)


def test_blocking_pairs_share_a_key_and_skip_common_keys(tmp_path):
    from opentenge.linking.blocking import Blocker

    with Blocker(tmp_path, max_block=3) as blocker:
        blocker.add(0, {"w:altin dala", "s:ltndl"}, identified=True)
        blocker.add(1, {"w:altin dala"}, identified=False)
        blocker.add(2, {"s:ltndl", "x:common"}, identified=True)
        blocker.add(3, {"x:common"}, identified=False)
        blocker.add(4, {"x:common"}, identified=False)
        blocker.add(5, {"x:common", "w:other"}, identified=False, changed=False)
        pairs = [row for chunk in blocker.pairs() for row in chunk]
    # x:common is held by 4 records > max_block 3: dropped; 0-1 and 0-2 share a key
    assert pairs == [(0, 1, False), (0, 2, True)]
    assert blocker.stats.oversized_blocks == 1 and blocker.stats.identified_pairs == 1
