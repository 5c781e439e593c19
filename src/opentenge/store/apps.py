from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "opentenge.store"
    label = "store"
    verbose_name = "OpenTenge store"
