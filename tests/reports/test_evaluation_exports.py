import datetime as dt
import io

from openpyxl import load_workbook

from evaluations.exporters import AuditProblemExporter
from evaluations.models import AuditProblem
from tests.core.factories import UnitFactory


def problem(unit, number, status="not_started", description="专项资金未及时拨付"):
    return AuditProblem.objects.create(
        jurisdiction=unit.jurisdiction,
        unit=unit,
        year=2023,
        number=number,
        area="预算执行",
        description=description,
        deadline=dt.date(2024, 6, 30),
        status=status,
    )


def rows(exporter):
    buffer = io.BytesIO()
    exporter.write(buffer)
    buffer.seek(0)
    return [list(r) for r in load_workbook(buffer).worksheets[0].iter_rows(values_only=True)][2:]


def test_audit_export_is_the_filtered_page(world, staff_a, outsider, liaison_a):
    other_unit = UnitFactory(name="沅陵县教育局", jurisdiction=world.county_a)
    problem(world.unit_a, "1", status="rectified")
    problem(world.unit_a, "2", description='=HYPERLINK("http://x")')
    problem(other_unit, "3")
    problem(world.unit_b, "4")
    assert [r[2] for r in rows(AuditProblemExporter(user=staff_a))] == ["1", "2", "3"]
    filtered = rows(AuditProblemExporter(user=staff_a, params={"status": ["not_started"]}))
    assert [r[2] for r in filtered] == ["2", "3"]
    assert filtered[0][4] == '\'=HYPERLINK("http://x")'  # escaped, kept as text
    assert [r[2] for r in rows(AuditProblemExporter(user=liaison_a))] == ["1", "2"]
    assert [r[2] for r in rows(AuditProblemExporter(user=outsider))] == ["4"]
