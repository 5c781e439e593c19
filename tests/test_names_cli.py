"""``opentenge names normalize|compare`` and ``opentenge link evaluate``: JSON shapes and exit codes.

These commands never touch the database; they run as real subprocesses.
"""
from __future__ import annotations

import json
import subprocess

from conftest import FIXTURES, OPENTENGE, REPO


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([OPENTENGE, *args], capture_output=True, text=True, timeout=120, cwd=REPO)


def test_names_normalize_json():
    result = cli("names", "normalize", "ЖШС «Алтын Дала»", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"input": "ЖШС «Алтын Дала»", "latin": "Altyn Dala", "folded": "altin dala",
                                         "legal_form": "LLP", "tokens": ["altin", "dala"]}
    person = json.loads(cli("names", "normalize", "Нұрлан Әбішев", "--json").stdout)
    assert person["latin"] == "Nūrlan Äbışev" and person["legal_form"] is None
    assert person["tokens"] == ["nurlan", "abishev"]


def test_names_normalize_plain():
    result = cli("names", "normalize", 'ТОО "Алтын Дала"')
    assert result.returncode == 0
    assert "LLP" in result.stdout and "altin dala" in result.stdout and "Altyn Dala" in result.stdout


def test_names_compare_json():
    match = json.loads(cli("names", "compare", "ABISHEV NURLAN", "Нұрлан Әбішев", "--json").stdout)
    assert match["decision"] == "match" and match["score"] == 1.0 and isinstance(match["reasons"], list)
    differ = json.loads(cli("names", "compare", "Алтын Дала", "Алтын Дән", "--json").stdout)
    assert differ["decision"] == "no-match" and 0 <= differ["score"] < 0.7
    bins = json.loads(cli("names", "compare", 'ТОО "Алтын Дала"', "Altyn Dala LLP", "--bin-a", "070240017648",
                          "--bin-b", "070340007367", "--json").stdout)
    assert bins["decision"] == "no-match" and "bin-differs" in bins["reasons"]
    review = json.loads(cli("names", "compare", 'ТОО "Алтын Дала"', 'АО "Алтын Дала"', "--json").stdout)
    assert review["decision"] == "review" and "legal-form-differs" in review["reasons"]


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_link_evaluate_counts(tmp_path):
    # Decisions known from the golden tests: two matches (one labelled wrong), one review
    # (labelled same), one no-match (labelled same), one no-match (labelled different).
    pairs = _write(tmp_path / "pairs.csv", "\n".join([
        "left,right,same",
        'ЖШС «Алтын Дала»,Altyn Dala LLP,1',                 # match, right
        'ABISHEV NURLAN,Нұрлан Әбішев,0',                    # match, labelled different: false match
        'ТОО «Алтын Дала»,АО «Алтын Дала»,1',                # review: not an automatic match
        'Алтын Дала,Алтын Дән,1',                            # no-match, labelled same: missed
        'Береке Строй,Nomad Energy,0',                       # no-match, right
    ]) + "\n")
    result = cli("link", "evaluate", "--pairs", pairs, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # precision = 1 true match / 2 automatic matches; recall = 1 / 3 labelled same
    assert data["pairs"] == 5
    assert data["precision"] == 0.5
    assert data["recall"] == round(1 / 3, 4)
    assert data["f1"] == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 4)
    assert data["review"] == 1 and data["review_positive"] == 1
    assert data["matched"] == 2 and data["false_matches"] == 1


def test_link_evaluate_fixture_sets():
    for name in ("pairs_synthetic.csv", "pairs_real.csv"):
        data = json.loads(cli("link", "evaluate", "--pairs", str(FIXTURES / "linking" / name), "--json").stdout)
        assert {"pairs", "precision", "recall", "f1", "review"} <= set(data)
        assert data["precision"] >= 0.98 and data["recall"] >= 0.90, (name, data)
        lines = (FIXTURES / "linking" / name).read_text(encoding="utf-8").count("\n") - 1
        assert data["pairs"] <= lines  # quoted names may hold no newline; one pair per line here
        assert data["pairs"] == lines


def test_link_evaluate_plain_table_with_errors():
    result = cli("link", "evaluate", "--pairs", str(FIXTURES / "linking" / "pairs_real.csv"), "--errors")
    assert result.returncode == 0
    assert "precision" in result.stdout and "all" in result.stdout


def test_link_evaluate_bad_value_names_file_line_column(tmp_path):
    pairs = _write(tmp_path / "bad.csv", "left,right,same\nА,Б,1\nА,В,maybe\n")
    result = cli("link", "evaluate", "--pairs", pairs, "--json")
    assert result.returncode == 2
    assert "bad.csv" in result.stderr and "line 3" in result.stderr and "'same'" in result.stderr
    assert "maybe" in result.stderr and result.stdout == ""


def test_link_evaluate_missing_column_and_empty_name(tmp_path):
    result = cli("link", "evaluate", "--pairs", _write(tmp_path / "nocol.csv", "left,right\nА,Б\n"))
    assert result.returncode == 2 and "nocol.csv" in result.stderr and "line 1" in result.stderr
    assert "'same'" in result.stderr
    result = cli("link", "evaluate", "--pairs", _write(tmp_path / "empty.csv", "left,right,same\nА,,1\n"))
    assert result.returncode == 2 and "line 2" in result.stderr and "'right'" in result.stderr
    result = cli("link", "evaluate", "--pairs", str(tmp_path / "absent.csv"))
    assert result.returncode == 2 and "absent.csv" in result.stderr
