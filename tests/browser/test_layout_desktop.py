"""Every page, as every role that may open it, at desktop size: the checks of test_layout.py, and
axe-core finds no serious or critical accessibility violation (contrast, names of buttons and
fields, landmarks, the page language...). axe's rules do not depend on the screen size, so it
runs on the page the desktop look has already opened: one page view for both.

axe is vendored under static/vendor/axe-core/ and injected here only, by URL from the portal's
own origin so the pages' CSP (script-src 'self') lets it run; no portal page includes it.
"""

import pytest

from . import walk as walking
from .test_layout import check_layout

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

walk = walking.walk

AXE = "/static/vendor/axe-core/axe.min.js"

AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}：${v.help}\\n    ` + v.nodes.slice(0, 5)
      .map(n => n.target.join(' ') + (n.failureSummary ? '（' + n.failureSummary.split('\\n').slice(1, 2).join('').trim() + '）' : ''))
      .join('\\n    '));
}"""


@pytest.mark.parametrize(("page", "role"), walking.ALLOWED)
def test_layout_and_accessibility(walk, page, role):
    opened, problems = check_layout(walk, page, role, "desktop")
    opened.tab.page.add_script_tag(url=walk.base + AXE)
    problems += [f"无障碍：{violation}" for violation in opened.tab.page.evaluate(AXE_RUN)]
    assert not problems, f"{opened.url}（{role}，desktop）：\n" + "\n".join(problems)
