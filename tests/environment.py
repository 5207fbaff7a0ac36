"""
Runs before Django is set up (see addopts in pyproject.toml).

The tests run the settings as a developer's machine does (DEBUG=1 at import: the
development secret key, no HTTPS redirect); pytest-django then turns DEBUG off
while tests run, so error pages are the ones readers get.
"""

import os

os.environ.setdefault("DEBUG", "1")
