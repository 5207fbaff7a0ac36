from django import template

from recommendations.text import editor_time as editor_time_text

register = template.Library()


@register.filter
def editor_time(moment):
    """“14:05 on 24 Nov 2026 (Europe/London)”: a time as the admin shows it, its zone named."""
    return editor_time_text(moment, with_zone=True) if moment else ""
