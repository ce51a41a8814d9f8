"""Run axe-core in the page and fail on any WCAG 2.x A/AA violation.

axe is injected with page.evaluate (our CSP blocks add_script_tag) from tests/e2e/vendor,
which scripts/update-frontend.sh refreshes from node_modules; CI needs no npm.
"""

from functools import cache
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@cache
def _axe_source():
    return Path(__file__).with_name("vendor").joinpath("axe.min.js").read_text(encoding="utf-8")


# What the browser says when the document axe was given is replaced by the one a click led to.
_REPLACED_MIDWAY = ("Execution context was destroyed", "reading 'documentElement'", "axe is not defined")


def axe_violations(page, *, tags=WCAG_TAGS):
    """The violations on the page that has loaded.

    A click that starts a navigation can return before the next document has replaced the
    current one, so axe could be injected into, or run over, the page being left (CI saw
    "Cannot read properties of null (reading 'documentElement')"). Each attempt waits for the
    load event; when the document is replaced during the run, the run starts again on the
    document that replaced it.
    """
    attempts = 3
    for attempt in range(1, attempts + 1):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                page.evaluate(_axe_source())
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
            return result["violations"]
        except PlaywrightError as exc:
            if attempt == attempts or not any(sign in str(exc) for sign in _REPLACED_MIDWAY):
                raise


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, *, tags=WCAG_TAGS):
    violations = axe_violations(page, tags=tags)
    report = format_violations(violations)
    if violations:
        print(report)
    assert not violations, f"{len(violations)} axe violation(s) on {page.url}:\n{report}"
