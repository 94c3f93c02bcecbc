"""What a user may do in deputy work, by name; the only place in this app where roles are compared.

Which records a user sees is decided by each model's `visible_to(user)`; these rules answer "may
this user use this page or this button at all", for views, templates, exporters, importers, the
menu and the home page alike. The office (admins and staff) runs deputy work in its jurisdiction,
deputies keep their own record, and a handling unit's liaison answers what was passed to the unit.
"""

from typing import Any

import rules

from accounts.permissions import is_admin, is_deputy, is_liaison, is_office, is_staff

# Everyone who works in the portal: what deputy work shares with all of them.
any_role = is_office | is_deputy | is_liaison


@rules.predicate
def _handles_opinion(user: Any, opinion: Any) -> bool:
    """The opinion was transferred to the user's own unit."""
    return bool(opinion is not None and user.unit_id and opinion.unit_id == user.unit_id)


@rules.predicate
def _leads_suggestion(user: Any, suggestion: Any) -> bool:
    """The user's unit leads the handling of the suggestion (co-handling units do not reply)."""
    return bool(suggestion is not None and user.unit_id and suggestion.lead_unit_id == user.unit_id)


@rules.predicate
def _proposed_suggestion(user: Any, suggestion: Any) -> bool:
    """The user is the deputy who put the suggestion forward."""
    return bool(suggestion is not None and suggestion.deputy.user_id == user.pk)


# The office answers on behalf of any unit; a liaison answers for their own unit only.
may_reply_to = is_office | (is_liaison & _handles_opinion)
may_reply_to_suggestion = is_office | (is_liaison & _leads_suggestion)
# The deputy rates the reply to their own suggestion; the office records a rating given on paper.
may_rate = is_office | (is_deputy & _proposed_suggestion)

# --- Pages and buttons -------------------------------------------------------------------------
rules.add_perm("deputies.view_roster", is_office)
rules.add_perm("deputies.import_roster", is_office)  # the station list and the deputy roster
rules.add_perm("deputies.view_stations", is_office | is_deputy)
rules.add_perm("deputies.publish_station_post", is_office)
rules.add_perm("deputies.view_visits", is_office | is_deputy)
rules.add_perm("deputies.record_visit", is_office | is_deputy)
# Staff record visits and put suggestions forward on a deputy's behalf and pick the deputy; a
# deputy records their own.
rules.add_perm("deputies.act_for_deputies", is_office)
rules.add_perm("deputies.view_opinions", any_role)
# Answer on the spot, transfer to a unit, record the public's satisfaction; see full phone numbers.
rules.add_perm("deputies.handle_opinion", is_office)
rules.add_perm("deputies.reply_opinion", may_reply_to)
rules.add_perm("deputies.view_suggestions", any_role)
rules.add_perm("deputies.submit_suggestion", is_office | is_deputy)
rules.add_perm("deputies.assign_suggestion", is_office)  # assign to units, extend the deadline
rules.add_perm("deputies.reply_suggestion", may_reply_to_suggestion)
rules.add_perm("deputies.rate_suggestion", may_rate)
rules.add_perm("deputies.view_activities", any_role)  # one activity's page
rules.add_perm("deputies.manage_activities", is_office)  # the list, announce, outcome, cancel
rules.add_perm("deputies.record_contact_visits", is_office)
rules.add_perm("deputies.view_statistics", is_office)
# A deputy's performance record (代表履职档案): the office reads its jurisdiction's deputies', a
# deputy their own (which deputies is `Deputy.objects.visible_to`); the export is the office's.
rules.add_perm("deputies.view_record", is_office | is_deputy)
rules.add_perm("deputies.export_records", is_office)
# The to-do list of a unit; administrators may look at everyone's.
rules.add_perm("deputies.view_todo", is_liaison | is_admin)

# Deputies online: put a station (and its posts) on the public pages, read what the public sent
# before it counts (审核), campaigns and the partner region's deputies of inter-provincial stations.
rules.add_perm("deputies.put_online", is_office)
rules.add_perm("deputies.review_opinion", is_office)
rules.add_perm("deputies.manage_campaigns", is_office)
rules.add_perm("deputies.manage_partners", is_office)
# Photos of stations and deputies, and whether a deputy's is published.
rules.add_perm("deputies.manage_photos", is_office)

# --- Menu and home page: who is offered what ---------------------------------------------------
# A deputy's own entries (记录履职, 我的履职, 我的建议) and home figures.
rules.add_perm("deputies.keep_own_record", is_deputy)
# A liaison's to-do entry and home figures.
rules.add_perm("deputies.answer_for_unit", is_liaison)
# The office's 代表工作 section and home links.
rules.add_perm("deputies.oversee_deputy_work", is_office)
# The figures of the year on the home page go to staff, who do the work; an administrator's home
# page links to the statistics instead.
rules.add_perm("deputies.follow_work_figures", is_staff)
rules.add_perm("deputies.see_home_panel", any_role)
