"""Absurd years, dates and counts are refused with a Chinese message, by the form and, for
writes that skip it, by the database."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from evaluations import services
from evaluations.forms import RoundForm, StageForm, VotesForm
from evaluations.importers import AuditProblemImporter
from evaluations.models import EvaluationRound, Stage

from .test_importers import audit_workbook


def _round_errors(user, year):
    form = RoundForm({"year": year, "title": "工作评议"}, user=user)
    form.is_valid()
    return form.errors.get("year")


def test_a_round_year_must_be_a_real_one(staff_a):
    assert _round_errors(staff_a, 1900) == ["年度不能早于 2000 年。"]
    assert _round_errors(staff_a, 2999) == ["年度不能晚于 2100 年。"]
    assert _round_errors(staff_a, 2024) is None


def test_the_audit_import_year_uses_the_same_bounds(staff_a):
    rows = [["沅陵县", 1900, "1", "预算执行", "x", 1, "沅陵县财政局", "2024-06-30"]]
    outcome = AuditProblemImporter(user=staff_a).run(audit_workbook(rows))
    assert [str(e) for e in outcome.errors] == ["第 2 行「审计年度」：年度不能早于 2000 年。"]


@pytest.fixture
def stage(world, staff_a):
    evaluation = services.round_create(
        jurisdiction=world.county_a, year=2024, title="沅陵县2024年工作评议", units=[], by=staff_a
    )
    return evaluation.stages.first()


def test_a_stage_cannot_end_before_it_starts(stage):
    form = StageForm(
        {"planned_start": "2024-06-01", "planned_end": "2024-05-01", "notes": ""}, instance=stage
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["计划完成日期不能早于计划开始日期。"]
    form = StageForm({"planned_start": "1900-01-01", "notes": ""}, instance=stage)
    assert not form.is_valid()
    assert form.errors["planned_start"] == ["日期应在 2000 年至 2100 年之间。"]


def test_paper_votes_have_a_ceiling(world, staff_a):
    class Entry:
        pk = 1
        head = type("Head", (), {"name": "向东"})
        votes_a = votes_b = votes_c = votes_d = 0

    form = VotesForm({"e1_A": 99_999_999, "e1_B": 0, "e1_C": 0, "e1_D": 0}, entries=[Entry()])
    assert not form.is_valid()
    assert "e1_A" in form.errors


def test_the_database_refuses_what_skips_the_form(stage):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=stage.pk).update(
            planned_start=date(2024, 6, 1), planned_end=date(2024, 5, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRound.objects.filter(pk=stage.round_id).update(year=2999)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=stage.pk).update(done_on=date(1900, 1, 1))
