"""Township budget review: the order and date rules at their edges, the service's refusals, the
county's matrix and a township's page for every role, the outsider and the anonymous visitor,
and the matrix's export."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget import rules
from budget.exporters import TownshipReviewExporter
from budget.models import TownshipReview
from budget.services import review as services
from tests.core.factories import JurisdictionFactory

from .factories import TownshipReviewFactory

# --- The rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "start", "end"),
    [
        ("preliminary", date(2023, 11, 1), date(2024, 12, 31)),
        ("approval", date(2023, 11, 1), date(2024, 12, 31)),
        ("adjustment", date(2024, 1, 1), date(2024, 12, 31)),
        ("final", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_review_window_edges(step, start, end):
    assert rules.review_window(step, 2024) == (start, end)
    kwargs = {"preliminary_on": start}
    assert rules.review_step_error(step, start, 2024, **kwargs) is None
    assert rules.review_step_error(step, end, 2024, **kwargs) is None
    before = date.fromordinal(start.toordinal() - 1)
    after = date.fromordinal(end.toordinal() + 1)
    assert rules.review_step_error(step, before, 2024, **kwargs) == "window"
    assert rules.review_step_error(step, after, 2024, **kwargs) == "window"


def test_unknown_step_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.review_window("vote", 2024)


def test_approval_needs_the_preliminary_review_first():
    day = date(2024, 1, 10)
    assert rules.review_step_error("approval", day, 2024, preliminary_on=None) == "no_preliminary"
    assert rules.review_step_error("approval", day, 2024, preliminary_on=day) is None
    later = date(2024, 1, 11)
    assert (
        rules.review_step_error("approval", day, 2024, preliminary_on=later) == "before_preliminary"
    )
    # The other steps do not depend on the preliminary review.
    assert rules.review_step_error("adjustment", day, 2024, preliminary_on=None) is None


# --- The service --------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def _record(township, by, **kwargs):
    fields = {"year": 2024, "step": "preliminary", "held_on": date(2023, 12, 28)} | kwargs
    return services.review_record(township=township, by=by, **fields)


def test_record_then_correct(world, staff_a):
    first = _record(world.township_a, staff_a, opinions=" 同意提交大会审查 ")
    again = _record(world.township_a, staff_a, held_on=date(2023, 12, 29))
    assert first.pk == again.pk and again.held_on == date(2023, 12, 29)
    assert TownshipReview.objects.count() == 1 and again.opinions == ""


def test_refusals_save_nothing(world, staff_a, outsider):
    with pytest.raises(ValidationError, match="请先登记"):
        _record(world.township_a, staff_a, step="approval", held_on=date(2024, 1, 10))
    with pytest.raises(ValidationError, match="之间"):
        _record(world.township_a, staff_a, step="final", held_on=date(2024, 12, 31))
    with pytest.raises(ValidationError, match="其他县"):
        _record(world.township_a, outsider)
    with pytest.raises(ValidationError, match="乡镇"):
        _record(world.county_a, staff_a)
    assert not TownshipReview.objects.exists()


def test_preliminary_cannot_move_after_the_approval(world, staff_a):
    _record(world.township_a, staff_a, held_on=date(2024, 1, 5))
    _record(world.township_a, staff_a, step="approval", held_on=date(2024, 1, 8))
    with pytest.raises(ValidationError, match="不能晚于"):
        _record(world.township_a, staff_a, held_on=date(2024, 1, 9))
    with pytest.raises(ValidationError, match="不能早于"):
        _record(world.township_a, staff_a, step="approval", held_on=date(2024, 1, 4))


def test_document_is_checked_and_kept(world, staff_a):
    pdf = SimpleUploadedFile("批复.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    review = _record(world.township_a, staff_a, upload=pdf)
    assert review.document_name == "批复.pdf" and review.document.name.endswith(".pdf")
    fake = SimpleUploadedFile("批复.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError, match="不支持"):
        _record(world.township_a, staff_a, upload=fake, held_on=date(2023, 12, 1))
    review.refresh_from_db()
    assert review.held_on == date(2023, 12, 28)


# --- The pages ----------------------------------------------------------------------------------


@pytest.fixture
def steps(world, staff_a):
    pdf = SimpleUploadedFile("批复.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    first = _record(world.township_a, staff_a, upload=pdf, document_number="官人发〔2024〕1号")
    TownshipReviewFactory(township=world.township_b, held_on=date(2023, 12, 1))
    return {"review": first}


def _urls(world, steps):
    return {
        "matrix": reverse("budget:review_matrix"),
        "township": reverse("budget:review_township", args=[world.township_a.pk]),
        "document": reverse("budget:review_document", args=[steps["review"].pk]),
    }


def test_anonymous_is_sent_to_login(client, world, steps):
    for url in [*_urls(world, steps).values(), reverse("budget:review_record", args=[1])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_and_deputy_read_liaison_does_not(
    client_for, world, steps, staff_a, deputy_a, liaison_a
):
    urls = _urls(world, steps)
    for user in (staff_a, deputy_a):
        client = client_for(user)
        page = client.get(urls["matrix"])
        assert page.status_code == 200
        assert "官庄镇" in page.content.decode() and "孝坪镇" not in page.content.decode()
        assert client.get(urls["township"]).status_code == 200
        assert client.get(urls["document"]).status_code == 200
    client = client_for(liaison_a)
    for url in urls.values():
        assert client.get(url).status_code == 403


def test_outsider_gets_404(client_for, world, steps, outsider):
    client = client_for(outsider)
    urls = _urls(world, steps)
    assert client.get(urls["township"]).status_code == 404
    assert client.get(urls["document"]).status_code == 404
    assert client.get(f"{urls['matrix']}?county={world.county_a.pk}").status_code == 404
    record = reverse("budget:review_record", args=[world.township_a.pk])
    assert client.post(record, {"year": 2024}).status_code == 404


def test_matrix_shows_each_step_by_township(client_for, world, steps, staff_a):
    _record(world.township_a, staff_a, step="approval", held_on=date(2024, 1, 6))
    page = client_for(staff_a).get(reverse("budget:review_matrix"))
    matrix = page.context["matrix"]
    assert matrix.year == 2024 and matrix.county == world.county_a
    row = matrix.rows[0]
    assert [c is not None for c in row.cells] == [True, True, False, False]
    assert matrix.step_counts == [1, 1, 0, 0]
    assert "2024-01-06" in page.content.decode()


def test_municipal_admin_chooses_a_county(client_for, world, steps, admin_user):
    client = client_for(admin_user)
    page = client.get(f"{reverse('budget:review_matrix')}?county={world.county_b.pk}&year=2024")
    assert page.context["matrix"].county == world.county_b
    assert "孝坪镇" in page.content.decode()


def test_record_form_keeps_what_was_typed(client_for, world, staff_a, deputy_a):
    url = reverse("budget:review_record", args=[world.township_a.pk])
    data = {"year": 2024, "step": "approval", "held_on": "2024-01-10", "opinions": "同意"}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 400
    assert "请先登记" in response.content.decode() and "同意" in response.content.decode()
    assert client_for(deputy_a).post(url, data).status_code == 403
    data |= {"step": "preliminary", "held_on": "2023-12-20"}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 302
    assert TownshipReview.objects.get(township=world.township_a).opinions == "同意"


def test_matrix_export(world, steps, staff_a, outsider):
    exporter = TownshipReviewExporter(user=staff_a, params={"year": "2024"})
    [sheet] = list(exporter.sheets())
    rows = list(sheet.rows)
    assert [r[0] for r in rows] == ["官庄镇"]
    assert rows[0][1] == date(2023, 12, 28) and rows[0][2] == "官人发〔2024〕1号"
    outside = TownshipReviewExporter(user=outsider, params={"county": str(world.county_a.pk)})
    assert list(outside.sheets()) == []


def test_township_user_records_their_own(world, client_for):
    from tests.accounts.factories import StaffUserFactory

    own = StaffUserFactory(username="guanzhuang", jurisdiction=world.township_a)
    other = JurisdictionFactory(
        name="五强溪镇", code="431222102", level="township", parent=world.county_a
    )
    _record(world.township_a, own)
    with pytest.raises(ValidationError):
        _record(other, own)
    assert (
        client_for(own).get(reverse("budget:review_township", args=[other.pk])).status_code == 404
    )
