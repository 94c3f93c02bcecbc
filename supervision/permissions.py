"""What a user may do in the standing committee's supervision, by name; with the visibility
querysets, the only place in this app where roles are compared.

Which plans and items a user sees is decided by `visible_to(user)`: the office sees its
jurisdiction's, deputies the published items, a supervised body's liaison the items on their unit.
"""

import rules

from accounts.permissions import is_admin, is_deputy, is_liaison, is_office

# The supervision pages: the plan, the items and their dossiers.
rules.add_perm("supervision.view_supervision", is_office | is_deputy | is_liaison)

# The office drafts, adopts and publishes the plan, adds and moves items with a reason, and runs
# each item: research, report versions, hearing, questions and commitments, deliberation opinions,
# handling reports, polls, the close and the publication.
rules.add_perm("supervision.manage_plan", is_office)
rules.add_perm("supervision.run_items", is_office)

# The supervised body's liaison reports how a commitment made at an inquiry was kept.
rules.add_perm("supervision.report_commitment", is_office | is_liaison)

# The office weighs the topic candidates for next year's plan drawn from the portal's findings.
rules.add_perm("supervision.view_candidates", is_office)

# A county's admin sets the county's limits (working days for the opinions, months for the
# handling report) and keeps the table of holidays and adjusted workdays.
rules.add_perm("supervision.manage_settings", is_admin)
