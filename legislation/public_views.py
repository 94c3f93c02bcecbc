"""Pages open to everyone: the consultations with their articles and how to take part, the phone
form the QR code leads to, its poster, and the receipt lookup that shows an author what became of
their suggestion. Never a phone number, never a suggestion's text except to its author."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import throttle
from core.actions import submit_form
from core.forms import object_from

from . import selectors, services
from .forms import PublicSuggestionForm, ReceiptForm
from .models import Consultation
from .qr import qr_svg

# The receipt just issued, shown once on the next page: the check code is never put in a URL.
SESSION_RECEIPT = "legislation_receipt"


def _public(pk: int) -> Consultation:
    try:
        return selectors.public_consultation(pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def _form_url(request: HttpRequest, consultation: Consultation) -> str:
    return request.build_absolute_uri(reverse("legislation:public_suggest", args=[consultation.pk]))


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "legislation/public_index.html", selectors.public_consultations())


@login_not_required
@require_GET
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _public(pk)
    context = {"consultation": shown, "is_open": shown.is_open_on(timezone.localdate())}
    return render(request, "legislation/public_consultation.html", context)


@login_not_required
@require_GET
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _public(pk)
    context = {"consultation": shown, "form_url": _form_url(request, shown)}
    return render(request, "legislation/public_poster.html", context)


@login_not_required
@require_GET
def qr_code(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _public(pk)
    return HttpResponse(qr_svg(_form_url(request, shown)), content_type="image/svg+xml")


@login_not_required
def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    shown = _public(pk)
    initial = {"article": object_from(shown.articles.all(), request.GET.get("article"))}
    form = PublicSuggestionForm(request.POST or None, consultation=shown, initial=initial)
    if form.is_bound and form.is_valid() and form.is_spam:
        # Tell a bot nothing useful; a person never sees the hidden field.
        form.add_error(None, _("提交失败，请稍后重试。"))

    def submit(_data: dict) -> str:
        suggestion, code = services.public_suggestion_submit(
            consultation=shown,
            client_key=throttle.client_key(request, services.THROTTLE_PURPOSE),
            **form.suggestion_fields(),
        )
        request.session[SESSION_RECEIPT] = {"number": suggestion.receipt_number, "code": code}
        return reverse("legislation:public_done")

    # No success message: the next page says it, with the number and code to keep.
    done = submit_form(request, form, submit, success="")
    context = {
        "consultation": shown,
        "form": form,
        "chosen": initial["article"],
        "is_open": shown.is_open_on(timezone.localdate()),
    }
    return done or render(request, "legislation/public_suggest.html", context)


@login_not_required
@never_cache
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    issued = request.session.pop(SESSION_RECEIPT, None)
    if not issued:
        return redirect("legislation:public_receipt")
    return render(request, "legislation/public_done.html", {"issued": issued})


@login_not_required
@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    # Posted, not a query string: the check code stays out of addresses and server logs.
    form = ReceiptForm(request.POST or None)
    suggestion = None
    if form.is_valid():
        data = form.cleaned_data
        suggestion = selectors.suggestion_by_receipt(data["number"], data["code"])
        if suggestion is None:
            form.add_error(None, _("回执编号或查询码不正确，请核对后重新输入。"))
    context = {"form": form, "suggestion": suggestion, "kept": suggestion and suggestion.kept}
    return render(request, "legislation/public_receipt.html", context)
