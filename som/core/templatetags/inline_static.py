"""`{% inline_static "css/ballot.css" %}`: a static file's text, for the one page that must load
without a second round trip (the ballot on a crowded network, PERFORMANCE.md G11). The page
puts it in a `<style>` or `<script>` with `nonce="{{ request.csp_nonce }}"`: the Content Security
Policy allows inline code only with the request's nonce (config/settings.py)."""

from functools import cache
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@cache
def _text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"inline_static: no static file {path}")
    return Path(str(found)).read_text(encoding="utf-8")


@register.simple_tag
def inline_static(path: str) -> SafeString:
    # Our own files from static/, read once per process; "</" cannot end the element early.
    return mark_safe(_text(path).replace("</", "<\\/"))
