"""The test suite's fixtures (settings for tests, a user per role) serve the benchmarks too."""

from tests.conftest import *  # noqa: F403
