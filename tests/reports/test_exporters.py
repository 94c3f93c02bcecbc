import datetime as dt
import io
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import AutoField, CharField, TextField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.demo import seed_all
from accounts.models import User
from core.exchange.exporters import FORMULA_PREFIXES, BaseExporter, Sheet, export_value, registry
from core.exporters import UnitExporter
from evaluations.models import AppraisalRound
from reports import services
from supervision.models import Plan
from tests.demo_apps import DOMAIN_DEMOS


def read(exporter) -> list[list]:
    buffer = io.BytesIO()
    exporter.write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


class TextExporter(BaseExporter):
    identifier = "test-text"
    verbose_name = "测试"

    def __init__(self, rows, **kwargs):
        super().__init__(user=None, **kwargs)
        self._rows = rows

    def sheets(self):
        yield Sheet(name="表", headers=["值"], rows=self._rows, totals=lambda: ["合计"])


class HostileExporter(BaseExporter):
    identifier = "test-hostile"
    verbose_name = "测试"

    def sheets(self):
        yield Sheet(
            name="表",
            title='=HYPERLINK("http://x","y")',
            headers=["+1", "值"],
            rows=[['=HYPERLINK("http://x")', -2], ["+1", 3.5], ["-2", 0], ["@SUM(A1)", ""]]
            + [["\t=1+1", ""], ["\r=1+1", ""], ["=\x07HYPERLINK(1)", ""], ["正常", ""]],
            totals=lambda: ["-合计", -7],
        )


def test_formula_like_text_is_escaped_in_title_headers_rows_and_totals():
    buffer = io.BytesIO()
    HostileExporter(user=None).write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ['\'=HYPERLINK("http://x","y")', None],
        ["'+1", "值"],
        ['\'=HYPERLINK("http://x")', -2],
        ["'+1", 3.5],
        ["'-2", 0],
        ["'@SUM(A1)", None],
        ["'\t=1+1", None],
        ["'\r=1+1", None],  # written through lxml, a carriage return is kept as &#13;
        ["'=HYPERLINK(1)", None],  # the control character is dropped, not the whole workbook
        ["正常", None],
        ["'-合计", -7],
    ]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    # Numbers, negative ones included, stay numbers.
    assert sheet["B3"].data_type == "n" and sheet["B11"].value == -7


def test_times_are_written_in_shanghai_local_time():
    moment = dt.datetime(2024, 3, 31, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 April in Huaihua
    assert export_value(moment) == dt.datetime(2024, 4, 1, 0, 30)
    assert export_value(Decimal("12.50")) == 12.5
    assert export_value(None) == ""
    assert export_value(True) == "是"


def test_header_totals_and_print_setup():
    buffer = io.BytesIO()
    TextExporter([["a"], ["b"]]).write(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["值"], ["a"], ["b"], ["合计"]]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"


def test_unit_export_respects_scope_and_filters(world, staff_a, outsider):
    rows = read(UnitExporter(user=staff_a))
    assert rows[0] == ["承办单位名录", None, None, None, None, None]
    names = {row[0] for row in rows[2:]}
    assert names == {"沅陵县财政局", "官庄镇人民政府"}
    filtered = read(UnitExporter(user=staff_a, params={"kind": ["township"]}))
    assert {row[0] for row in filtered[2:]} == {"官庄镇人民政府"}
    outsider_rows = read(
        UnitExporter(user=outsider, params={"jurisdiction": [str(world.county_a.pk)]})
    )
    assert "沅陵县财政局" not in {row[0] for row in outsider_rows[2:]}


def test_apps_register_their_exporters():
    assert registry["units"] is UnitExporter
    assert registry["quarterly"].__name__ == "QuarterlyReport"
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


# One formula-like text per OWASP prefix, the first with a control character openpyxl refuses.
HOSTILE = ['=\x07HYPERLINK("http://x","y")', "+1+1", "-1-1", "@SUM(1)", "\t=1+1", "\r=1+1"]
POISONED_APPS = (
    "core",
    "deputies",
    "evaluations",
    "livelihood_projects",
    "polls",
    "supervision",
    "budget",
    "experts",
    "legislation",
)


def _poison_every_text_column() -> int:
    """Overwrite every free-text column of the domain apps with formula-like text.

    The row's number is appended, so unique names stay unique; choice fields keep their codes (their
    labels come from the code, not the row). Returns the number of columns poisoned.
    """
    poisoned = 0
    # A code another table points at (a foreign key `to_field`) is a key, not text a user typed.
    keys = {
        (field.related_model, field.to_fields[0])
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and getattr(field, "to_fields", None) and field.to_fields[0]
    }
    for app in POISONED_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if (
                    not isinstance(field, CharField | TextField)
                    or field.choices
                    or field.primary_key
                    or (model, field.name) in keys
                ):
                    continue
                text = HOSTILE[poisoned % len(HOSTILE)]
                text = text[: max(1, (field.max_length or 1000) - 10)]
                value = Value(text, output_field=field)
                if isinstance(model._meta.pk, AutoField):
                    value = Concat(value, Cast("pk", CharField()), output_field=field)
                try:
                    with transaction.atomic():
                        model.objects.update(**{field.attname: value})
                except IntegrityError:
                    continue  # PostgreSQL refuses to change a published poll's set-up, rightly
                poisoned += 1
    return poisoned


@pytest.fixture
def poisoned_demo(db):
    seed_all()
    for app in DOMAIN_DEMOS:
        import_module(f"{app}.demo").seed()
    assert _poison_every_text_column() > 50


def _params(identifier: str) -> dict:
    if identifier == "appraisal":
        return {"appraisal": [str(AppraisalRound.objects.order_by("pk").first().pk)]}
    if identifier == "quarterly":
        return {"year": ["2024"], "quarter": ["4"]}
    if identifier == "supervision_plan":
        return {"plan": [str(Plan.objects.order_by("pk").first().pk)]}
    return {}


def test_no_cell_of_any_registered_export_is_a_formula(poisoned_demo):
    admin = User.objects.get(username="hh_admin")
    for identifier, exporter_class in registry.items():
        if identifier.startswith("test-"):
            continue
        buffer = io.BytesIO()
        exporter_class(user=admin, params=_params(identifier)).write(buffer)
        buffer.seek(0)
        escaped = 0
        for sheet in load_workbook(buffer).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (identifier, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(FORMULA_PREFIXES), (
                            identifier,
                            sheet.title,
                            cell.coordinate,
                            cell.value,
                        )
                        escaped += cell.value.startswith("'")
        # The hostile text did reach the workbook: the walk is not over empty sheets.
        assert escaped, identifier


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_appraisal_title_is_text_in_the_direct_and_the_background_export(
    client_for, staff_a, world, media, django_capture_on_commit_callbacks, eager_tasks
):
    appraisal = AppraisalRound.objects.create(
        jurisdiction=world.county_a,
        title='=HYPERLINK("http://x","y")',
        year=2024,
        appraisal_date=dt.date(2024, 12, 1),
        created_by=staff_a,
    )
    client = client_for(staff_a)
    direct = client.get(reverse("evaluations:appraisal_export", args=[appraisal.pk])).content
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_create(
            exporter="appraisal", params={"appraisal": [str(appraisal.pk)]}, by=staff_a
        )
    job.refresh_from_db()
    background = client.get(reverse("reports:job_download", args=[job.pk]))
    for content in (direct, b"".join(background.streaming_content)):
        title = load_workbook(io.BytesIO(content)).worksheets[0]["A1"]
        assert title.value == "'" + appraisal.title and title.data_type == "s"
