"""How many examples a property test runs under the loaded Hypothesis profile
(tests/conftest.py registers them): its full count under "ci", a tenth under "dev"."""

from __future__ import annotations

from hypothesis import settings

__all__ = ["CI_EXAMPLES", "examples"]

CI_EXAMPLES = 100  # the "ci" profile's max_examples: Hypothesis's own default


def examples(full: int) -> int:
    """`full` under the "ci" profile, scaled down with the loaded profile's
    max_examples otherwise (a tenth under "dev"), and never fewer than 10."""
    return max(10, full * settings.default.max_examples // CI_EXAMPLES)
