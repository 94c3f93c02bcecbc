"""A problem from its assignment to its close-out: the unit replies with evidence, the office
closes it out (销号) or returns it to be done again, as the audit checklist's rectification runs."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from livelihood_projects.uploads import check_upload

from ..models import Evidence, Problem
from ..querysets import ProblemQuerySet


def _locked(problem: Problem, *states: str, refusal: str) -> Problem:
    locked: Problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if locked.status not in states:
        raise ValidationError(refusal)
    return locked


@transaction.atomic
def evidence_add(*, problem: Problem, upload: "UploadedFile[bytes]", by: User) -> Evidence:
    """A checked upload stored under a random name; the original name is kept to show."""
    sniffed = check_upload(upload)
    evidence = Evidence(
        problem=problem,
        stored_name=f"{uuid.uuid4().hex}{sniffed.extension}",
        original_name=(upload.name or "")[-200:],
        content_type=sniffed.content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    evidence.file.save(evidence.stored_name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def problem_reply(
    *,
    problem: Problem,
    reply: str,
    upload: "UploadedFile[bytes] | None" = None,
    on: date | None = None,
    by: User,
) -> Problem:
    """The unit's account of its rectification, with evidence when it has some; dated today
    unless given (a paper reply entered later)."""
    if not reply.strip():
        raise ValidationError({"reply": _("请填写整改情况。")})
    problem = _locked(
        problem,
        *ProblemQuerySet.AWAITING_REPLY,
        refusal=_("该问题当前不需要反馈整改情况。"),
    )
    if upload is not None:
        evidence_add(problem=problem, upload=upload, by=by)
    problem.reply = reply.strip()
    problem.replied_on = on or timezone.localdate()
    problem.replied_by = by
    problem.status = Problem.Status.REPLIED
    problem.save(update_fields=["reply", "replied_on", "replied_by", "status"])
    return problem


@transaction.atomic
def problem_close(*, problem: Problem, note: str = "", on: date | None = None, by: User) -> Problem:
    """Close the problem out once the unit's reply shows it rectified (today unless `on`)."""
    problem = _locked(problem, Problem.Status.REPLIED, refusal=_("单位反馈整改情况后才能销号。"))
    problem.status = Problem.Status.CLOSED
    problem.review_note = note.strip()
    problem.closed_on = on or timezone.localdate()
    problem.closed_by = by
    problem.save(update_fields=["status", "review_note", "closed_on", "closed_by"])
    return problem


@transaction.atomic
def problem_return(*, problem: Problem, note: str, by: User) -> Problem:
    """Send the reply back: the unit has to rectify further and answer again."""
    if not note.strip():
        raise ValidationError({"note": _("请填写退回理由。")})
    problem = _locked(problem, Problem.Status.REPLIED, refusal=_("只有已反馈的问题可以退回。"))
    problem.status = Problem.Status.RETURNED
    problem.review_note = note.strip()
    problem.save(update_fields=["status", "review_note"])
    return problem
