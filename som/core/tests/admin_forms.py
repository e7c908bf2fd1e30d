"""Post an admin change form the way a browser would: the values it shows, with some changed."""

from typing import Any

from django import forms
from django.test import Client


def _add_form(data: dict[str, Any], form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        widget = field.widget
        while hasattr(widget, "widget"):  # the admin's related-field wrapper
            widget = widget.widget
        key = bound.html_name
        if isinstance(widget, forms.MultiWidget):
            parts: Any = value if isinstance(value, list | tuple) else widget.decompress(value)
            for i, (part_widget, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{key}_{i}"] = part_widget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is None:
            data[key] = ""
        else:
            formatted = widget.format_value(value)
            data[key] = "" if formatted is None else formatted


def change_form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The data the admin form at `url` shows (with its inlines), updated with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data: dict[str, Any] = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in formset.initial_forms:
            _add_form(data, form)
    # Extra (empty) forms are left out: say the formset holds only the initial forms.
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_errors(response: Any) -> Any:
    """The errors of an admin form that was shown again (for an assertion's message)."""
    context = getattr(response, "context", None)
    if not context or "adminform" not in context:
        return response.status_code
    errors = [context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in context["inline_admin_formsets"]]
    return errors
