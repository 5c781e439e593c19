"""JSON for pages and API alike: amounts as exact decimal strings, dates as ISO 8601."""
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder


class OpenTengeJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return f"{o:.2f}"
        return super().default(o)
