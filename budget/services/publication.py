"""A quarter published for the public (公开), withdrawn with a reason, published again.

Publishing freezes the figures: they are read at the quarter's last month and stored with the
publication, so a later import of that month changes nothing the public reads until the office
publishes the quarter again.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from ..models import Publication, Snapshot
from ..selectors.dashboard import figures


@transaction.atomic
def quarter_publish(
    *, jurisdiction: Jurisdiction, year: int, quarter: int, at: datetime | None = None, by: User
) -> Publication:
    """Publish (or publish again) a quarter with the figures as they stand now; `at` dates a
    publication made outside the portal (on paper) and entered afterwards."""
    if jurisdiction.level not in (Jurisdiction.Level.COUNTY, Jurisdiction.Level.TOWNSHIP):
        raise ValidationError({"jurisdiction": _("只能公开县市区或乡镇的预算执行情况。")})
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("季度应为1至4。")})
    month = quarter * 3
    if not Snapshot.objects.filter(jurisdiction=jurisdiction, year=year, month=month).exists():
        raise ValidationError(
            {
                "quarter": _("%(place)s%(year)s年%(month)s月的执行数据尚未导入，不能公开该季度。")
                % {"place": jurisdiction.name, "year": year, "month": month}
            }
        )
    publication = (
        Publication.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, year=year, quarter=quarter)
        .first()
    ) or Publication(jurisdiction=jurisdiction, year=year, quarter=quarter)
    if publication.pk and publication.is_published:
        raise ValidationError(_("该季度已经公开；如需更新数据，请先撤回再重新公开。"))
    publication.figures = figures(jurisdiction, year, month=month, problem_list=True).to_json()
    publication.published_by = by
    publication.published_at = at or timezone.now()
    publication.withdrawn_at = None
    publication.withdrawn_by = None
    publication.withdrawn_reason = ""
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def quarter_withdraw(*, publication: Publication, reason: str, by: User) -> Publication:
    """Take a published quarter off the public pages, saying why."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写撤回原因。")})
    locked: Publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if not locked.is_published:
        raise ValidationError(_("该季度已撤回。"))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = by
    locked.withdrawn_reason = reason.strip()[:500]
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    return locked
