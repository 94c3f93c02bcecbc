"""A page's <title> holds text only: markup inside a title block shows up raw in the browser tab."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import TextNode
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.urls import reverse

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _templates() -> list[str]:
    """Every template of the portal, by the name the loaders find it under."""
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += sorted(Path(settings.BASE_DIR).glob("*/templates"))
    names = set()
    for root in roots:
        if ".venv" in root.parts:
            continue
        names |= {str(p.relative_to(root)) for p in root.rglob("*.html")}
    return sorted(names)


def _title_blocks(nodelist):
    for node in nodelist.get_nodes_by_type(BlockNode):
        if node.name == "title":
            yield node


def test_the_template_walk_finds_the_home_pages():
    assert {"core/home.html", "evaluations/round_list.html"} <= set(_templates())


@pytest.mark.parametrize("name", _templates())
def test_no_title_block_holds_markup(name):
    template = get_template(name).template
    for block in _title_blocks(template.nodelist):
        text = "".join(n.s for n in block.nodelist.get_nodes_by_type(TextNode))
        assert "<" not in text, f"{name}: the title block holds markup: {text.strip()[:80]}"


@pytest.mark.parametrize("persona", ["admin_user", "staff_a", "deputy_a", "liaison_a"])
def test_rendered_home_title_is_text(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("home"))
    (title,) = TITLE.findall(response.content.decode())
    assert "<" not in title and ">" not in title, title
