"""What a user may do in the standing committee's supervision, by name; with the visibility
querysets, the only place in this app where roles are compared.

Which plans and items a user sees is decided by `visible_to(user)`: the office sees its
jurisdiction's, deputies the published items, a supervised body's liaison the items on their unit.
"""

from typing import Any

import rules

from accounts.permissions import is_admin, is_deputy, is_liaison, is_office
from core.models import Jurisdiction


@rules.predicate
def answers_for(user: Any, commitment: Any) -> bool:
    """The commitment was made by the user's unit (asked without a commitment: whether the user
    may report some commitment at all)."""
    return commitment is None or (user.unit_id is not None and commitment.unit_id == user.unit_id)


@rules.predicate
def sees_every_county(user: Any) -> bool:
    """A superuser or an account of the municipality: the holiday table is one for all counties."""
    if user.is_superuser:
        return True
    jurisdiction = user.jurisdiction
    return jurisdiction is not None and jurisdiction.level == Jurisdiction.Level.MUNICIPAL


# The supervision pages: the plan, the items and their dossiers.
rules.add_perm("supervision.view_supervision", is_office | is_deputy | is_liaison)

# The office drafts, adopts and publishes the plan, adds and moves items with a reason, and runs
# each item: research, report versions, hearing, questions and commitments, deliberation opinions,
# handling reports, polls, the close and the publication.
rules.add_perm("supervision.manage_plan", is_office)
rules.add_perm("supervision.run_items", is_office)

# The liaison of the unit that made a commitment at an inquiry reports how it was kept.
rules.add_perm("supervision.report_commitment", is_office | (is_liaison & answers_for))

# The office weighs the topic candidates for next year's plan drawn from the portal's findings.
rules.add_perm("supervision.view_candidates", is_office)

# A county's admin sets the county's limits (working days for the opinions, months for the
# handling report).
rules.add_perm("supervision.manage_settings", is_admin)

# The table of holidays and adjusted workdays moves every county's deadlines, so only an admin
# above the counties keeps it.
rules.add_perm("supervision.manage_calendar", is_admin & sees_every_county)
