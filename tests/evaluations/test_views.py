from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse, reverse_lazy
from openpyxl import load_workbook

from evaluations import services
from evaluations.models import AuditProblem, UnitHead
from tests.core.factories import UnitFactory

from .test_importers import audit_workbook

Status = AuditProblem.Status


@pytest.fixture
def records(world, staff_a, make_problem, make_suggestion):
    """One record of every kind in county A."""
    evaluation = services.round_create(
        jurisdiction=world.county_a,
        year=2024,
        title="沅陵县2024年工作评议",
        units=[world.unit_a],
        by=staff_a,
    )
    opinion = services.opinion_assign(
        evaluation=evaluation,
        unit=world.unit_a,
        content="加大对乡镇民生实事项目建设支持力度",
        assigned_on=date(2024, 6, 1),
        deadline=date(2024, 9, 1),
        by=staff_a,
    )
    head = services.head_appoint(
        by=staff_a, name="向东", unit=world.unit_a, post="局长", took_office=date(2020, 1, 1)
    )
    appraisal = services.appraisal_create(
        jurisdiction=world.county_a,
        by=staff_a,
        title="沅陵履职评议",
        year=2024,
        appraisal_date=date(2024, 11, 30),
    )
    return {
        "round": evaluation,
        "opinion": opinion,
        "problem": make_problem(),
        "suggestion": make_suggestion(),
        "head": head,
        "appraisal": appraisal,
    }


def detail_urls(records):
    r = records
    return [
        reverse("evaluations:round_detail", args=[r["round"].pk]),
        reverse("evaluations:stage_update", args=[r["round"].stages.first().pk]),
        reverse("evaluations:opinion_detail", args=[r["opinion"].pk]),
        reverse("evaluations:problem_detail", args=[r["problem"].pk]),
        reverse("evaluations:rectification_item", args=[r["problem"].pk]),
        reverse("evaluations:suggestion_detail", args=[r["suggestion"].pk]),
        reverse("evaluations:unit_scorecard", args=[r["problem"].unit_id]),
        reverse("evaluations:appraisal_detail", args=[r["appraisal"].pk]),
        reverse("evaluations:appraisal_export", args=[r["appraisal"].pk]),
    ]


def post_urls(records):
    r = records
    return [
        reverse("evaluations:participant_add", args=[r["round"].pk]),
        reverse("evaluations:opinion_add", args=[r["round"].pk]),
        reverse("evaluations:problem_report", args=[r["problem"].pk]),
        reverse("evaluations:problem_close", args=[r["problem"].pk]),
        reverse("evaluations:problem_return", args=[r["problem"].pk]),
        reverse("evaluations:suggestion_reply", args=[r["suggestion"].pk]),
        reverse("evaluations:suggestion_adoption", args=[r["suggestion"].pk]),
        reverse("evaluations:appraisal_roster", args=[r["appraisal"].pk]),
        reverse("evaluations:appraisal_votes", args=[r["appraisal"].pk]),
        reverse("evaluations:appraisal_grade", args=[r["appraisal"].pk]),
    ]


LIST_URLS = [
    "evaluations:round_list",
    "evaluations:problem_list",
    "evaluations:matching",
    "evaluations:review_list",
    "evaluations:suggestion_list",
    "evaluations:scorecard",
    "evaluations:head_list",
    "evaluations:appraisal_list",
]


def test_staff_open_every_page(client_for, staff_a, records):
    client = client_for(staff_a)
    for url in detail_urls(records) + [reverse(name) for name in LIST_URLS]:
        assert client.get(url).status_code == 200, url
    for name in [
        "round_create",
        "review_create",
        "suggestion_create",
        "head_create",
        "appraisal_create",
    ]:
        assert client.get(reverse(f"evaluations:{name}")).status_code == 200, name


def test_outsider_gets_404_on_details_and_cannot_act(client_for, outsider, records):
    client = client_for(outsider)
    for url in detail_urls(records):
        assert client.get(url).status_code == 404, url
    for url in post_urls(records):
        assert (
            client.post(url, {"note": "x", "reply": "x", "status": "rectified"}).status_code == 404
        ), url
    problem = records["problem"]
    problem.refresh_from_db()
    assert problem.verification_note == "" and problem.status == Status.NOT_STARTED


def test_outsider_lists_show_nothing_of_county_a(client_for, outsider, records):
    client = client_for(outsider)
    for name in LIST_URLS:
        body = client.get(reverse(name), {"year": 2023}).content.decode()
        for text in [
            "沅陵县财政局",
            "沅陵县2024年工作评议",
            "专项资金未及时拨付",
            "沅检行建",
            "向东",
            "沅陵履职评议",
        ]:
            assert text not in body, (name, text)


def test_outsider_cannot_filter_by_a_county_a_unit(client_for, outsider, records, world):
    body = (
        client_for(outsider)
        .get(reverse("evaluations:problem_list"), {"unit": world.unit_a.pk})
        .content.decode()
    )
    assert "专项资金未及时拨付" not in body and "选择一个有效的选项" in body


def test_deputy_is_refused(client_for, deputy_a, records):
    client = client_for(deputy_a)
    for name in LIST_URLS:
        assert client.get(reverse(name)).status_code == 403


def test_liaison_sees_only_their_unit(
    client_for, liaison_a, records, world, make_problem, make_suggestion
):
    other = UnitFactory(name="沅陵县教育局", jurisdiction=world.county_a)
    other_problem = make_problem(unit=other, description="学校食堂收费不规范")
    other_suggestion = make_suggestion(unit=other)
    client = client_for(liaison_a)
    body = client.get(reverse("evaluations:problem_list")).content.decode()
    assert "专项资金未及时拨付" in body and "学校食堂收费不规范" not in body
    assert (
        client.get(reverse("evaluations:problem_detail", args=[other_problem.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("evaluations:suggestion_detail", args=[other_suggestion.pk])).status_code
        == 404
    )
    assert client.get(reverse("evaluations:unit_scorecard", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("evaluations:unit_scorecard", args=[world.unit_a.pk])).status_code == 200
    )
    assert (
        client.get(reverse("evaluations:round_detail", args=[records["round"].pk])).status_code
        == 200
    )
    for name in ["scorecard", "head_list", "appraisal_list", "review_list"]:
        assert client.get(reverse(f"evaluations:{name}")).status_code == 403, name
    assert client.get(IMPORT_PAGE).status_code == 403
    close = reverse("evaluations:problem_close", args=[records["problem"].pk])
    assert client.post(close).status_code == 403


def test_liaison_reports_and_staff_close_out(client_for, liaison_a, staff_a, records):
    problem = records["problem"]
    report = reverse("evaluations:problem_report", args=[problem.pk])
    client = client_for(liaison_a)
    response = client.post(
        report, {"status": "rectified", "measures": "已拨付", "evidence": ""}, follow=True
    )
    assert "须同时提供整改佐证材料" in response.content.decode()
    client.post(report, {"status": "rectified", "measures": "已拨付", "evidence": "拨款凭证"})
    problem.refresh_from_db()
    assert problem.status == Status.RECTIFIED
    client = client_for(staff_a)
    response = client.post(
        reverse("evaluations:problem_close", args=[problem.pk]), {"note": "核实无误"}, follow=True
    )
    assert "已核实销号" in response.content.decode()
    problem.refresh_from_db()
    assert problem.closed_by == staff_a


def test_close_out_without_evidence_is_refused_on_the_page(client_for, staff_a, make_problem):
    problem = make_problem(status=Status.RECTIFIED)
    response = client_for(staff_a).post(
        reverse("evaluations:problem_close", args=[problem.pk]), {"note": ""}, follow=True
    )
    assert "没有整改佐证材料，不能销号" in response.content.decode()
    problem.refresh_from_db()
    assert problem.closed_on is None


def test_problem_list_query_count_does_not_grow(
    client_for, staff_a, make_problem, django_assert_num_queries
):
    client = client_for(staff_a)
    make_problem()
    url = reverse("evaluations:problem_list")
    client.get(url)  # warm the session
    with django_assert_num_queries(7) as one:
        client.get(url)
    for _ in range(29):
        make_problem()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 30


def test_problem_list_filters(client_for, staff_a, make_problem):
    make_problem(status=Status.PARTIAL, description="问题甲", deadline=date(2099, 1, 1))
    make_problem(status=Status.RECTIFIED, description="问题乙", deadline=date(2020, 1, 1))
    make_problem(description="问题丙", deadline=date(2020, 1, 1))
    client = client_for(staff_a)
    body = client.get(reverse("evaluations:problem_list"), {"status": "partial"}).content.decode()
    assert "问题甲" in body and "问题乙" not in body
    body = client.get(reverse("evaluations:problem_list"), {"overdue": "yes"}).content.decode()
    assert "问题丙" in body and "问题乙" not in body and "问题甲" not in body


IMPORT_PAGE = reverse_lazy("reports:import_upload", args=["audit-problems"])


def test_import_through_the_shared_page_runs_as_a_background_job(
    client_for, staff_a, world, settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(staff_a)
    body = client.get(reverse("evaluations:problem_list")).content.decode()
    assert f'href="{IMPORT_PAGE}"' in body
    rows = [["1", "预算执行", "专项资金未及时拨付", 12.5, "沅陵县财政局", "2024-06-30"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_PAGE, {"file": audit_workbook(rows)})
    assert "导入完成：新增 1 条" in client.get(response.url).content.decode()
    bad = [["2", "预算执行", "x", 1, "不存在的单位", "2024-06-30"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_PAGE, {"file": audit_workbook(bad)})
    body = client.get(response.url).content.decode()
    assert "第 2 行「责任单位」：找不到单位“不存在的单位”" in body
    assert AuditProblem.objects.count() == 1


def test_outsider_cannot_import_into_county_a(
    client_for, outsider, world, settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(outsider)
    rows = [["1", "预算执行", "x", 1, "沅陵县财政局", "2024-06-30"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_PAGE, {"file": audit_workbook(rows)})
    body = client.get(response.url).content.decode()
    assert "找不到县市区“沅陵县”，或不在您的工作范围内" in body
    assert not AuditProblem.objects.exists()


def test_template_download(client_for, staff_a):
    template = reverse("reports:import_template", args=["audit-problems"])
    response = client_for(staff_a).get(template)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_unit_scorecard_counts(client_for, staff_a, world, make_problem, make_suggestion):
    # The 2024 evaluation of the unit examines the problems of the 2023 audit (make_problem's).
    services.round_create(
        jurisdiction=world.county_a, year=2024, title="评议", units=[world.unit_a], by=staff_a
    )
    for status, n in [(Status.RECTIFIED, 32), (Status.PARTIAL, 7), (Status.COMMITTED, 1)]:
        for _ in range(n):
            make_problem(status=status)
    make_suggestion(issued_on=date(2024, 1, 10))
    response = client_for(staff_a).get(
        reverse("evaluations:unit_scorecard", args=[world.unit_a.pk]), {"year": 2024}
    )
    card = response.context["card"]
    assert (card.audit.total, card.audit.rectified, card.audit.partial, card.audit.committed) == (
        40,
        32,
        7,
        1,
    )
    assert str(card.audit.rectified_rate) == "80.0"
    assert card.procuratorial.total == 1 and card.procuratorial.overdue == 1
    comparison = client_for(staff_a).get(reverse("evaluations:scorecard"), {"year": 2024})
    assert (
        "2023 年度审计查出的问题，共 40 个：整改到位 32 个、部分整改 7 个、承诺整改 1 个"
        in comparison.content.decode()
    )


def test_appraisal_flow_and_export(client_for, staff_a, world, records):
    head = records["head"]
    head.name = "=HYPERLINK(1)"
    head.save()
    services.head_appoint(
        by=staff_a,
        name="彭静",
        unit=UnitFactory(name="沅陵县水利局", jurisdiction=world.county_a),
        post="局长",
        took_office=date(2021, 5, 1),
        kind=UnitHead.Kind.HEAD,
    )
    appraisal = records["appraisal"]
    client = client_for(staff_a)
    client.post(reverse("evaluations:appraisal_roster", args=[appraisal.pk]))
    entries = list(appraisal.entries.order_by("head__name"))
    assert len(entries) == 2
    data = {}
    for entry, votes in zip(entries, [(50, 20, 5, 25), (60, 20, 0, 0)], strict=True):
        for grade, n in zip("ABCD", votes, strict=True):
            data[f"e{entry.pk}_{grade}"] = n
    client.post(reverse("evaluations:appraisal_votes", args=[appraisal.pk]), data)
    client.post(
        reverse("evaluations:appraisal_grade", args=[appraisal.pk]),
        {"excellent_share": "0.20", "good_share": "0.50", "poor_d_share": "0.200"},
    )
    body = client.get(reverse("evaluations:appraisal_detail", args=[appraisal.pk])).content.decode()
    assert "由政府负责人约谈" in body
    response = client.get(reverse("evaluations:appraisal_export", args=[appraisal.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == appraisal.title  # the merged title row of a government form
    assert rows[1][:2] == ("单位", "姓名")
    names = {row[1]: row for row in rows[2:]}
    assert names["'=HYPERLINK(1)"][9] == "较差"
    assert any(sheet.cell(row=r, column=2).data_type == "s" for r in (3, 4))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
