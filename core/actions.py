"""The one way a view runs a service.

A view validates its form, hands the cleaned data to one service call and redirects; a refusal
from the service (a `ValidationError`) goes back to the user either next to the field it concerns,
with everything typed kept, or as a message after a button. Views never catch errors themselves.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def errors_to_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit_form(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    then: Any = None,
) -> HttpResponse | None:
    """On a valid POST run `action(form.cleaned_data)`, flash `success` and redirect to `then`
    (a URL, a model, or by default what the action returned). Returns None when the form is to
    be shown (again): not posted, invalid, or refused by the service, the refusal on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return None
    if success:
        messages.success(request, success)
    return redirect(then if then is not None else result)


def run_action(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: str,
) -> tuple[bool, Any]:
    """Run a button's service. A refusal becomes an error message for the next page.
    Returns (succeeded, what the action returned)."""
    try:
        result = action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def post_action(
    request: HttpRequest, action: Callable[[], Any], *, success: str, then: Any
) -> HttpResponse:
    """`run_action`, then redirect to `then` whatever happened: the page shows the message."""
    run_action(request, action, success=success)
    return redirect(then)
