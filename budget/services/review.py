"""A township congress's steps on its budget, recorded by the county's or the township's office:
one record a step and year, recorded again to correct it."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction
from livelihood_projects.uploads import check_upload

from .. import rules
from ..models import TownshipReview

Step = TownshipReview.Step


def _refusal(code: str, step: str, year: int) -> ValidationError:
    start, end = rules.review_window(step, year)
    messages = {
        "window": _("%(step)s的日期应在 %(start)s 至 %(end)s 之间。")
        % {"step": Step(step).label, "start": start, "end": end},
        "no_preliminary": _("请先登记该年度预算的初审，再登记批准。"),
        "before_preliminary": _("预算批准日期不能早于初审日期。"),
    }
    return ValidationError({"held_on": messages[code]})


@transaction.atomic
def review_record(
    *,
    township: Jurisdiction,
    year: int,
    step: str,
    held_on: dt.date,
    opinions: str = "",
    document_number: str = "",
    upload: "UploadedFile[bytes] | None" = None,
    by: User,
) -> TownshipReview:
    """Record (or correct) a step. Refused outside the step's window, and for an approval before
    its preliminary review; a preliminary review moved after the approval is refused too."""
    if township.level != Jurisdiction.Level.TOWNSHIP:
        raise ValidationError(_("只能为乡镇登记预算审查情况。"))
    if not Jurisdiction.objects.visible_to(by).filter(pk=township.pk).exists():
        raise ValidationError(_("不能为其他县（市、区）的乡镇登记。"))
    if step not in rules.REVIEW_STEPS:
        raise ValidationError({"step": _("请选择审查环节。")})
    steps = {
        r.step: r
        for r in TownshipReview.objects.select_for_update().filter(township=township, year=year)
    }
    preliminary = steps.get(Step.PRELIMINARY)
    code = rules.review_step_error(
        step, held_on, year, preliminary_on=preliminary.held_on if preliminary else None
    )
    if code:
        raise _refusal(code, step, year)
    approval = steps.get(Step.APPROVAL)
    if step == Step.PRELIMINARY and approval and held_on > approval.held_on:
        raise ValidationError({"held_on": _("预算初审日期不能晚于已登记的批准日期。")})
    review = steps.get(step) or TownshipReview(township=township, year=year, step=step)
    review.held_on = held_on
    review.opinions = opinions.strip()
    review.document_number = document_number.strip()
    review.recorded_by = by
    if upload is not None:
        sniffed = check_upload(upload)
        review.document_stored = f"{uuid.uuid4().hex}{sniffed.extension}"
        review.document_name = (upload.name or "")[-200:]
        review.document.save(review.document_stored, upload, save=False)
    review.full_clean(exclude=["township", "recorded_by"])
    review.save()
    return review
