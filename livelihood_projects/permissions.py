"""What a user may do with the voted livelihood projects, by name; the only place in this app
where roles are compared.

Which cycles, proposals and projects a user sees is decided by each model's `visible_to(user)`
(a liaison sees their unit's projects only); these rules answer which pages and buttons a user
may use at all. Views, templates, exporters, the menu and the home panel all ask these names.
"""

from typing import Any

import rules

from accounts.permissions import is_deputy, is_liaison, is_office, is_staff

# Staff and deputies follow the whole cycle: the overview, the cycles, the proposals, the vote and
# the inspections. Deputies also enter the proposals they gather at their stations.
follows_cycles = is_office | is_deputy
rules.add_perm("livelihood_projects.follow_cycles", follows_cycles)
rules.add_perm("livelihood_projects.enter_proposal", follows_cycles)

# The committee office runs the cycle: sets it up, screens and publishes proposals, records the
# reviews, the vote, the assignment, inspections and the satisfaction poll.
rules.add_perm("livelihood_projects.manage_cycles", is_office)

# The voted projects and their files: everyone who works on them (the menu's 民生实事 entry).
rules.add_perm("livelihood_projects.see_projects", follows_cycles | is_liaison)


@rules.predicate
def is_under_way(user: Any, project: Any) -> bool:
    """Progress is reported on elected projects only; without a project, any may be meant."""
    return project is None or bool(project.is_elected)


# Reporting implementation (milestones, money, joint meetings, photos): the office and the
# responsible unit's liaison. With a project, only while it is an elected one.
rules.add_perm("livelihood_projects.report_progress", (is_office | is_liaison) & is_under_way)

# The home page's panel: staff follow all projects in progress, a liaison their unit's. An
# administrator's home page is about users and units, a deputy's about their own work.
rules.add_perm("livelihood_projects.see_home_panel", is_staff | is_liaison)
