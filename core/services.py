"""Read models for the home pages; each role sees figures from its own scope."""

from django.db.models import Count, Q

from accounts.models import Role, User
from deputies.reports import home_figures as deputy_home_figures
from evaluations.selectors import home_figures as evaluation_home_figures
from livelihood_projects.selectors import home_figures as livelihood_home_figures
from polls.services import home_figures as poll_home_figures

from .models import Jurisdiction, Unit


def home_summary(*, user) -> dict:
    summary: dict = {}
    if user.is_portal_admin or user.is_committee_staff:
        jurisdictions = Jurisdiction.objects.visible_to(user).aggregate(
            counties=Count("pk", filter=Q(level=Jurisdiction.Level.COUNTY)),
            townships=Count("pk", filter=Q(level=Jurisdiction.Level.TOWNSHIP)),
        )
        summary.update(jurisdictions)
        summary["units"] = Unit.objects.visible_to(user).active().count()
    if user.is_portal_admin:
        summary["users_by_role"] = _users_by_role(user)
    if user.is_liaison and user.unit_id:
        summary["unit"] = user.unit
    summary["polls"] = poll_home_figures(user=user)
    summary["deputies"] = deputy_home_figures(user=user)
    summary["evaluations"] = evaluation_home_figures(user=user)
    summary["livelihood"] = livelihood_home_figures(user=user)
    return summary


def _users_by_role(user) -> list[tuple[str, int]]:
    counts = dict(
        User.objects.visible_to(user)
        .filter(is_active=True)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    return [(label, counts.get(value, 0)) for value, label in Role.choices]
