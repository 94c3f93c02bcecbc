"""Every page, as every role, on a phone (and in test_layout_desktop.py on a desktop), looked at the way a person would:

- nothing runs off the right edge (a page that scrolls sideways on a phone);
- every visible input, radio, checkbox, select and button can be reached: at its centre (or at
  its label's), once scrolled into view, the browser finds the control itself or its label, not
  something drawn over it (the submit button lying on top of the 满意 radios);
- the title in the browser tab holds no markup;
- no script error or refused resource on the console, and no request leaves the portal's origin
  (it runs on intranets, and CSP forbids it);

This module walks the phone size; test_layout_desktop.py walks the desktop size with the same
checks and axe's. Two modules, so two test processes share the walk.

A role that may not open a page must get 403 or 404 (or the login page, or be sent elsewhere);
that is checked once per page and role, and the look only of the pages a role does get.
"""

import pytest

from . import walk as walking

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

walk = walking.walk

# Returns the problems found; runs in the page, so one round trip per page view.
LAYOUT = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    problems.push(`页面宽 ${root.scrollWidth}px，超出窗口 ${window.innerWidth}px：${wide}`);
  }
  if (document.title.includes('<')) problems.push(`标题含标记：${document.title}`);
  const controls = document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button');
  for (const control of controls) {
    // checkVisibility also skips what a closed <details> holds (laid out, but not drawn).
    if (!control.checkVisibility({visibilityProperty: true})) continue;
    // A honeypot for bots is hidden from people and from screen readers alike.
    if (control.closest('[aria-hidden=true]')) continue;
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Reached through itself or through a label (a button-styled label stands in for the
    // clipped radio or checkbox it is for).
    const targets = [control, ...(control.labels || [])];
    let hit = null;
    const reached = targets.some(target => {
      target.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
      const at = target.getBoundingClientRect();
      if (at.width === 0 || at.height === 0) return false;
      hit = document.elementFromPoint(at.left + at.width / 2, at.top + at.height / 2);
      return hit && targets.some(t => t === hit || t.contains(hit));
    });
    if (reached) continue;
    const name = control.name || control.id || control.textContent.trim().slice(0, 20);
    const over = hit ? hit.tagName.toLowerCase() + (hit.className ? '.' + hit.className : '') : '无';
    problems.push(`${control.tagName.toLowerCase()}[${control.type || ''}] “${name}” 被 ${over} 遮住`);
  }
  return problems;
}"""


def check_layout(walk, page, role, size) -> tuple[walking.Opened, list[str]]:
    """Opens the page as the role at the size: the page, and the problems found on it."""
    opened = walk.open(page, role, size)
    assert opened.allowed
    tab = opened.tab
    problems = tab.page.evaluate(LAYOUT)
    problems += [f"控制台错误：{error}" for error in tab.console_errors]
    problems += [f"请求了其他站点：{url}" for url in tab.foreign_requests]
    return opened, problems


@pytest.mark.parametrize(("page", "role"), walking.ALLOWED)
def test_layout(walk, page, role):
    opened, problems = check_layout(walk, page, role, "phone")
    assert not problems, f"{opened.url}（{role}，phone）：\n" + "\n".join(problems)


@pytest.mark.parametrize(("page", "role"), walking.REFUSED)
def test_refused(walk, page, role):
    """The role gets 403 or 404, or the login page, or is sent elsewhere (checked in `open`)."""
    assert not walk.open(page, role, "phone").allowed


def test_the_check_finds_what_it_looks_for(browser):
    """The check itself, on a page with each fault (a control drawn over, a page wider than the
    phone, markup in the title) and two controls that are fine (a labelled radio further down, a
    hidden checkbox)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_content(
        "<title>首页 <div class='btn'></title>"
        "<div style='width: 600px'>宽</div>"
        "<input name='covered'><div style='position: absolute; top: 0; left: 0; width: 390px;"
        " height: 200px; background: white'></div>"
        "<div style='height: 1200px'></div><label><input type='radio' name='ok'> 满意</label>"
        "<input type='checkbox' id='hidden' style='display: none'>"
    )
    problems = page.evaluate(LAYOUT)
    context.close()
    assert len(problems) == 3, problems
    assert "超出窗口 390px" in problems[0]
    assert "标题含标记" in problems[1]
    assert "“covered” 被 div 遮住" in problems[2]
