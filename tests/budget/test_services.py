"""Warnings into problems and problems to their close-out; adjustments and hand-entered lines."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from budget.models import Evidence, Line, Problem, Warning
from budget.services import budgets, problems, settings, warnings

from .factories import BudgetFactory, LineFactory, ProblemFactory, WarningFactory, subject

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_confirm_makes_a_problem_and_decides_the_warning(staff_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    due = timezone.localdate() + timedelta(days=20)
    problem = warnings.warning_confirm(
        warning=warning, title="进度偏慢", unit=world.unit_a, due_on=due, by=staff_a
    )
    warning.refresh_from_db()
    assert warning.status == Warning.Status.CONFIRMED
    assert (problem.unit, problem.due_on, problem.status) == (world.unit_a, due, "assigned")
    with pytest.raises(ValidationError, match="已研判"):
        warnings.warning_dismiss(warning=warning, reason="重复", by=staff_a)


def test_confirm_refuses_a_unit_of_another_county_and_a_past_due_day(staff_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError, match="本行政区划"):
        warnings.warning_confirm(
            warning=warning,
            title="x",
            unit=world.unit_b,
            due_on=timezone.localdate(),
            by=staff_a,
        )
    with pytest.raises(ValidationError, match="不能早于今天"):
        warnings.warning_confirm(
            warning=warning,
            title="x",
            unit=world.unit_a,
            due_on=timezone.localdate() - timedelta(days=1),
            by=staff_a,
        )
    assert not Problem.objects.exists()
    warning.refresh_from_db()
    assert warning.status == "open"


def test_a_township_unit_may_be_assigned(staff_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    problem = warnings.warning_confirm(
        warning=warning,
        title="x",
        unit=world.township_unit_a,
        due_on=timezone.localdate(),
        by=staff_a,
    )
    assert problem.unit == world.township_unit_a


def test_dismiss_needs_a_reason(staff_a, world):
    warning = WarningFactory(jurisdiction=world.county_a)
    with pytest.raises(ValidationError):
        warnings.warning_dismiss(warning=warning, reason="  ", by=staff_a)
    warnings.warning_dismiss(warning=warning, reason="季节性支出", by=staff_a)
    warning.refresh_from_db()
    assert (warning.status, warning.reason) == ("dismissed", "季节性支出")


def test_reply_return_reply_close(staff_a, liaison_a, world):
    problem = ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a)
    with pytest.raises(ValidationError, match="反馈整改情况后"):
        problems.problem_close(problem=problem, by=staff_a)
    upload = SimpleUploadedFile("整改报告.pdf", PDF, content_type="application/pdf")
    problems.problem_reply(problem=problem, reply="已拨付", upload=upload, by=liaison_a)
    problem.refresh_from_db()
    assert problem.status == "replied"
    assert Evidence.objects.get().original_name == "整改报告.pdf"
    with pytest.raises(ValidationError):
        problems.problem_return(problem=problem, note="", by=staff_a)
    problems.problem_return(problem=problem, note="请补充拨付凭证", by=staff_a)
    problem.refresh_from_db()
    assert problem.status == "returned" and problem.awaits_reply
    problems.problem_reply(problem=problem, reply="已补充", by=liaison_a)
    problems.problem_close(problem=problem, note="核实到位", by=staff_a)
    problem.refresh_from_db()
    assert (problem.status, problem.closed_by, problem.closed_on) == (
        "closed",
        staff_a,
        timezone.localdate(),
    )


def test_reply_refuses_a_disguised_file_and_keeps_nothing(liaison_a, world):
    problem = ProblemFactory(jurisdiction=world.county_a, unit=world.unit_a)
    upload = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        problems.problem_reply(problem=problem, reply="已整改", upload=upload, by=liaison_a)
    problem.refresh_from_db()
    assert problem.status == "assigned" and problem.reply == ""
    assert not Evidence.objects.exists()


def test_overdue_is_one_rule_for_queryset_and_record(world):
    today = timezone.localdate()
    late = ProblemFactory(jurisdiction=world.county_a, due_on=today - timedelta(days=1))
    on_the_day = ProblemFactory(jurisdiction=world.county_a, due_on=today)
    replied = ProblemFactory(
        jurisdiction=world.county_a, due_on=today - timedelta(days=5), status="replied"
    )
    overdue = set(Problem.objects.overdue(today))
    assert overdue == {late}
    for problem in (late, on_the_day, replied):
        assert problem.overdue_on(today) is (problem in overdue)


def test_unapproved_adjustment_warns_and_an_approval_withdraws_it(staff_a, world):
    budget = BudgetFactory(jurisdiction=world.county_a)
    LineFactory(budget=budget, subject=subject("2010101"), adopted=Decimal(1000))
    budgets.adjustment_record(
        budget=budget, code="2010101", amount=Decimal(150), reason="增人增资", by=staff_a
    )
    assert Warning.objects.filter(rule="adjustment").count() == 1
    budgets.adjustment_record(
        budget=budget,
        code="2010101",
        amount=Decimal(100),
        reason="追加",
        approved_by="县人大常委会",
        approved_on=timezone.localdate(),
        document_number="会人常〔2024〕9号",
        by=staff_a,
    )
    # 250 changed, 100 of it approved: 150 unapproved is still above 10 %.
    assert Warning.objects.filter(rule="adjustment").count() == 1
    with pytest.raises(ValidationError, match="批准日期和批准文号"):
        budgets.adjustment_record(
            budget=budget,
            code="2010101",
            amount=Decimal(-150),
            reason="x",
            approved_on=timezone.localdate(),
            by=staff_a,
        )


def test_hand_entered_line_keeps_the_tree_adding_up(staff_a, world):
    budget = BudgetFactory(jurisdiction=world.township_a)
    budgets.line_save(
        budget=budget, code="201", name="一般公共服务支出", adopted=Decimal(300), by=staff_a
    )
    budgets.line_save(
        budget=budget, code="20101", name="人大事务", adopted=Decimal(300), by=staff_a
    )
    with pytest.raises(ValidationError, match="20101"):
        budgets.line_save(
            budget=budget, code="2010101", name="行政运行", adopted=Decimal(200), by=staff_a
        )
    assert Line.objects.filter(budget=budget).count() == 2


def test_settings_only_for_a_county_and_in_order(admin_user, world):
    common = dict(pace_every_month=False, adjustment_share=10, last_month_share=30, due_days=30)
    with pytest.raises(ValidationError):
        settings.setting_update(
            county=world.township_a, pace_low=80, pace_high=120, by=admin_user, **common
        )
    with pytest.raises(ValidationError):
        settings.setting_update(
            county=world.county_a, pace_low=90, pace_high=90, by=admin_user, **common
        )
    settings.setting_update(
        county=world.county_a, pace_low=70, pace_high=130, by=admin_user, **common
    )
    assert settings.county_setting(world.township_a).pace_low == 70


def test_a_decision_reply_and_close_out_entered_later_keep_their_own_dates(
    staff_a, liaison_a, world
):
    """A joint review held on paper in October is entered afterwards with its dates; the due
    day is checked against the day of the decision, not the day of entry."""
    day = timezone.localdate() - timedelta(days=60)
    warning = WarningFactory(jurisdiction=world.county_a)
    problem = warnings.warning_confirm(
        warning=warning,
        title="进度偏慢",
        unit=world.unit_a,
        due_on=day + timedelta(days=10),
        on=day,
        by=staff_a,
    )
    warning.refresh_from_db()
    assert (problem.assigned_on, warning.decided_on) == (day, day)
    problems.problem_reply(
        problem=problem, reply="已整改", on=day + timedelta(days=5), by=liaison_a
    )
    problems.problem_close(problem=problem, on=day + timedelta(days=7), by=staff_a)
    problem.refresh_from_db()
    assert (problem.replied_on, problem.closed_on) == (day + timedelta(5), day + timedelta(7))
