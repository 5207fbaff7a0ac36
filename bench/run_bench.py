"""
`make bench`: how fast the reader pages are served, on a small and a large generated catalogue.

    .venv/bin/python bench/run_bench.py                                # SQLite, file cache, 100,000 films
    .venv/bin/python bench/run_bench.py --database postgres --cache redis
    .venv/bin/python bench/run_bench.py --films 20000 --people 10000 --lists 2000 --duration 5

For each catalogue it builds its own database (SQLite: a file under bench/data/, built once and
then reused; PostgreSQL: a database on a throwaway server that scripts/with-postgres starts,
built afresh each run): the Backtrace fixture plus `generate_demo_data --append`, lists of 6, 25
and 100 entries. Then it starts gunicorn on each as `make serve` does (DEBUG off, collected
static files, 2 workers, 127.0.0.1 only) with the page cache in a shared folder (`--cache file`,
as `make serve`) or in a throwaway Redis (`--cache redis`, scripts/with-redis), and drives each
kind of page with wrk, one page at a time, the catalogues taking turns; once with the page
cache off, once warm. In the warm run each page is compared with a static file of its own size,
served by whitenoise from the same server. Beside wrk's numbers it counts each page's SQL
queries in-process with Django's test client, and on the large catalogue it times
recommendations.similarity.similar_films.

The report (bench/report.py) replaces this mode's section of bench/results.md and is printed.
Nothing here touches the developer's db.sqlite3 or media/.
"""

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from probe import PAGE_TIMEOUT
from report import PAGE_KINDS, render_report, write_section

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
WITH_REDIS = ROOT / "scripts" / "with-redis"

# As `make serve`: production settings, made reachable over plain http on this machine only.
SERVE_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "local-bench-only-never-for-a-real-site",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    # Warnings only: a log line per request would be part of what is measured.
    "DJANGO_LOG_LEVEL": "WARNING",
}
SMALL = {"films": 400, "people": 200, "lists": 30}
ENTRIES = "6,25,100"
SEED = 1
# What the servers keep of the shell's environment.
PASSED_THROUGH = {"PATH", "HOME", "LANG", "TZ", "TMPDIR"}
# The page cache's setting (recommendations/page_cache.py): 0 turns it off.
PAGE_CACHE = "PAGE_CACHE_SECONDS"
WARM_CACHE_SECONDS = "600"
# Static files the size of each page, written into the collected static files (whitenoise serves them).
SIZED_STATIC = "bench-sized"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--lists", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cache", choices=["file", "redis"], default="file", help="where the page cache lives")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", choices=["small", "large"], help="run one catalogue only")
    parser.add_argument("--rebuild", action="store_true", help="generate the SQLite catalogues again")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    options = parser.parse_args()
    reexec_beside_servers(options)
    run_benchmark(options)


def reexec_beside_servers(options):
    """Start again inside scripts/with-postgres and scripts/with-redis when the mode needs their servers."""
    wrappers = []
    if options.database == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        wrappers.append(str(WITH_POSTGRES))
    if options.cache == "redis" and not os.environ.get("CACHE_URL", "").startswith("redis"):
        wrappers += [str(WITH_REDIS), "--cache"]
    if wrappers:
        command = [*wrappers, PYTHON, *sys.argv]
        os.execv(command[0], command)


# The benchmark: build, serve, measure, report.


def run_benchmark(options):
    wrk = find_wrk()
    large = {"films": options.films, "people": options.people, "lists": options.lists}
    catalogues = {"small": SMALL, "large": large}
    if options.only:
        catalogues = {options.only: catalogues[options.only]}

    collect_static(options)
    results = {}
    for number, (name, size) in enumerate(catalogues.items()):
        build = build_catalogue(name, number, size, options)
        probe = probe_catalogue(catalogue_env(name, number, options), similarity=5 if name == "large" else 0)
        write_sized_static_files(name, probe["pages"])
        results[name] = {"size": size, "build": build, "probe": probe, "runs": {}}

    for mode in ("off", "warm"):
        for name, rows in measure(wrk, results, mode, options).items():
            results[name]["runs"][mode] = rows

    report = render_report(results, options)
    print(report)
    write_section(options.output, section_name(options), report)
    print(f"Written to {options.output}", file=sys.stderr)


def section_name(options):
    return f"{options.database}, {options.cache} cache"


def find_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing Debian's package (apt-get install wrk)…", file=sys.stderr)
        apt = {"DEBIAN_FRONTEND": "noninteractive", **os.environ}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True, env=apt)
        return shutil.which("wrk")
    sys.exit("The benchmark needs wrk: `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk`.")


def database_url(name, options):
    if options.database == "sqlite":
        return f"sqlite:///{DATA / f'{name}.sqlite3'}"
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{server}/bench_{name}"


def cache_url(name, number, options):
    if options.cache == "redis":
        # One Redis database per catalogue, so their pages never meet.
        return f"{os.environ['CACHE_URL'].rsplit('/', 1)[0]}/{number}"
    # As `make serve`: the workers share a cache folder, so a page cached by one is served by both.
    return f"file://{DATA / f'cache-{name}'}"


def catalogue_env(name, number, options, page_cache="0"):
    """The `make serve` settings on the catalogue's own database, media and cache.

    Only the shell's basics pass through: a DATABASE_URL, CACHE_URL or AWS_* bucket meant
    for something else must not reach the benchmark.
    """
    env = {key: value for key, value in os.environ.items() if key in PASSED_THROUGH or key.startswith("LC_")}
    env.update(SERVE_ENV)
    env["DATABASE_URL"] = database_url(name, options)
    env["MEDIA_ROOT"] = str(DATA / f"media-{name}")
    env["CACHE_URL"] = cache_url(name, number, options)
    env[PAGE_CACHE] = page_cache
    return env


def manage(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def build_catalogue(name, number, size, options):
    """The catalogue's database: the Backtrace fixture, then a generated catalogue beside it.

    A SQLite file is made once and reused while its options stay the same; a PostgreSQL
    database lives on a throwaway server, so it is made each run.
    """
    DATA.mkdir(parents=True, exist_ok=True)
    wanted = {**size, "entries": ENTRIES, "seed": SEED}
    env = catalogue_env(name, number, options)
    marker = DATA / f"{name}.json"
    if options.database == "sqlite":
        database = DATA / f"{name}.sqlite3"
        if not options.rebuild and database.exists() and marker.exists():
            made = json.loads(marker.read_text())
            if made["options"] == wanted:
                print(f"Reusing the {name} catalogue in {database.relative_to(ROOT)}.", file=sys.stderr)
                manage(env, "migrate", "--noinput", "--verbosity", "0")
                return made
        for stale in (database, marker):
            stale.unlink(missing_ok=True)
    else:
        create_postgres_database(env["DATABASE_URL"])
    shutil.rmtree(DATA / f"media-{name}", ignore_errors=True)

    print(f"Building the {name} catalogue ({options.database})…", file=sys.stderr)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    # setup_local_site loads the fixture with its posters the way `make run` does; it wants DEBUG and SQLite.
    manage(dict(env, DEBUG="1"), "loaddata", "backtrace", "--verbosity", "0")
    copy_fixture_media(env)
    started = time.perf_counter()
    manage(
        env,
        "generate_demo_data",
        "--append",
        f"--films={size['films']}",
        f"--people={size['people']}",
        f"--lists={size['lists']}",
        f"--entries={ENTRIES}",
        f"--seed={SEED}",
    )
    made = {"options": wanted, "seconds": round(time.perf_counter() - started, 1)}
    if options.database == "sqlite":
        marker.write_text(json.dumps(made))
    return made


def copy_fixture_media(env):
    """The fixture's posters and their renditions, as `make run` puts them in place."""
    script = (
        "import django; django.setup(); "
        "from recommendations.management.commands.setup_local_site import copy_fixture_media; copy_fixture_media()"
    )
    subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=dict(env, DJANGO_SETTINGS_MODULE="moviesite.settings"), check=True
    )
    manage(env, "make_renditions", stdout=subprocess.DEVNULL)


def create_postgres_database(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def collect_static(options):
    manage(catalogue_env("small", 0, options), "collectstatic", "--noinput", "--verbosity", "0")


def probe_catalogue(env, similarity=0):
    command = [PYTHON, str(Path(__file__).with_name("probe.py")), f"--similarity={similarity}"]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output)


def write_sized_static_files(name, pages):
    """For each page, a static file of the same number of bytes: what the page cache is measured against."""
    folder = ROOT / "staticfiles" / SIZED_STATIC
    folder.mkdir(parents=True, exist_ok=True)
    for kind, page in pages.items():
        if not page.get("bytes") or kind == "static":
            continue
        filler = b"<!-- the size of a page, to compare a cached page with a static file -->\n"
        body = (filler * (page["bytes"] // len(filler) + 1))[: page["bytes"]]
        file_name = f"{name}-{kind.replace(' ', '-').replace('(', '').replace(')', '')}.html"
        (folder / file_name).write_bytes(body)
        page["sized_static_path"] = f"/static/{SIZED_STATIC}/{file_name}"


def measure(wrk, results, mode, options):
    """wrk against each kind of page, the catalogues taking turns so that both see the same machine."""
    rows = {name: {} for name in results}
    with contextlib.ExitStack() as stack:
        servers = {}
        for number, name in enumerate(results):
            shutil.rmtree(DATA / f"cache-{name}", ignore_errors=True)
            env = catalogue_env(name, number, options, WARM_CACHE_SECONDS if mode == "warm" else "0")
            if options.cache == "redis":
                flush_redis(env["CACHE_URL"])
            servers[name] = stack.enter_context(Gunicorn(name, env, options.port + number, options.workers))
        for kind in PAGE_KINDS:
            for name, server in servers.items():
                page = results[name]["probe"]["pages"].get(kind)
                if page is None or page.get("timeout") or page.get("slow"):
                    continue
                rows[name][kind] = drive(wrk, server, page["path"], options, f"page cache {mode}, {name}, {kind}")
                if mode == "warm" and page.get("sized_static_path"):
                    label = f"{name}, a static file the size of {kind}"
                    rows[name][kind]["sized_static"] = drive(wrk, server, page["sized_static_path"], options, label)
                server.check()
    return rows


def drive(wrk, server, path, options, label):
    url = f"http://127.0.0.1:{server.port}{path}"
    # Warms each worker (templates, URL patterns, the page cache when on), and waits out
    # requests the previous page's run left queued.
    for _ in range(4 * options.workers):
        fetch(url)
    print(f"  {label}: {path}", file=sys.stderr)
    return run_wrk(wrk, url, options)


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


class Gunicorn:
    def __init__(self, name, env, port, workers):
        self.env, self.port, self.workers = env, port, workers
        self.log = DATA / f"gunicorn-{name}.log"

    def __enter__(self):
        if port_open(self.port):
            sys.exit(f"Something already listens on 127.0.0.1:{self.port}; pass --port.")
        command = [str(GUNICORN), "moviesite.wsgi", f"--bind=127.0.0.1:{self.port}", f"--workers={self.workers}"]
        # No control socket: its default path is shared with any other gunicorn on the machine (`make serve`).
        command.append("--no-control-socket")
        self.output = self.log.open("w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not port_open(self.port):
            self.check()
            if time.monotonic() > deadline:
                self.__exit__()
                sys.exit(f"gunicorn did not start in 30 s; see {self.log}")
            time.sleep(0.2)
        return self

    def check(self):
        if self.process.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {self.process.returncode}); see {self.log}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=PAGE_TIMEOUT * 2) as response:
            response.read()
    except (OSError, http.client.HTTPException):
        pass  # wrk counts it: a non-2xx/3xx answer, or a socket error


def run_wrk(wrk, url, options):
    command = [wrk, f"-t{options.threads}", f"-c{options.connections}", f"-d{options.duration}s"]
    command += ["--latency", "--timeout", "10s", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    """Requests/s, p50 and p99 in ms, and errors (non-2xx/3xx answers plus socket errors) from wrk's report."""
    import re

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        int(p): to_ms(v, unit) for p, v, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return {"rps": rps, "p50": latency.get(50), "p99": latency.get(99), "errors": errors, "requests": requests}


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


if __name__ == "__main__":
    main()
