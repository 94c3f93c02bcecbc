"""What a user may do in work evaluations, by name; the only place in this app where roles are
compared besides the visibility querysets.

Which records a user sees is decided by each model's `visible_to(user)` (a unit's liaison sees
their own unit's records only); these rules answer "may this user use the page or the button at
all", for the views, the templates, the exporters, the importer and the menu alike.
"""

import rules

from accounts.permissions import is_liaison, is_office

# The committee office and the liaisons of the evaluated units read the three checklists of a
# work evaluation: the rounds with their opinions, the audit problems, the procuratorial
# suggestions (each liaison their own unit's), and the home page's figures about them.
rules.add_perm("evaluations.view_evaluations", is_office | is_liaison)

# A unit answers for its records: the rectification report of an opinion or of an audit problem,
# its rectification list entry, and the written reply to a procuratorial suggestion.
rules.add_perm("evaluations.report_rectification", is_office | is_liaison)

# The office runs a work evaluation: creates it, keeps its stages, participants and opinions,
# and starts its satisfaction poll.
rules.add_perm("evaluations.manage_rounds", is_office)

# The office imports the audit office's problem list.
rules.add_perm("evaluations.import_problems", is_office)

# The office verifies a rectification: closes the problem out (销号) or sends it back.
rules.add_perm("evaluations.close_problem", is_office)

# The office records the monthly joint review of the two lists with the audit office.
rules.add_perm("evaluations.record_joint_reviews", is_office)

# The office registers procuratorial suggestions and decides whether they were adopted.
rules.add_perm("evaluations.manage_procuratorial", is_office)

# The office compares the four checklists of all evaluated units; a liaison sees their own
# unit's scorecard only (through `view_evaluations` and the units visible to them).
rules.add_perm("evaluations.compare_units", is_office)

# The office keeps the appointed heads and runs their appraisal (履职评议).
rules.add_perm("evaluations.manage_appraisals", is_office)

# The office records that an appraisal's consequences were carried out: the talk held, the
# referral to the party committee made, the removal motion filed.
rules.add_perm("evaluations.record_consequences", is_office)
