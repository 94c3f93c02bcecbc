"""What a user may do with polls, by name; the only place in this app where roles are compared.

Which polls a user may manage or vote in is decided by `Poll.objects.managed_by(user)` and
`votable_by(user)`; these rules answer "may this user use the staff pages at all" and what the
menu and the home page offer. Voting itself needs no permission: being on a poll's electorate is
what entitles a user to its ballot.
"""

import rules

from accounts.permissions import is_deputy, is_office, is_staff

# The committee office sets polls up, runs them, counts paper ballots and reads the results.
rules.add_perm("polls.manage_polls", is_office)

# Deputies are the electorate polls are made for: the menu and the home page list their ballots.
# (Anyone else put on an electorate reaches the ballot from the notice and the link it carries.)
rules.add_perm("polls.list_own_polls", is_deputy)

# The home page's polls panel: a deputy's ballots to cast, a staff member's count of running polls.
# An administrator's home page is about users and units and has none.
rules.add_perm("polls.see_home_panel", is_deputy | is_staff)
