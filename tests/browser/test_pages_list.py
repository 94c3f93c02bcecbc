"""The page walk's list stays in step with the URL configuration: a new page cannot be forgotten."""

from collections import Counter

from django.urls import URLPattern, URLResolver, get_resolver

from .pages import EXCLUDED, PAGES


def _patterns(patterns, namespace=""):
    """Yield each pattern's key: its namespaced name, or its route when it has no name."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name in EXCLUDED:
                yield pattern.app_name
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else str(pattern.pattern)


def test_every_url_pattern_is_walked_or_excluded_with_a_reason():
    walked = {page.name for page in PAGES}
    forgotten = sorted(set(_patterns(get_resolver().url_patterns)) - walked - set(EXCLUDED))
    assert not forgotten, f"加入 tests/browser/pages.py 的 PAGES 或 EXCLUDED：{forgotten}"


def test_the_list_names_no_pattern_that_is_gone():
    known = set(_patterns(get_resolver().url_patterns))
    walked = {page.name for page in PAGES}
    stale = sorted((walked | set(EXCLUDED)) - known)
    assert not stale, f"已不存在的 URL：{stale}"
    # The import page serves each importer at its own address, walked once per importer.
    repeated = {name for name, n in Counter(page.name for page in PAGES).items() if n > 1}
    assert repeated <= {"reports:import_upload"}, f"a page is listed twice: {repeated}"
    assert not walked & set(EXCLUDED), "a page is both walked and excluded"
    assert all(reason.strip() for reason in EXCLUDED.values())
