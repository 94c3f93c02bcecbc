"""What a user may do with the legislative contact points, by name; with the visibility querysets,
the only place in this app where roles are compared.

Which points and consultations a user sees is decided by `visible_to(user)`: a county's office and
deputies see their county's, the municipal office every county's.
"""

import rules

from accounts.permissions import is_deputy, is_office

# The points, their consultations and the statistics.
rules.add_perm("legislation.view_legislation", is_office | is_deputy)

# The office keeps its county's points and their network (collection points, informants with
# their phones), runs each consultation, reads and rewrites the suggestions, sends the report and
# records the upper body's answers.
rules.add_perm("legislation.manage_legislation", is_office)

# A deputy sends suggestions in their own name while a consultation is open.
rules.add_perm("legislation.suggest_as_deputy", is_deputy)
