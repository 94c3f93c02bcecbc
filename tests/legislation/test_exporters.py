"""The consolidated report as an Excel workbook: the printed page's columns, the user's scope."""

import io

import pytest
from openpyxl import load_workbook

from legislation.exporters import ReportExporter
from legislation.models import Consultation

from .factories import ArticleFactory, ConsultationFactory, ContactPointFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def rows(exporter):
    buffer = io.BytesIO()
    exporter.write(buffer)
    buffer.seek(0)
    return [[c.value for c in row] for row in load_workbook(buffer).worksheets[0].iter_rows()]


def test_report_rows_in_article_order(world, staff_a, deputy_a):
    consultation = ConsultationFactory(
        point=ContactPointFactory(county=world.county_a), title="某条例（草案）"
    )
    article = ArticleFactory(consultation=consultation, number=3, label="第三条", text="原条文。")
    SuggestionFactory(
        consultation=consultation, article=article, suggested_text="修改后。", reason="理由。"
    )
    SuggestionFactory(
        consultation=consultation, article=article
    )  # not rewritten: not in the report
    params = {"consultation": str(consultation.pk)}
    for user in (staff_a, deputy_a):
        assert ReportExporter.allowed_for(user)
        assert rows(ReportExporter(user=user, params=params)) == [
            ["关于《某条例（草案）》的意见建议汇总", None, None, None, None, None],
            ["序号", "条款", "原文", "修改建议", "理由", "来源"],
            [1, "第三条", "原条文。", "修改后。", "理由。", "座谈会1条"],
        ]


def test_another_countys_report_is_not_exported(world, outsider, liaison_a):
    consultation = ConsultationFactory(point=ContactPointFactory(county=world.county_a))
    with pytest.raises(Consultation.DoesNotExist):
        rows(ReportExporter(user=outsider, params={"consultation": str(consultation.pk)}))
    assert not ReportExporter.allowed_for(liaison_a)


def test_without_a_consultation_every_visible_report_is_exported(world, staff_a, outsider):
    mine = ConsultationFactory(point=ContactPointFactory(county=world.county_a), title="本县草案")
    theirs = ConsultationFactory(point=ContactPointFactory(county=world.county_b), title="外县草案")
    for consultation in (mine, theirs):
        SuggestionFactory(consultation=consultation, article=None, suggested_text="修改。")
    assert [r[0] for r in rows(ReportExporter(user=staff_a))[2:]] == ["本县草案"]
    assert [r[0] for r in rows(ReportExporter(user=outsider))[2:]] == ["外县草案"]
    assert rows(ReportExporter(user=staff_a))[1][:3] == ["草案", "序号", "条款"]
