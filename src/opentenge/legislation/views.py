"""Tracker and explainer pages: thin views over ``queries`` and ``explainers``, each with a JSON twin."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from opentenge.legislation import explainers as ex
from opentenge.legislation import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.downloads import csv_response, text_cell
from opentenge.web.language import page_language
from opentenge.web.views import respond


def act_list(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = q.act_list(request.GET, page_language())
    if format == "csv":
        return csv_response(request, q.csv_tables(data), "acts", "legislation", text_cell)
    return respond(request, "legislation/list.html", data, format)


def act(request: HttpRequest, act_id: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.act_detail(act_id, page_language())
    except NotFound:
        raise Http404(act_id)
    if format == "csv":
        header = ["date", "type", "label", "act", "text", "source_file", "locator", "source_url"]
        rows = [[s["date"], s["type"], s["label"], s["act"], s.get("text", ""), s["source"]["file"],
                 s["source"]["locator"], s["source"]["url"]] for s in data["timeline"]]
        return csv_response(request, {"timeline": (header, rows)}, "timeline", f"legislation-{data['key']}", text_cell)
    return respond(request, "legislation/act.html", data, format)


def _sources(keys) -> list[dict]:
    return [{"name": str(ex.SOURCES[k][0]), "url": ex.SOURCES[k][1]} for k in keys]


def learn(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = {"topics": [{"slug": slug, "title": str(t[0])} for slug, t in ex.TOPICS.items()]}
    return respond(request, "legislation/learn.html", data, format)


def learn_topic(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    if slug not in ex.TOPICS:
        raise Http404(slug)
    title, paragraphs, sources = ex.TOPICS[slug]
    data = {"slug": slug, "title": str(title), "paragraphs": [str(p) for p in paragraphs], "sources": _sources(sources),
            "topics": [{"slug": s, "title": str(t[0])} for s, t in ex.TOPICS.items()]}
    return respond(request, "legislation/topic.html", data, format)


def quiz(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = {"answers": [{"code": c, "label": str(label)} for c, label in ex.ANSWERS.items()],
            "scenarios": [{"n": n, "situation": str(s), "answer": a, "answer_label": str(ex.ANSWERS[a]),
                           "explanation": str(e)} for n, (a, s, e) in enumerate(ex.SCENARIOS, start=1)],
            "sources": _sources(["cc", "anticorr", "oecd"])}
    return respond(request, "legislation/quiz.html", data, format)


def glossary(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = {"terms": [{"term": str(t), "definition": str(d)} for t, d in ex.GLOSSARY],
            "sources": _sources(["anticorr", "councils", "legalacts", "oecd"])}
    return respond(request, "legislation/glossary.html", data, format)


def councils(request: HttpRequest, format: str | None = None) -> HttpResponse:
    return respond(request, "legislation/councils.html", q.councils(page_language()), format)
