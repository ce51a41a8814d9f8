"""Run axe-core in the page and fail on any WCAG 2.x A/AA violation.

axe is injected with page.evaluate (our CSP blocks add_script_tag) from tests/e2e/vendor,
which scripts/update-frontend.sh refreshes from node_modules; CI needs no npm.
"""

from functools import cache
from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@cache
def _axe_source():
    return Path(__file__).with_name("vendor").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, *, tags=WCAG_TAGS):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return result["violations"]


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
