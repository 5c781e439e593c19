"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes)."""
from ninja import Router

router = Router()
