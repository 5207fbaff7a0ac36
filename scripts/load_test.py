"""
Load test: the production set-up under 64 connections for 30 seconds, across the public pages.

    .venv/bin/python scripts/load_test.py
    .venv/bin/python scripts/load_test.py --duration 10 --connections 16 --workers 4 --no-page-cache

It builds a throwaway site in a temporary folder (SQLite database, media, page cache folder):
migrations, the Backtrace list with its posters and renditions. Then it starts gunicorn as the
Procfile does, with the settings `make serve` uses (DEBUG off, hashed compressed static files,
a page cache shared by the workers through a folder), listening on 127.0.0.1 only, and drives
it with wrk (Debian: apt-get install -y wrk) for the given time, each request taking the next
page from every address in the sitemap plus the home, theme index, search and feed pages.

It prints wrk's report, then requests per second, latency and the count of responses that
were not 2xx or 3xx (and of socket errors); it exits 1 if there was any. Nothing here touches
the developer's db.sqlite3, media/ or .cache/; the server is stopped and the folder removed at
the end, however the run ends. Not part of the test suite: it takes half a minute and both cores.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")
LUA = ROOT / "scripts" / "load_test.lua"
# Pages the sitemap does not list but readers open all the time.
EXTRA_PATHS = [
    "/",
    "/?page=1",
    "/themes/",
    "/lists/movies-like-backtrace/?order=top",
    "/search/?q=heist",
    "/search/?q=memento",
    "/search/?q=nothing+matches+this",
    "/feed/",
    "/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
]
# Every setting moviesite/settings.py reads from the environment: only those given below apply.
CONFIGURATION = re.compile(
    r"^(DEBUG|SECRET_KEY|ALLOWED_HOSTS|CSRF_TRUSTED_ORIGINS|DATABASE_URL|CONN_MAX_AGE|CACHE_URL|REDIS_URL|"
    r"MEDIA_ROOT|SERVE_MEDIA|SECURE_.*|.*_COOKIE_SECURE|DJANGO_.*|PAGE_CACHE_SECONDS|AWS_.*|TRUSTED_PROXY_COUNT)$"
)


def production_env(folder, page_cache):
    env = {name: value for name, value in os.environ.items() if not CONFIGURATION.match(name)}
    env.update(
        # As `make serve`: production settings, browsable over plain http on this machine only.
        DEBUG="0",
        SECRET_KEY="local-load-test-only-never-for-a-real-site",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SERVE_MEDIA="1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        CACHE_URL=f"file://{folder / 'cache'}",
        DJANGO_SETTINGS_MODULE="moviesite.settings",
    )
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    return env


def run(args, env):
    finished = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if finished.returncode:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{finished.stdout}{finished.stderr}")
    return finished.stdout


def build_site(env):
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "--verbosity", "0"], env)
    run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env)
    run(
        [
            PYTHON,
            "-c",
            "import django; django.setup()\n"
            "from recommendations.management.commands.setup_local_site import copy_fixture_media\n"
            "copy_fixture_media()",
        ],
        env,
    )
    run([*manage, "loaddata", "backtrace", "--verbosity", "0"], env)
    run([*manage, "make_renditions"], env)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode()


def wait_until_up(base, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting: see its log above.")
        try:
            if get(f"{base}/healthz", timeout=1)[0] == 200:
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {base}/healthz within {seconds} s.")


def public_paths(base):
    """Every page in the sitemap, and the pages it does not list; each must answer 200 before the run."""
    status, index = get(f"{base}/sitemap.xml")
    locations = []
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        locations += re.findall(r"<loc>([^<]+)</loc>", get(section)[1])
    paths = [re.sub(r"^https?://[^/]+", "", location) for location in locations] + EXTRA_PATHS
    for path in paths:
        status, _ = get(base + path)
        if status != 200:
            sys.exit(f"{path} answered {status} before the load test started.")
    return paths


def number(pattern, text, default="0"):
    found = re.search(pattern, text)
    return found.group(1) if found else default


def summarise(report):
    non_2xx = int(number(r"Non-2xx or 3xx responses: (\d+)", report))
    counted = int(number(r"Bad responses \(not 2xx or 3xx\): (\d+)", report))
    socket_errors = sum(int(count) for count in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    return {
        "requests": int(number(r"(\d+) requests in", report)),
        "requests_per_second": float(number(r"Requests/sec:\s+([\d.]+)", report)),
        "latency_average": number(r"Latency\s+(\S+)", report, "?"),
        "latency_p50": number(r"50%\s+(\S+)", report, "?"),
        "latency_p99": number(r"99%\s+(\S+)", report, "?"),
        "latency_max": number(r"Latency\s+\S+\s+\S+\s+(\S+)", report, "?"),
        "errors": max(non_2xx, counted),
        "socket_errors": socket_errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (default 30)")
    parser.add_argument("--connections", type=int, default=64, help="open connections (default 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2, one per core)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2, as `make serve`)")
    parser.add_argument("--no-page-cache", action="store_true", help="render every page (PAGE_CACHE_SECONDS=0)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")

    folder = Path(tempfile.mkdtemp(prefix="moviesite-load-test-"))
    server = None
    try:
        env = production_env(folder, page_cache=not options.no_page_cache)
        print(f"Building a throwaway site in {folder} …", flush=True)
        build_site(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 - closed with the folder below
        server = subprocess.Popen(
            [
                GUNICORN,
                "moviesite.wsgi",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(options.workers),
                "--access-logfile",
                str(folder / "access.log"),
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_up(base, server)
        paths = public_paths(base)
        (folder / "paths.txt").write_text("\n".join(paths) + "\n")
        print(
            f"gunicorn ({options.workers} workers) on {base}; {len(paths)} public pages; "
            f"wrk: {options.connections} connections, {options.threads} threads, {options.duration} s"
            f"{', page cache off' if options.no_page_cache else ''}.",
            flush=True,
        )
        wrk = subprocess.run(
            [
                "wrk",
                "--threads",
                str(options.threads),
                "--connections",
                str(options.connections),
                "--duration",
                f"{options.duration}s",
                "--timeout",
                "10s",
                "--latency",
                "--script",
                str(LUA),
                base,
                "--",
                str(folder / "paths.txt"),
            ],
            capture_output=True,
            text=True,
            timeout=options.duration + 60,
        )
        print(wrk.stdout + wrk.stderr)
        if wrk.returncode:
            sys.exit(f"wrk failed with exit code {wrk.returncode}.")
        result = summarise(wrk.stdout)
        print(
            f"Result: {result['requests']} requests, {result['requests_per_second']:.0f} requests/s; latency "
            f"average {result['latency_average']}, median {result['latency_p50']}, 99th percentile "
            f"{result['latency_p99']}, max {result['latency_max']}; {result['errors']} responses not 2xx/3xx, "
            f"{result['socket_errors']} socket errors."
        )
        server_errors = (folder / "gunicorn.log").read_text()
        if "Traceback" in server_errors or "[CRITICAL]" in server_errors:
            print("The server logged errors:\n" + server_errors)
            return 1
        return 1 if result["errors"] or result["socket_errors"] else 0
    finally:
        if server is not None and server.poll() is None:
            # The process group this script started: gunicorn's master and its workers.
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
