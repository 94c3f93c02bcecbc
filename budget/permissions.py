"""What a user may do in budget review and supervision, by name; with the visibility querysets,
the only place in this app where roles are compared."""

from typing import Any

import rules

from accounts.permissions import is_admin, is_deputy, is_liaison, is_office


@rules.predicate
def answers_for(user: Any, problem: Any) -> bool:
    """The problem is assigned to the user's unit (asked without one: whether the user may answer
    some problem at all)."""
    return problem is None or (user.unit_id is not None and problem.unit_id == user.unit_id)


# Budgets, adjustments, execution and debt: the office, and deputies who review them.
rules.add_perm("budget.view_budget", is_office | is_deputy)
# The office records budgets and adjustments, imports finance's figures and weighs warnings.
rules.add_perm("budget.manage_budget", is_office)
rules.add_perm("budget.import_budget", is_office)
rules.add_perm("budget.view_warnings", is_office)
rules.add_perm("budget.decide_warnings", is_office)
# Problems: the office that assigns and closes them, the unit's liaison who answers its own.
rules.add_perm("budget.view_problems", is_office | is_liaison)
rules.add_perm("budget.review_problems", is_office)
rules.add_perm("budget.answer_problem", is_liaison & answers_for)
# A county's admin sets the county's thresholds.
rules.add_perm("budget.manage_settings", is_admin)
# The dashboard and the quarter's publication (公开): the office.
rules.add_perm("budget.view_dashboard", is_office)
rules.add_perm("budget.publish_quarter", is_office)
# Township budget review: the county's (or township's) office records the township congress's
# steps; deputies read them.
rules.add_perm("budget.view_township_review", is_office | is_deputy)
rules.add_perm("budget.record_township_review", is_office)
# 两问四评 of major funds: the office runs the survey, enters tallies and evaluations, publishes;
# deputies read; the county's admin sets the criteria and weights.
rules.add_perm("budget.view_funds", is_office | is_deputy)
rules.add_perm("budget.manage_funds", is_office)
rules.add_perm("budget.manage_fund_settings", is_admin)
