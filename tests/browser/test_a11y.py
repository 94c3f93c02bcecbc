"""Every page, as every role, checked by axe-core: no serious or critical accessibility violation
(contrast, names of buttons and fields, landmarks, the page language...).

axe is vendored under static/vendor/axe-core/ and injected here only, by URL from the portal's
own origin so the pages' CSP (script-src 'self') lets it run; no portal page includes it. The
rules do not depend on the screen size, so it runs once per page and role that may open it, at
desktop size (test_layout.py checks that the other roles are refused).
"""

import pytest

from . import walk as walking

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

walk = walking.walk

AXE = "/static/vendor/axe-core/axe.min.js"

RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}：${v.help}\\n    ` + v.nodes.slice(0, 5)
      .map(n => n.target.join(' ') + (n.failureSummary ? '（' + n.failureSummary.split('\\n').slice(1, 2).join('').trim() + '）' : ''))
      .join('\\n    '));
}"""


@pytest.mark.parametrize(("page", "role"), walking.ALLOWED)
def test_no_serious_accessibility_violation(walk, page, role):
    opened = walk.open(page, role, "desktop")
    assert opened.allowed
    opened.tab.page.add_script_tag(url=walk.base + AXE)
    violations = opened.tab.page.evaluate(RUN)
    assert not violations, f"{opened.url}（{role}）：\n" + "\n".join(violations)
