"""Possible links between a person in office and company roles held by someone of the same name.

A company register row says only "<name> heads BIN X". Two people can share a name, and one
person is spelled differently in Kazakh, Russian and Latin, so a link is never asserted from the
name alone: we show it as *possible*, with the name score and whatever an editor decided
(docs/possible-links.md). Editors decide through opentenge.linking's judgments on the pair
(``PERSON:<person key>``, ``ROLE:<BIN>:<role>:<name hash>``): positive = confirmed, negative =
rejected; anything else is unreviewed.

Blocking: roles whose folded name starts with the same surname (first word) as one of the
person's names; scoring: ``opentenge.linking.compare.compare`` when present, otherwise exact
equality of the folded names (the fallback is named in each result's ``method``).
"""
from __future__ import annotations

import hashlib

from opentenge.ids.search import search_key

MAX_CANDIDATES = 200


def person_link_key(person_key: str) -> str:
    return f"PERSON:{person_key}"[:64]


def role_link_key(role) -> str:
    digest = hashlib.sha1(role.name_key.encode("utf-8")).hexdigest()[:12]
    return f"ROLE:{role.organisation_bin}:{role.role}:{digest}"


def _scorer():
    """``(score_function, method name)``: the linker's comparison, or exact folded equality."""
    try:
        from opentenge.linking.compare import compare
    except ImportError:
        compare = None
    if compare is not None:
        def score(a: str, b: str):
            result = compare(a, b, person=True) if _takes_person(compare) else compare(a, b)
            return float(result.score), str(result.decision), list(getattr(result, "reasons", []) or [])
        return score, "opentenge.linking.compare"

    def exact(a: str, b: str):
        same = search_key(a) == search_key(b)
        return (1.0 if same else 0.0), ("review" if same else "no-match"), ["folded names equal" if same else
                                                                            "folded names differ"]
    return exact, "exact folded name (opentenge.linking.compare not available)"


def _takes_person(function) -> bool:
    import inspect

    try:
        return "person" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def editor_states(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """``{(person_key, role_key): {"state", "score"}}`` from linking's current judgments."""
    try:
        from opentenge.linking.judgments import current_judgments, ordered
    except ImportError:
        return {}
    keys = {k for pair in pairs for k in pair}
    if not keys:
        return {}
    current = current_judgments(keys)
    states = {}
    for a, b in pairs:
        judgment = current.get(ordered(a, b))
        if judgment is None:
            continue
        if judgment.source == "editor":
            state = {"positive": "confirmed", "negative": "rejected"}.get(judgment.decision, "unreviewed")
        else:
            state = "unreviewed"
        states[(a, b)] = {"state": state, "judgment_id": judgment.id}
    return states


def possible_links(person) -> list[dict]:
    """Company roles held by a namesake of ``person``, best score first; rejected ones last."""
    from opentenge.politics.models import CompanyRole

    names = [n for n in (person.name_ru, person.name_kk, person.name_en) if n]
    surnames = {search_key(n).split(" ")[0] for n in names if search_key(n)}
    if not surnames:
        return []
    candidates = []
    for surname in sorted(surnames):
        candidates.extend(CompanyRole.objects.select_related("source_file").filter(name_key__startswith=f"{surname} ")
                          .order_by("id")[:MAX_CANDIDATES])
    score, method = _scorer()
    found: dict[str, dict] = {}
    for role in candidates:
        best = max((score(name, role.person_name) + (name,) for name in names), key=lambda r: r[0])
        value, decision, reasons, matched_name = best
        if decision == "no-match" and value < 0.5:
            continue
        key = role_link_key(role)
        if key in found and found[key]["score"] >= value:
            continue
        found[key] = {
            "role_key": key, "organisation_bin": role.organisation_bin,
            "organisation_name": role.organisation_name_ru or role.organisation_name_kk,
            "role": role.role, "person_name_in_register": role.person_name, "compared_with": matched_name,
            "score": round(value, 3), "decision": decision, "reasons": reasons, "method": method,
            "state": "unreviewed", "source_url": role.source_url,
            "provenance": {"source": role.source, "locator": role.locator,
                           "file": role.source_file.path if role.source_file_id else ""},
        }
    pkey = person_link_key(person.key)
    for (a, b), state in editor_states([(pkey, k) for k in found]).items():
        found[b].update(state)
    order = {"confirmed": 0, "unreviewed": 1, "rejected": 2}
    return sorted(found.values(), key=lambda r: (order[r["state"]], -r["score"], r["organisation_bin"]))


def people_for_role(role) -> list[dict]:
    """Persons in office whose name is like the role holder's (the reverse of ``possible_links``)."""
    from opentenge.politics.models import Person

    surname = role.name_key.split(" ")[0]
    if not surname:
        return []
    score, method = _scorer()
    found = []
    for person in Person.objects.filter(search_text__contains=surname).order_by("key")[:MAX_CANDIDATES]:
        names = [n for n in (person.name_ru, person.name_kk, person.name_en) if n]
        value, decision, reasons = max((score(n, role.person_name) for n in names), key=lambda r: r[0])
        if decision == "no-match" and value < 0.5:
            continue
        found.append({"person_key": person.key, "name": person.name_ru or person.name_kk, "score": round(value, 3),
                      "method": method, "state": "unreviewed"})
    role_key = role_link_key(role)
    states = editor_states([(person_link_key(f["person_key"]), role_key) for f in found])
    for f in found:
        f.update(states.get((person_link_key(f["person_key"]), role_key), {}))
    return [f for f in found if f["state"] != "rejected"]
