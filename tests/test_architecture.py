"""Where things live, checked: roles are compared in one place, and writes go through services.

See README "Where things live". These read the source as text or syntax trees, so a new view that
checks a role or saves a model fails here before review.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "core",
    "accounts",
    "notifications",
    "polls",
    "deputies",
    "livelihood_projects",
    "evaluations",
    "supervision",
    "budget",
    "experts",
    "legislation",
    "reports",
)

# A user's role compared in any of its spellings: the old decorators, the Role enum (not a
# station member's `StationMembership.Role`), the user's role field and its role properties.
ROLE_CHECK = re.compile(
    r"role_required|has_role|STAFF_ROLES|RoleRequiredMixin|(?<![\w.])Role\.(?!choices)"
    r"|\buser\.role\s*(==|!=|\bin\b)"
    r"|is_committee_staff|is_portal_admin|\.is_deputy\b|\.is_liaison\b"
)

FIELD_DECLARATION = re.compile(r"=\s*models\.\w+Field\(")


def _role_allowed(path: Path) -> bool:
    """Roles are compared where permissions are named, where visibility is decided (querysets)
    and where users are defined or seeded; nowhere else."""
    relative = path.relative_to(ROOT)
    return (
        relative.parts[0] == "accounts"
        or path.name in {"permissions.py", "querysets.py", "demo.py"}
        or "migrations" in relative.parts
    )


def _sources(*suffixes: str):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*")):
            if path.suffix in suffixes and path.is_file():
                yield path


def test_roles_are_compared_only_in_permissions_visibility_and_accounts():
    offenders = []
    for path in _sources(".py", ".html"):
        if _role_allowed(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # A model field declaring a role's choices (a station member's) compares nothing.
            if ROLE_CHECK.search(line) and not FIELD_DECLARATION.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_CHECK.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "ask a named permission instead:\n" + "\n".join(offenders)


WRITE_METHODS = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def _write_layer_files():
    """Views, forms and importers: the code that must hand every write to a service."""
    for app in APPS:
        base = ROOT / app
        candidates = [
            *base.glob("views.py"),
            *base.glob("public_views.py"),
            *base.glob("views/*.py"),
            *base.glob("forms.py"),
            *base.glob("importers.py"),
        ]
        yield from sorted(candidates)


def _writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        receiver = ast.unparse(node.func.value)
        # The session and the cache are not models; `.update()` is left out because dicts and
        # QueryDicts share its name (a queryset update in a view still shows up in review).
        if method in WRITE_METHODS and not receiver.startswith(("request.session", "cache")):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {receiver}.{method}()")
    return found


def test_views_forms_and_importers_never_write_a_model():
    offenders = [write for path in _write_layer_files() for write in _writes(path)]
    assert offenders == [], "move the write into a service:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def v(request):\n    obj.save()\n", 1),
        ("def v(request):\n    Poll.objects.create(title='x')\n", 1),
        ("def v(request):\n    request.session.save()\n", 0),
        ("def v(request):\n    services.poll_create(by=request.user)\n", 0),
    ],
)
def test_the_write_check_sees_writes(tmp_path, source, expected):
    path = ROOT / "tests" / "_write_probe.py"
    try:
        path.write_text(source, encoding="utf-8")
        assert len(_writes(path)) == expected
    finally:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("@role_required(*STAFF_ROLES)", True),
        ("if user.role == Role.STAFF:", True),
        ("{% if user.is_committee_staff or user.is_portal_admin %}", True),
        ("if request.user.is_deputy:", True),
        ("role__in=[Role.STAFF]", True),
        ("if membership.role != station_role:", False),
        ("if user.role in (Role.STAFF, Role.ADMIN):", True),
        ("{{ user.get_role_display }}", False),
        ("parse_choice(StationMembership.Role.choices)", False),
        ("@permission_required('polls.manage_poll')", False),
        ("{% if perms.deputies.view_records %}", False),
    ],
)
def test_the_role_check_sees_role_comparisons(line, flagged):
    assert bool(ROLE_CHECK.search(line)) is flagged
