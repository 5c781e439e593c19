"""A demonstration register, filed through ``services`` exactly as people would file it.

Nothing is inserted directly: demo users (one filer per registrant, one moderator; no usable
password) register organisations already in the database, a moderator approves them, and reports
for the last completed quarters go through draft → submitted → published. Among them, on purpose:
one amended report (two versions), one withdrawn, one filed late, one returned with a comment and
submitted again, one still waiting for moderation — every state a reader of the register meets.

Idempotent: an organisation already in the register is left alone, so a second run adds nothing.
Deterministic for a given seed and database (the choices come from ``random.Random(seed)``; dates
follow today's calendar quarter).
"""
from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from opentenge.accounts.roles import MODERATOR
from opentenge.ids.kz import is_valid_bin
from opentenge.legislation.models import LegislativeAct
from opentenge.lobbying import services
from opentenge.lobbying.deadlines import due_date, quarter_end
from opentenge.lobbying.models import BudgetBand, Registrant, RegistrantKind
from opentenge.store.models import Organisation

REGISTRANTS = 6
KINDS = [RegistrantKind.CONSULTANCY, RegistrantKind.COMPANY, RegistrantKind.ASSOCIATION, RegistrantKind.NGO,
         RegistrantKind.THINK_TANK, RegistrantKind.UNION]
STATE_BODY = re.compile(r"министерств|акимат|комитет|агентств|ГУ\s|государственное учреждение|парламент|мажилис",
                        re.IGNORECASE)
FALLBACK_BODIES = ["Министерство национальной экономики Республики Казахстан",
                   "Министерство энергетики Республики Казахстан", "Мажилис Парламента Республики Казахстан"]
FALLBACK_LOBBYISTS = [("Айгерим Жумабекова", "главный эксперт", "Министерство национальной экономики Республики Казахстан"),
                      ("Ерлан Садыков", "советник министра", "Министерство энергетики Республики Казахстан"),
                      ("Динара Ким", None, None), ("Марат Оспанов", None, None)]
# Filers in Kazakhstan would write in Russian or Kazakh; the demo does the same.
ISSUES = ["Налоговые льготы для проектов возобновляемой энергетики", "Закупки у отечественных товаропроизводителей",
          "Лицензии на недропользование и роялти", "Доступ НПО к государственному социальному заказу",
          "Обязанности онлайн-платформ по защите персональных данных", "Тарифы на тепло и воду",
          "Условия труда и заработная плата в горнодобывающей отрасли"]
SUBJECTS = ["Изложили позицию организации по проекту", "Обсудили сроки публичного обсуждения",
            "Передали письменные поправки", "Ответили на вопросы рабочей группы"]
# Non-commercial legal forms (ОО, ОФ, ОЮЛ, associations, unions, foundations), for the kinds that are NGOs.
NON_COMMERCIAL = re.compile(r"^\W*(ОО|ОФ|ОЮЛ|ҚБ|РОО|ЧФ|КФ)\b|ассоциац|союз|фонд|объединени|қауымдастығы|одағы",
                            re.IGNORECASE)
NON_COMMERCIAL_KINDS = {RegistrantKind.NGO, RegistrantKind.UNION, RegistrantKind.THINK_TANK, RegistrantKind.ASSOCIATION}
OFFICIALS = [("Н. Абдрахманов", "вице-министр"), ("С. Жаксылыкова", "директор департамента"),
             ("Т. Бекмуханов", "депутат Мажилиса"), ("А. Ли", "руководитель управления")]
DEMO_DOMAIN = "demo.opentenge.invalid"


def _user(username: str, first_name: str, moderator: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": username,
                                                                            "first_name": first_name})
    if created:
        user.set_unusable_password()
        user.save()
    if moderator:
        user.groups.add(Group.objects.get_or_create(name=MODERATOR)[0])
    return user


def _candidates() -> tuple[list[Organisation], list[str]]:
    """Organisations that could lobby (not people, not state bodies) and names of state bodies."""
    lobbying, bodies = [], []
    for org in Organisation.objects.filter(is_person=False, bin__isnull=False).order_by("bin")[:2000]:
        name = org.name_ru or org.name_kk
        if not name or not is_valid_bin(org.bin):
            continue
        (bodies if STATE_BODY.search(name) else lobbying).append(org)
    return lobbying, [str(b)[:300] for b in bodies[:8]] or FALLBACK_BODIES


def _choose(rng: random.Random, lobbying: list[Organisation]) -> list[Organisation]:
    """One organisation per kind, of a fitting legal form where the database has one."""
    non_commercial = [o for o in lobbying if NON_COMMERCIAL.search(str(o))]
    commercial = [o for o in lobbying if o not in non_commercial]
    chosen: list[Organisation] = []
    for kind in KINDS[:min(REGISTRANTS, len(lobbying))]:
        pools = (non_commercial, commercial) if kind in NON_COMMERCIAL_KINDS else (commercial, non_commercial)
        pool = [o for o in pools[0] if o not in chosen] or [o for o in pools[1] if o not in chosen]
        chosen.append(rng.choice(pool))
    return chosen


def _former_officials(rng: random.Random) -> list[tuple[str, str | None, str | None, dt.date | None, dt.date | None]]:
    """People who held a public office that has ended (politics data when loaded), else plain names."""
    try:
        from opentenge.politics.models import Position

        rows = list(Position.objects.filter(is_current=False, start_date__isnull=False)
                    .select_related("person").order_by("key")[:50])
    except Exception:  # the politics tables may not exist in a minimal database
        rows = []
    people = [((p.person.name_ru or p.person.name_kk)[:300], (p.role_ru or p.chamber)[:300],
               (p.organisation_name or p.get_chamber_display())[:300], p.start_date, p.end_date)
              for p in rows if (p.person.name_ru or p.person.name_kk)]
    if people:
        rng.shuffle(people)
        return people
    return [(n, pos, body, dt.date(2014 + i, 3, 1) if pos else None, dt.date(2019 + i, 6, 30) if pos else None)
            for i, (n, pos, body) in enumerate(FALLBACK_LOBBYISTS)]


def _last_quarters(today: dt.date, n: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(n):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        out.append((year, quarter))
    return list(reversed(out))


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _content(rng: random.Random, year: int, quarter: int, bodies: list[str], bills: list[int], clients) -> dict:
    start = dt.date(year, quarter * 3 - 2, 1)
    days = (quarter_end(year, quarter) - start).days
    chosen_bills = rng.sample(bills, min(len(bills), rng.randint(1, 2))) if bills else []
    meetings = []
    for _ in range(rng.randint(1, 3)):
        official, position = rng.choice(OFFICIALS)
        meetings.append({"date": start + dt.timedelta(days=rng.randint(0, days)), "official_name": official,
                         "official_position": position, "body_name": rng.choice(bodies),
                         "subject": rng.choice(SUBJECTS), "bill_id": rng.choice(chosen_bills) if chosen_bills else None})
    meetings.sort(key=lambda m: m["date"])
    exact = rng.random() < 0.6
    return {"issues": "\n".join(rng.sample(ISSUES, 2)), "bill_ids": chosen_bills,
            "spending_exact": Decimal(rng.randrange(200, 9000) * 1000) if exact else None,
            "spending_band": "" if exact else rng.choice(BudgetBand.values[:3]),
            "bodies": sorted({m["body_name"] for m in meetings}), "meetings": meetings,
            "payments": [{"client_id": c.pk, "amount": Decimal(rng.randrange(100, 3000) * 1000), "band": ""}
                         for c in clients]}


def load(seed: int = 7, out=print) -> dict:
    """File the demonstration register; returns counts of what was added."""
    rng = random.Random(seed)
    summary = {"registrants": 0, "reports": 0, "versions": 0, "skipped": 0}
    lobbying, bodies = _candidates()
    if not lobbying:
        out("lobbying demo: no organisations with a valid BIN in the database; load demo data first")
        return summary
    chosen = _choose(rng, lobbying)
    others = [o for o in lobbying if o not in chosen]
    bills = list(LegislativeAct.objects.order_by("key").values_list("pk", flat=True)[:40])
    officials = _former_officials(rng)
    moderator = _user(f"moderator@{DEMO_DOMAIN}", "Demo moderator", moderator=True)
    quarters = _last_quarters(timezone.localdate(), 3)
    for i, org in enumerate(chosen):
        if Registrant.objects.filter(bin=org.bin).exists():
            out(f"  {org.bin} {org}: already in the register, left alone")
            summary["skipped"] += 1
            continue
        filer = _user(f"filer-{org.bin}@{DEMO_DOMAIN}", f"Demo filer {i + 1}")
        kind = KINDS[i % len(KINDS)]  # _choose picked the i-th organisation for this kind
        r = services.register(filer, bin=org.bin, name=str(org)[:300], kind=kind,
                              interests="\n".join(rng.sample(ISSUES, 3)), budget_band=rng.choice(BudgetBand.values),
                              website="")
        services.approve_registrant(moderator, r)
        summary["registrants"] += 1
        for name, position, body, start, end in officials[i * 2 % len(officials):][:2] or officials[:1]:
            dated = position and body and start and (end is None or end >= start)
            positions = [{"position": position, "body_name": body, "start": start, "end": end}] if dated else []
            services.add_lobbyist(filer, r, name, positions)
        clients = []
        if kind == RegistrantKind.CONSULTANCY and others:
            for client_org in rng.sample(others, min(2, len(others))):
                clients.append(services.add_client(filer, r, str(client_org)[:300], client_org.bin))
        mine = quarters[-3:] if i % 2 == 0 else quarters[-2:]
        for n, (year, quarter) in enumerate(mine):
            _file(rng, i, n, len(mine), r, filer, moderator, year, quarter, bodies, bills, clients, summary)
        out(f"  {r.bin} {r.name} ({kind}): {len(mine)} quarterly reports")
    out(f"lobbying demo: {summary['registrants']} registrants, {summary['reports']} reports, "
        f"{summary['versions']} versions added; {summary['skipped']} already there")
    return summary


def _file(rng, i, n, total, r, filer, moderator, year, quarter, bodies, bills, clients, summary) -> None:
    """One quarter's report; registrant ``i`` and quarter ``n`` decide which special case it shows."""
    report, version = services.start_report(filer, r, year, quarter)
    summary["reports"] += 1
    summary["versions"] += 1
    services.save_draft(filer, version, **_content(rng, year, quarter, bodies, bills, clients))
    due = due_date(year, quarter)
    late = i == 2 and n == 0
    submitted = due + dt.timedelta(days=9) if late else due - dt.timedelta(days=rng.randint(1, 15))
    last = n == total - 1
    if i == 4 and last:  # left waiting in the moderation queue
        services.submit(filer, version, at=_at(submitted))
        return
    services.submit(filer, version, at=_at(submitted))
    if i == 3 and last:  # returned with a comment, corrected, submitted again
        services.return_for_changes(moderator, version, "Please name the state body of each meeting in full.")
        content = _content(rng, year, quarter, bodies, bills, clients)
        services.save_draft(filer, version, **content)
        services.submit(filer, version, at=_at(submitted + dt.timedelta(days=3)))
    services.publish(moderator, version, at=_at(submitted + dt.timedelta(days=4), 15))
    if i == 0 and n == 0:  # amended: a second version supersedes the first
        amended = services.amend(filer, report)
        summary["versions"] += 1
        content = _content(rng, year, quarter, bodies, bills, clients)
        services.save_draft(filer, amended, **{**content, "amendment_note": "Spending corrected after the audit."})
        services.submit(filer, amended, at=_at(submitted + dt.timedelta(days=30)))
        services.publish(moderator, amended, at=_at(submitted + dt.timedelta(days=32)))
    if i == 1 and n == 0:  # withdrawn: recorded, not deleted
        services.withdraw(filer, report, "Filed for the wrong organisation; refiled by the parent company.")
