"""Score whether two names (with optional BIN and region) are one organisation or person.

``compare(a, b)`` returns a :class:`Comparison`: a score in 0..1, a decision, and short
machine-readable reasons. The decision follows the score and two documented thresholds, so a
caller may also threshold the score itself:

* ``score >= MATCH_THRESHOLD``  -> ``"match"``  (an automatic positive judgment may be stored)
* ``score >= REVIEW_THRESHOLD`` -> ``"review"`` (goes to the editors' review queue)
* otherwise                     -> ``"no-match"``

Evidence that overrides the names caps the score below a threshold, with a reason:

* ``bin-equal``: both BINs/IINs given and equal -> score 1.0 (the identifier is the entity).
* ``bin-differs``: both given and different -> at most half the review threshold. Two different
  BINs are two legal persons however alike their names (branches have their own BIN too).
* ``number-differs``: the names carry different numbers (``школа №10`` vs ``№12``) -> no-match.
* ``legal-form-differs`` (ТОО vs АО), ``region-differs``, ``gender-differs`` (Абишев vs Абишева),
  ``patronymic-differs``, ``token-differs`` (each name has a word the other lacks: ``Nur Invest``
  vs ``Nur Trade``), ``near-token`` (two aligned words one consonant apart in a short word:
  ``Сәуле`` vs ``Сәулет``, ``Ерлан`` vs ``Ержан``), ``initial`` -> at most review.

``Алтын Дала`` vs ``Алтын Дән`` needs no cap: ``dala``/``dan`` do not align (similarity 0.5), so
the score is 1/3.

How the name score is made (method and measured accuracy in docs/linking.md):

1. Both names go through :func:`opentenge.ids.names.normalize` (legal form cut, quotes gone,
   Kazakh/Russian/Latin folded to one key).
2. Names of state bodies and institutions get the kk/ru glossary of
   :mod:`opentenge.ids.glossary` (``басқармасы`` = ``управление`` = ``@department``); generic
   words (``@ministry``, ``@firm``) weigh 0.3 of a distinctive word.
3. Words are aligned one to one in any order (person names come in both orders). Two words are
   similar by the optimal-string-alignment similarity of rapidfuzz (a typo or a swap of two
   letters costs one edit); words of three letters or fewer, and numbers, must be equal.
   Pairs below 0.7 do not count as aligned.
4. The score is the weighted share of aligned similarity over all words of both names. A name
   written without spaces (``АқжолТранс`` = ``Ақжол-Транс``) scores 1.0.
5. Persons (``person=True``, or an IE form, or a name shaped like ``Surname Given Patronymic``):
   a patronymic present on one side only is ignored; if both have one, their stems are compared
   (``Мажитович`` ~ ``Мәжитұлы``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from opentenge.ids.glossary import GENERIC_CONCEPTS, STEM_MARK, concept_tokens, looks_institutional
from opentenge.ids.legal_forms import forms_compatible
from opentenge.ids.names import NameForm, normalize, split_patronymic
from opentenge.ids.search import search_key

__all__ = ["MATCH_THRESHOLD", "REVIEW_THRESHOLD", "Comparison", "compare", "name_keys"]

# Chosen on tests/fixtures/linking/pairs_synthetic.csv (docs/linking.md, "Why these thresholds").
MATCH_THRESHOLD: float = 0.90
REVIEW_THRESHOLD: float = 0.70

GENERIC_WEIGHT = 0.3  # a generic concept word (@ministry, @firm) against a distinctive word
TOKEN_FLOOR = 0.7  # word similarity below this is not an alignment
NEAR_TOKEN = 0.875  # an aligned pair of unequal words below this (one edit in a word of up to
# 7 letters: Сәуле/Сәулет, Ерлан/Ержан) sends the pair to review, unless only vowels differ
REGION_BONUS = 0.02


@dataclass(frozen=True)
class Comparison:
    score: float
    decision: str  # "match" | "no-match" | "review"
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"score": self.score, "decision": self.decision, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class _Analysed:
    form: NameForm
    joined: str  # folded without spaces
    institutional: bool
    could_be_person: bool  # no legal form but IE, 2-4 words, no digits, not an institution
    person_shaped: bool  # and a word ends like a surname or a patronymic


_SURNAME_END = re.compile(r"(?:ov|ev|ova|eva|in|ina|iev|ieva|ko|enko|uk|iuk|skii|skaia|uli|kizi|bek|bai)$")
_DIGIT = re.compile(r"\d")
# Абишев / Абишева, Ильин / Ильина: one surname in the masculine and the feminine form.
_FEMININE = re.compile(r"^(\w+(?:ov|ev|in))a? \1a?$")


@lru_cache(maxsize=200_000)
def _analyse(text: str) -> _Analysed:
    form = normalize(text)
    institutional = looks_institutional(form.folded, form.legal_form)
    tokens = form.tokens
    could_be_person = (form.legal_form in (None, "IE", "FARM") and not institutional
                       and 2 <= len(tokens) <= 4 and not any(_DIGIT.search(t) for t in tokens))
    # "none": a missing patronymic printed by Python in the Mazhilis API data (ТАУ Нұргүл None)
    person_shaped = could_be_person and (tokens[-1] == "none" or any(
        _SURNAME_END.search(t) or split_patronymic(t) for t in tokens))
    return _Analysed(form=form, joined=form.folded.replace(" ", ""), institutional=institutional,
                     could_be_person=could_be_person, person_shaped=person_shaped)


_VOWELS = re.compile("[aeiou]")


def _vowels_only(a: str, b: str) -> bool:
    """True when two words differ only in vowels (Өтеғұл/Утегул, Гүлнар/Гульнара)."""
    return _VOWELS.sub("", a) == _VOWELS.sub("", b)


def _near_tokens(pairs) -> bool:
    """Some aligned words differ by more than a spelling variant (see NEAR_TOKEN)."""
    return any(s < NEAR_TOKEN and x[0] != "@" and min(len(x), len(y)) > 1 and not _vowels_only(x, y)
               for x, y, s in pairs)


def _token_similarity(a: str, b: str, stems: bool) -> float:
    if a == b:
        return 1.0
    if a[0] == "@" or b[0] == "@" or _DIGIT.search(a) or _DIGIT.search(b):
        return 0.0
    if stems and (a[-1] == STEM_MARK or b[-1] == STEM_MARK):
        # A place adjective of an institution, its ending cut (Алматинской -> almatin~): it
        # matches the place name by prefix (Алматы, Кызылорда).
        a, b = a.rstrip(STEM_MARK), b.rstrip(STEM_MARK)
        if a == b:
            return 1.0
        common = 0
        for x, y in zip(a, b):
            if x != y:
                break
            common += 1
        if common >= 5 and common >= min(len(a), len(b)) - 1:
            return 0.95
    if min(len(a), len(b)) <= 3:
        return 0.0
    return OSA.normalized_similarity(a, b)


def _weight(token: str) -> float:
    return GENERIC_WEIGHT if token in GENERIC_CONCEPTS else 1.0


def _align(ta: tuple[str, ...], tb: tuple[str, ...], stems: bool):
    """Greedy one-to-one alignment by similarity; returns (pairs, unmatched_a, unmatched_b)."""
    candidates = []
    for i, x in enumerate(ta):
        for j, y in enumerate(tb):
            s = _token_similarity(x, y, stems)
            if s >= TOKEN_FLOOR:
                candidates.append((s, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a, used_b, pairs = set(), set(), []
    for s, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((ta[i], tb[j], s))
    rest_a = [t for i, t in enumerate(ta) if i not in used_a]
    rest_b = [t for j, t in enumerate(tb) if j not in used_b]
    return pairs, rest_a, rest_b


def _weighted_score(pairs, rest_a, rest_b) -> float:
    num = den = 0.0
    for x, y, s in pairs:
        w = (_weight(x) + _weight(y)) / 2
        num += w * s
        den += w
    den += sum(_weight(t) for t in rest_a) + sum(_weight(t) for t in rest_b)
    return num / den if den else 0.0


def _numbers(tokens) -> set[str]:
    return {t for t in tokens if _DIGIT.search(t)}


def _closest_stems(pa: tuple[str, ...], pb: tuple[str, ...]) -> tuple[str, str]:
    """The pair of candidate patronymic stems that are most alike (see _patronymic_stems)."""
    return max(((x, y) for x in pa for y in pb), key=lambda xy: (_vowels_only(*xy), _token_similarity(*xy, False)))


def _patronymic_stems(token: str) -> tuple[str, ...] | None:
    """Candidate stems of a folded patronymic. ``Серікқызы`` folds to ``serikizi`` (the doubled
    k collapses), so a -kizi stem may have lost its last k: both ``seri`` and ``serik``."""
    stem = split_patronymic(token)
    if stem is None:
        return None
    return (stem, stem + "k") if token.endswith("kizi") else (stem,)


def _unglue(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """Split a word that is two words of the other name written without a space.

    ``BALIEVA ZagipaYahyanovna`` (parlam.kz via EveryPolitician) = ``Балиева Загипа Яхяновна``:
    ``zagipaiakianovna`` starts with ``zagipa`` of the other name, so it becomes two words.
    """
    out: list[str] = []
    for t in tokens:
        if t not in other:
            for u in other:
                if u not in tokens and len(u) >= 3 and len(t) - len(u) >= 3:
                    if t.startswith(u):
                        out.extend((u, t[len(u):]))
                        break
                    if t.endswith(u):
                        out.extend((t[: -len(u)], u))
                        break
            else:
                out.append(t)
        else:
            out.append(t)
    return tuple(out)


def _person_score(a: _Analysed, b: _Analysed, reasons: list[str]) -> tuple[float, bool]:
    """Score two person names; returns (score, hard_conflict)."""
    def parts(tokens):
        patronymic, rest = None, []
        for t in tokens:
            if t == "none":  # a missing patronymic printed by Python (Mazhilis API data)
                continue
            stem = _patronymic_stems(t) if len(tokens) >= 3 else None
            if stem and patronymic is None:
                patronymic = stem
            else:
                rest.append(t)
        return patronymic, tuple(rest)

    ta, tb = _unglue(a.form.tokens, b.form.tokens), _unglue(b.form.tokens, a.form.tokens)
    pa, ra = parts(ta)
    pb, rb = parts(tb)
    pairs, rest_a, rest_b = _align(ra, rb, stems=False)
    # Initials: "Абишев Н." ~ "Абишев Нұрлан".
    for x in list(rest_a):
        for y in list(rest_b):
            if (len(x) == 1 or len(y) == 1) and x[0] == y[0]:
                pairs.append((x, y, 0.75))
                rest_a.remove(x)
                rest_b.remove(y)
                reasons.append("initial")
                break
    conflict = False
    for k, (x, y, s) in enumerate(pairs):
        if s < 1.0 and _FEMININE.match(x + " " + y):
            reasons.append("gender-differs")
            conflict = True
        elif s < 1.0 and _vowels_only(x, y):  # Гүлнар/Гульнара: a Russian spelling, not a typo
            pairs[k] = (x, y, max(s, 0.95))
    # An initial left over on one side may stand for the other side's patronymic (Абишев Н.Б.).
    for rest, own, other_p in ((rest_a, pa, pb), (rest_b, pb, pa)):
        initials = [t for t in rest if len(t) == 1]
        if initials and other_p and not own and initials[-1] == other_p[0][0]:
            rest.remove(initials[-1])
            pairs.append((initials[-1], other_p[0], 0.75))
            reasons.append("initial")
            pa = pb = None  # consumed
            break
    if _near_tokens(pairs):
        reasons.append("near-token")
        conflict = True
    if "initial" in reasons:  # an initial is a hint, never proof: at most review
        conflict = True
    if pa and pb:
        pa, pb = _closest_stems(pa, pb)
        s = _token_similarity(pa, pb, stems=False) if min(len(pa), len(pb)) > 3 else float(pa == pb)
        if _vowels_only(pa, pb):  # Сергейұлы/Сергеевич (serg-ei/serg), Өтеғұлұлы/Утегулович
            pairs.append((pa, pb, max(s, 0.95)))
        elif s >= TOKEN_FLOOR and s >= NEAR_TOKEN:
            pairs.append((pa, pb, max(s, 0.95)))
        elif s >= TOKEN_FLOOR:
            pairs.append((pa, pb, s))
            reasons.append("patronymic-near")
            conflict = True
        else:
            reasons.append("patronymic-differs")
            rest_a.append(pa)
            rest_b.append(pb)
            conflict = True
    elif pa or pb:
        reasons.append("patronymic-missing")
    return _weighted_score(pairs, rest_a, rest_b), conflict


def _clean_id(value: str | None) -> str | None:
    if value is None:
        return None
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return digits or None


def _decide(score: float) -> str:
    if score >= MATCH_THRESHOLD:
        return "match"
    if score >= REVIEW_THRESHOLD:
        return "review"
    return "no-match"


_BELOW_MATCH = MATCH_THRESHOLD - 0.01
_BELOW_REVIEW = REVIEW_THRESHOLD / 2


def compare(a: str, b: str, *, bin_a: str | None = None, bin_b: str | None = None,
            region_a: str | None = None, region_b: str | None = None,
            person: bool | None = None) -> Comparison:
    """Compare two names; see the module docstring for the score and the reasons."""
    reasons: list[str] = []
    id_a, id_b = _clean_id(bin_a), _clean_id(bin_b)
    if id_a and id_b and id_a == id_b:
        return Comparison(score=1.0, decision="match", reasons=("bin-equal",))
    x, y = _analyse(a or ""), _analyse(b or "")
    fa, fb = x.form, y.form
    cap = 1.0
    if person is None:
        person = ((fa.legal_form == "IE" or fb.legal_form == "IE" or x.person_shaped or y.person_shaped)
                  and x.could_be_person and y.could_be_person)
    if not fa.tokens or not fb.tokens:
        score = 0.0
        reasons.append("empty-name")
    elif x.joined == y.joined:
        score = 1.0
        reasons.append("same-folded" if fa.folded == fb.folded else "same-without-spaces")
    elif person:
        score, conflict = _person_score(x, y, reasons)
        if conflict:
            cap = min(cap, _BELOW_MATCH)
    else:
        institutional = x.institutional or y.institutional
        ta = concept_tokens(fa.tokens, institutional)
        tb = concept_tokens(fb.tokens, institutional)
        if sorted(ta) == sorted(tb):
            score = 1.0
            reasons.append("same-words" if not institutional else "same-concepts")
        else:
            pairs, rest_a, rest_b = _align(ta, tb, stems=institutional)
            score = _weighted_score(pairs, rest_a, rest_b)
            distinct_a = [t for t in rest_a if t not in GENERIC_CONCEPTS]
            distinct_b = [t for t in rest_b if t not in GENERIC_CONCEPTS]
            if distinct_a and distinct_b:
                reasons.append("token-differs")
                cap = min(cap, _BELOW_MATCH)
            if _near_tokens(pairs):
                reasons.append("near-token")
                cap = min(cap, _BELOW_MATCH)
            elif distinct_a or distinct_b:
                reasons.append("extra-token")
        if _numbers(ta) != _numbers(tb) and (_numbers(ta) or _numbers(tb)):
            reasons.append("number-differs")
            cap = min(cap, _BELOW_REVIEW)
    if not forms_compatible(fa.legal_form, fb.legal_form):
        reasons.append("legal-form-differs")
        cap = min(cap, _BELOW_MATCH)
    elif fa.legal_form and fb.legal_form:
        reasons.append("legal-form-same")
    if region_a and region_b:
        if search_key(region_a) == search_key(region_b):
            reasons.append("region-same")
            score = min(1.0, score + REGION_BONUS)
        else:
            reasons.append("region-differs")
            cap = min(cap, _BELOW_MATCH)
    if id_a and id_b:  # different identifiers: two legal persons
        reasons.append("bin-differs")
        cap = min(cap, _BELOW_REVIEW)
    score = round(max(0.0, min(score, cap)), 4)
    return Comparison(score=score, decision=_decide(score), reasons=tuple(reasons))


def name_keys(form: NameForm) -> set[str]:
    """Blocking keys of a normalised name (see :func:`_name_keys`); a new set each call."""
    return set(_name_keys(form))


@lru_cache(maxsize=200_000)
def _name_keys(form: NameForm) -> frozenset[str]:
    """Blocking keys: names that may be the same share at least one key (a few keys per name).

    * ``w:`` the sorted words (after the glossary for institutions, without a patronymic for
      person-shaped names): equal for every script, quote, legal-form and word-order variant.
    * ``p:`` the first four letters of the two longest distinctive words, sorted: survives a typo
      after the fourth letter and a missing or extra generic word.
    * ``t:`` each of those two words whole (five letters or more): survives a typo anywhere in
      the other word. Common words make big blocks; the blocker drops blocks that are too big
      (``opentenge.linking.blocking.MAX_BLOCK``), so a name is then found by its rarer keys.
    * ``s:`` the consonant skeleton of the name without spaces: survives vowel typos and
      spacing (``АқжолТранс``).
    """
    if not form.tokens:
        return frozenset()
    institutional = looks_institutional(form.folded, form.legal_form)
    tokens = concept_tokens(form.tokens, institutional)
    if len(tokens) >= 3 and not institutional:
        tokens = tuple(t for t in tokens if t == "none" or not split_patronymic(t)) or tokens
    tokens = tuple(t for t in tokens if t != "none")
    if institutional:  # Алматинской (almatin~) and Алматы (almati) share "almat"
        tokens = tuple(t if t[0] == "@" else t.rstrip(STEM_MARK)[:5] for t in tokens)
    keys = {"w:" + " ".join(sorted(tokens))}
    distinctive = sorted((t for t in tokens if t not in GENERIC_CONCEPTS), key=lambda t: (-len(t), t))[:2]
    if distinctive:
        keys.add("p:" + " ".join(sorted(t[:4] for t in distinctive)))
        keys.update("t:" + t for t in distinctive if len(t) >= 5)
    words = [t for t in tokens if t[0] != "@"]
    for joined in {"".join(words), "".join(sorted(words))}:  # as written, and order-free
        skeleton = _SKELETON.sub("", joined)
        if len(skeleton) >= 3:
            keys.add("s:" + skeleton)
    return frozenset(keys)


_SKELETON = re.compile("[aeiou]")
