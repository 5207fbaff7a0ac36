"""
The production set-up, served for real: gunicorn with gunicorn.conf.py and the `make serve`
settings, on 127.0.0.1, on a throwaway site built as scripts/load_test.py builds it.

- While another connection holds an exclusive lock on the SQLite file and requests that must
  write wait on it, a cached page is served within a second, and so is a page rendered afresh.
- /healthz answers 503 on an empty database file, where SQLite answers SELECT 1 happily.
- Static files, collected and served by whitenoise, carry the pages' security headers.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from scripts.load_test import GUNICORN, ROOT, build_site, free_port, production_env

pytestmark = pytest.mark.skipif(not Path(GUNICORN).exists(), reason="gunicorn is not installed")
LIST = "/lists/movies-like-backtrace/"


class Server:
    """gunicorn on a free port of 127.0.0.1, as `make serve` starts it; stopped with its workers."""

    def __init__(self, env, folder):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "moviesite.wsgi",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env={**env, "WEB_CONCURRENCY": "2"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn stopped while starting"
            try:
                self.get("/robots.txt", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start within 60 s")

    def get(self, path, timeout=10, opener=urllib.request.urlopen):
        try:
            with opener(self.base + path, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("served-site")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def site(folder):
    env = production_env(folder, page_cache=True)
    build_site(env)
    server = Server(env, folder)
    yield server, folder / "db.sqlite3"
    server.stop()


def failed_sign_in(server, results):
    """A reader's failed sign-in: the sign-in limits must write it down, so it waits on a lock."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, _, page = server.get("/admin/login/", opener=browser.open)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "editor", "password": "wrong"}).encode()
    request = urllib.request.Request(server.base + "/admin/login/", data=form)
    started = time.monotonic()
    try:
        with browser.open(request, timeout=30) as response:
            results.append((response.status, time.monotonic() - started))
    except urllib.error.HTTPError as error:
        results.append((error.code, time.monotonic() - started))


def test_a_cached_page_is_served_within_a_second_while_the_database_is_locked(site):
    server, database = site
    for _ in range(2):  # the second is served from the cache
        assert server.get(LIST)[0] == 200
    lock = sqlite3.connect(database, timeout=0, isolation_level=None)
    writers, results = [], []
    try:
        lock.execute("BEGIN EXCLUSIVE")
        # Twice as many requests stuck on the lock as there are workers: sync workers would move no more.
        for _ in range(4):
            writer = threading.Thread(target=failed_sign_in, args=(server, results))
            writer.start()
            writers.append(writer)
        time.sleep(1.5)
        assert not results, "the sign-ins did not wait on the lock"

        started = time.monotonic()
        status, headers, page = server.get(LIST, timeout=5)
        cached = time.monotonic() - started
        started = time.monotonic()
        fresh_status, _, fresh_page = server.get("/films/memento-2000/?order=anything", timeout=5)
        fresh = time.monotonic() - started
    finally:
        lock.execute("ROLLBACK")
        lock.close()
        for writer in writers:
            writer.join(timeout=30)

    assert status == 200 and "Movies Like Backtrace" in page and "ETag" in headers
    assert cached < 1, f"{cached:.2f} s"
    # The write-ahead log lets pages be read while the lock is held.
    assert fresh_status == 200 and "Memento" in fresh_page
    assert fresh < 1, f"{fresh:.2f} s"
    # The writers waited for the lock, and got the branded page or went through once it was free.
    assert len(results) == 4 and all(code in {200, 429, 503} for code, _ in results), results


def test_healthz_answers_503_on_an_empty_database_file(site, folder):
    server, _ = site
    assert server.get("/healthz")[0] == 200
    empty = folder / "empty.sqlite3"
    empty.touch()
    env = {**production_env(folder, page_cache=True), "DATABASE_URL": f"sqlite:///{empty}"}
    broken = Server(env, folder)
    try:
        status, _, body = broken.get("/healthz")
    finally:
        broken.stop()

    assert status == 503
    assert body == '{"status": "unavailable", "database": "unavailable"}'


def test_collected_static_files_carry_the_pages_headers(site):
    server, _ = site
    _, page_headers, page = server.get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)

    status, headers, _ = server.get(stylesheet)

    assert status == 200
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == page_headers["Content-Security-Policy"]
