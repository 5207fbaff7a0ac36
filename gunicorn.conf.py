"""
gunicorn's settings wherever the site is served: `make serve`, the Procfile and scripts/load_test.py.

Threaded workers (gthread), so a request waiting on the database never holds up one that needs
none. With sync workers, a lock on the SQLite file (a backup, an import, a long save) left every
worker in SQLite's busy wait and cached pages queued behind them: 49 requests went unanswered
for 10 s during a 12 s lock. Here each worker has eight threads: cached pages, static files and
/healthz answer from a free one while others wait, and a request that must write gives up after
the database's busy timeout (5 s, moviesite/settings.py) with the branded 503 page, well inside
gunicorn's own timeout. A worker queues what it accepts once all its threads are busy, so it
takes eight requests stuck on the database in one worker to hold a page up. The GIL shares a
process's CPU between its threads, so threads add no rendering capacity: workers do that.
tests/test_serving.py holds a lock and times a cached page.
"""

import os

# One process per core by default; hosts set WEB_CONCURRENCY (and `--workers` wins over both).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = 8
# A request still running after this is killed and its worker replaced: no page takes this long.
timeout = 30
graceful_timeout = 30
# Browsers and load balancers reuse a connection for a few seconds; a thread serves it meanwhile.
keepalive = 5
