"""Browser journeys in Debian's Chromium (STACK.md: never `playwright install`)."""

import os
from pathlib import Path

import pytest

# pytest-playwright's sync API runs an event loop in the test thread; without this Django
# refuses the database writes that live_server tests make from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
_HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), "--disable-gpu"],
    }


@pytest.fixture(autouse=True)
def no_content_security_policy_refusals(request):
    """Fails a journey whose page had anything refused by our CSP (a style, a script, a frame)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert refused == [], "\n".join(refused)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)
