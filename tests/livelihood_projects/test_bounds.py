"""A proposer's phone, a cycle's year and a project's dates stay within sane bounds, in the form
and the database."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from livelihood_projects.forms import AssignForm, CycleForm, PublicProposalForm
from livelihood_projects.models import Category, Cycle, Project

from .factories import ProjectFactory


def _proposal_errors(cycle, phone):
    form = PublicProposalForm(
        {
            "cycle": cycle.pk,
            "title": "修缮村小",
            "category": Category.EDUCATION,
            "description": "校舍漏雨",
            "contact_phone": phone,
        },
        cycles=Cycle.objects.all(),
    )
    form.is_valid()
    return form.errors.get("contact_phone")


def test_a_proposers_phone_must_be_a_number(cycle_a):
    assert _proposal_errors(cycle_a, "abc") == ["请输入有效的电话号码（数字，可带区号和“-”）。"]
    assert _proposal_errors(cycle_a, "13812345678") is None
    assert _proposal_errors(cycle_a, "0745-4221234") is None


def test_a_cycle_of_2999_is_refused(staff_a, world):
    form = CycleForm({"jurisdiction": world.county_a.pk, "year": 2999}, user=staff_a)
    form.is_valid()
    assert form.errors["year"] == ["年度不能晚于 2100 年。"]


def test_a_project_cannot_be_due_before_it_starts(staff_a, cycle_a, world):
    project = ProjectFactory(cycle=cycle_a)
    form = AssignForm(
        {"responsible_unit": world.unit_a.pk, "start_on": "2025-03-01", "due_on": "2025-01-01"},
        instance=project,
        user=staff_a,
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["计划完成日期不能早于计划开工日期。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(
            start_on=date(2025, 3, 1), due_on=date(2025, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.filter(pk=cycle_a.pk).update(year=1900)
