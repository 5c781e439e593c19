from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "opentenge.web"
    label = "web"
    verbose_name = "OpenTenge website"
