"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages."""
from ninja import Router

router = Router()
