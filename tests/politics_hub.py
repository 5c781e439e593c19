"""Fill a database with one buyer that has 10,000 suppliers (run as a script with OPENTENGE_DATABASE_URL set).

Used by tests/test_politics_browser.py; prints the hub's BIN.
"""
import os
from datetime import date
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
import django  # noqa: E402

django.setup()
from opentenge.ids.kz import make_valid_bin  # noqa: E402
from opentenge.store import models as m  # noqa: E402

NEIGHBOURS = 10_000


def bins(count: int):
    serial = 1
    while count:
        value = make_valid_bin(15, 1 + serial % 12, 4, 0, serial)
        serial += 1
        if value:
            count -= 1
            yield value


all_bins = list(bins(NEIGHBOURS + 1))
hub_bin = all_bins[0]
m.Organisation.objects.bulk_create(
    [m.Organisation(key=f"BIN:{b}", bin=b, name_ru=f"ТОО «Поставщик {i}»" if i else "ГУ «Хаб-заказчик»",
                    search_text=f"hub {i}", source="synthetic") for i, b in enumerate(all_bins)], batch_size=2000)
ids = dict(m.Organisation.objects.values_list("bin", "id"))
m.Contract.objects.bulk_create([
    m.Contract(gz_id=1_000_000 + i, customer_id=ids[hub_bin], supplier_id=ids[b], sign_date=date(2024, 1, 1 + i % 28),
               contract_sum_wnds=Decimal(1000 + (i * 7919) % 9_000_000), method_id=2, fin_year=2024, source="synthetic")
    for i, b in enumerate(all_bins[1:])], batch_size=2000)
print(hub_bin)
