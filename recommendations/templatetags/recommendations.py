from django import template

from recommendations import markup

register = template.Library()


@register.filter
def markdown(text):
    return markup.render_markdown(text)


@register.filter
def web_address(url):
    """The URL for an href, or "" when it is not an http(s) address (see markup.web_address)."""
    return markup.web_address(url)
