"""
Runs before Django is set up (see addopts in pyproject.toml).

The tests run the settings as a developer's machine does (DEBUG=1 at import: the
development secret key, no HTTPS redirect); pytest-django then turns DEBUG off
while tests run, so error pages are the ones readers get.
"""

import os

os.environ.setdefault("DEBUG", "1")

# Whatever the shell says, tests keep the cache in local memory and uploads in a temporary
# folder: never a shared Redis or a real bucket. DATABASE_URL is honoured, so the same suite
# runs on PostgreSQL (scripts/with-postgres make test).
for name in ("CACHE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "SERVE_MEDIA"):
    os.environ.pop(name, None)
