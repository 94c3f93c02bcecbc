"""What a user may do with the expert pool, by name; with the visibility querysets, the only
place in this app where roles are compared.

- The committee office (staff and admin) of a county keeps its pool: experts, meetings, the work
  experts are invited to and what they contributed. The municipal admin sees every county's.
- A county's admin sets the pool's target share of senior titles and its rules.
- Deputies may read the pool (names, fields, titles, employers and what each contributed), so that
  they know whom the committee consults; never an expert's phone or e-mail, and not the meetings'
  minutes or the work records, which are the office's working papers.
- A handling unit's liaison has nothing to do with the pool and sees none of it.
"""

import rules

from accounts.permissions import is_admin, is_deputy, is_office

rules.add_perm("experts.view_pool", is_office | is_deputy)
rules.add_perm("experts.view_contacts", is_office)
rules.add_perm("experts.view_work", is_office)
rules.add_perm("experts.manage_pool", is_office)
rules.add_perm("experts.manage_settings", is_admin)
