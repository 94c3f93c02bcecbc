"""What the home page shows of supervision: the items still open in the user's scope and the
deadlines already missed, each counted by its queryset's one rule."""

from typing import Any

from django.utils import timezone

from accounts.models import User

from ..models import Commitment, HandlingReport, Item, OpinionLetter


def home_figures(*, user: User) -> dict[str, Any]:
    if not user.has_perm("supervision.view_supervision"):
        return {}
    today = timezone.localdate()
    return {
        "open_items": Item.objects.visible_to(user).open().count(),
        "letters_overdue": OpinionLetter.objects.visible_to(user).overdue(today).count(),
        "reports_overdue": HandlingReport.objects.visible_to(user).overdue(today).count(),
        "commitments_overdue": Commitment.objects.visible_to(user).overdue(today).count(),
    }
