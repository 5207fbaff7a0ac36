"""
`make bench`: how fast the reader pages are served, on a small and a large generated catalogue.

    .venv/bin/python bench/run_bench.py                      # 100,000 films, 10 s per page
    .venv/bin/python bench/run_bench.py --films 20000 --people 10000 --lists 2000 --duration 5

For each catalogue it builds (once, then reuses) its own SQLite file under bench/data/: the
Backtrace fixture plus `generate_demo_data --append`, lists of 6, 25 and 100 entries. Then it
starts gunicorn on each as `make serve` does (DEBUG off, collected static files, 2 workers,
a shared cache folder, 127.0.0.1 only) and drives each kind of page with wrk, one page at a
time, the catalogues taking turns; once with the page cache off, once warm. Beside wrk's
numbers it counts each page's SQL queries in-process with Django's test client, and on the
large catalogue it times recommendations.similarity.similar_films, which the admin's
suggestions use.

Results go to stdout and to bench/results.md as Markdown; the README's Performance section
quotes them. Nothing here touches the developer's db.sqlite3 or media/.
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from probe import PAGE_TIMEOUT

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")

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
PAGE_KINDS = ["list 6", "list 6 (fixture)", "list 25", "list 100", "home", "film", "person", "theme", "search"]
PAGE_KINDS += ["sitemap", "static"]
# Targets from the "Production" issue, with the page cache off.
LIST_SHARE_OF_STATIC = 0.10
LIST_100_OVER_6 = 4.0
MAX_LIST_QUERIES = 6
LARGE_OVER_SMALL = 0.80
# What the servers keep of the shell's environment.
PASSED_THROUGH = {"PATH", "HOME", "LANG", "TZ", "TMPDIR"}
# The page cache's setting (recommendations/page_cache.py): 0 turns it off.
PAGE_CACHE = "PAGE_CACHE_SECONDS"
WARM_CACHE_SECONDS = "600"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--lists", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", choices=["small", "large"], help="run one catalogue only")
    parser.add_argument("--rebuild", action="store_true", help="generate the catalogues again")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    run_benchmark(parser.parse_args())


# The benchmark: build, serve, measure, report.


def run_benchmark(options):
    wrk = find_wrk()
    large = {"films": options.films, "people": options.people, "lists": options.lists}
    catalogues = {"small": SMALL, "large": large}
    if options.only:
        catalogues = {options.only: catalogues[options.only]}

    collect_static()
    results = {}
    for name, size in catalogues.items():
        build = build_catalogue(name, size, options.rebuild)
        probe = probe_catalogue(catalogue_env(name), similarity=5 if name == "large" else 0)
        results[name] = {"size": size, "build": build, "probe": probe, "runs": {}}

    page_cache = all(result["probe"]["page_cache_setting"] for result in results.values())
    for mode in ("off", "warm") if page_cache else ("off",):
        for name, rows in measure(wrk, results, mode, options).items():
            results[name]["runs"][mode] = rows

    report = render_report(results, options)
    print(report)
    options.output.write_text(report, encoding="utf-8")
    print(f"Written to {options.output}", file=sys.stderr)


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


def catalogue_env(name, page_cache="0"):
    """The `make serve` settings on the catalogue's own database, media and cache folder.

    Only the shell's basics pass through: a DATABASE_URL, CACHE_URL or AWS_* bucket meant
    for something else must not reach the benchmark.
    """
    env = {key: value for key, value in os.environ.items() if key in PASSED_THROUGH or key.startswith("LC_")}
    env.update(SERVE_ENV)
    env["DATABASE_URL"] = f"sqlite:///{DATA / f'{name}.sqlite3'}"
    env["MEDIA_ROOT"] = str(DATA / f"media-{name}")
    # As `make serve`: the workers share a cache folder, so a page cached by one is served by both.
    env["CACHE_URL"] = f"file://{DATA / f'cache-{name}'}"
    env[PAGE_CACHE] = page_cache
    return env


def manage(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def build_catalogue(name, size, rebuild):
    """The catalogue's database, made once: the Backtrace fixture, then a generated catalogue beside it."""
    DATA.mkdir(parents=True, exist_ok=True)
    database, marker = DATA / f"{name}.sqlite3", DATA / f"{name}.json"
    wanted = {**size, "entries": ENTRIES, "seed": SEED}
    env = catalogue_env(name)
    if not rebuild and database.exists() and marker.exists():
        made = json.loads(marker.read_text())
        if made["options"] == wanted:
            print(f"Reusing the {name} catalogue in {database.relative_to(ROOT)}.", file=sys.stderr)
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            return made
    for stale in (database, marker):
        stale.unlink(missing_ok=True)
    shutil.rmtree(DATA / f"media-{name}", ignore_errors=True)

    print(f"Building the {name} catalogue in {database.relative_to(ROOT)}…", file=sys.stderr)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    # setup_local_site loads the fixture with its posters the way `make run` does; it wants DEBUG.
    manage(dict(env, DEBUG="1"), "setup_local_site", stdout=subprocess.DEVNULL)
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
    marker.write_text(json.dumps(made))
    return made


def collect_static():
    manage(catalogue_env("small"), "collectstatic", "--noinput", "--verbosity", "0")


def probe_catalogue(env, similarity=0):
    command = [PYTHON, str(Path(__file__).with_name("probe.py")), f"--similarity={similarity}"]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output)


def measure(wrk, results, mode, options):
    """wrk against each kind of page, the catalogues taking turns so that both see the same machine."""
    rows = {name: {} for name in results}
    with contextlib.ExitStack() as stack:
        servers = {}
        for number, name in enumerate(results):
            shutil.rmtree(DATA / f"cache-{name}", ignore_errors=True)
            env = catalogue_env(name, WARM_CACHE_SECONDS if mode == "warm" else "0")
            servers[name] = stack.enter_context(Gunicorn(name, env, options.port + number, options.workers))
        for kind in PAGE_KINDS:
            for name, server in servers.items():
                page = results[name]["probe"]["pages"].get(kind)
                if page is None or page.get("timeout") or page.get("slow"):
                    continue
                url = f"http://127.0.0.1:{server.port}{page['path']}"
                # Warms each worker (templates, URL patterns, the page cache when on), and waits
                # out requests the previous page's run left queued.
                for _ in range(4 * options.workers):
                    fetch(url)
                print(f"  page cache {mode}, {name}, {kind}: {page['path']}", file=sys.stderr)
                rows[name][kind] = run_wrk(wrk, url, options)
                server.check()
    return rows


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
        with urllib.request.urlopen(url, timeout=60) as response:
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


# The report.


def render_report(results, options):
    lines = ["# Benchmark results", ""]
    lines += machine_lines(options)
    for name, result in results.items():
        lines += catalogue_lines(name, result)
    if {"small", "large"} <= results.keys():
        lines += comparison_lines(results)
    lines += target_lines(results)
    if "large" in results and results["large"]["probe"].get("similarity"):
        lines += similarity_lines(results["large"])
    return "\n".join(lines) + "\n"


def machine_lines(options):
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        cpu = models[0] if models else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    arguments = " ".join(sys.argv[1:])
    command = f'make bench BENCH_ARGS="{arguments}"' if arguments else "make bench"
    return [
        f"Machine: {os.cpu_count()} CPUs ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite.",
        f"Command: `{command}`. gunicorn, {options.workers} sync workers, DEBUG off, whitenoise static files; "
        f"wrk -t{options.threads} -c{options.connections} -d{options.duration}s on the same machine, "
        "one page at a time.",
        "",
    ]


def catalogue_lines(name, result):
    counts, pages = result["probe"]["counts"], result["probe"]["pages"]
    lines = [
        f"## {name.capitalize()} catalogue: {counts['films']:,} films, {counts['people']:,} people, "
        f"{counts['credits']:,} credits, {counts['lists']:,} lists, {counts['entries']:,} entries",
        "",
        f"Generated in {result['build']['seconds']} s (`generate_demo_data --films {result['size']['films']} "
        f"--people {result['size']['people']} --lists {result['size']['lists']} --entries {ENTRIES} --append`, "
        "beside the Backtrace fixture).",
        "",
    ]
    if "warm" not in result["runs"]:
        lines += [
            f"Page cache: no {PAGE_CACHE} setting in moviesite/settings.py, so only the cache-off run; "
            "the warm run is unavailable.",
            "",
        ]
    for mode, rows in result["runs"].items():
        static_rps = rows["static"]["rps"] if "static" in rows else None
        lines += [f"Page cache {mode}:", ""]
        lines += [
            "| page | requests/s | p50 ms | p99 ms | errors | share of static | SQL queries | in-process ms | path |"
        ]
        lines += ["| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for kind in PAGE_KINDS:
            page = pages.get(kind)
            if page is None:
                continue
            where = f"`{page['path']}` {page['note']}"
            if page.get("timeout"):
                lines.append(f"| {kind} | – | – | – | timeout | – | – | > {PAGE_TIMEOUT} s | {where}: not driven |")
                continue
            if page.get("slow"):
                lines.append(
                    f"| {kind} | – | – | – | – | – | {page['queries']} | {page['ms']:.0f} | {where}: too slow |"
                )
                continue
            row = rows[kind]
            share = f"{row['rps'] / static_rps:.1%}" if static_rps else "–"
            lines.append(
                f"| {kind} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} | {share} "
                f"| {page['queries']} | {page['ms']} | {where} |"
            )
        lines.append("")
    return lines


def rps(result, kind):
    """Requests/s with the page cache off; 0 for a page too slow to drive."""
    row = result["runs"]["off"].get(kind)
    return row["rps"] if row else 0.0


def comparison_lines(results):
    small, large = results["small"], results["large"]
    lines = ["## Large catalogue against small (page cache off)", ""]
    lines += ["| page | small requests/s | large requests/s | large / small | small queries | large queries |"]
    lines += ["| --- | ---: | ---: | ---: | ---: | ---: |"]
    for kind in PAGE_KINDS:
        if kind not in small["probe"]["pages"] or kind not in large["probe"]["pages"]:
            continue
        driven = [kind in result["runs"]["off"] for result in (small, large)]
        ran = (small, large)
        cells = [f"{rps(result, kind):.0f}" if kind in result["runs"]["off"] else "not driven" for result in ran]
        ratio = f"{rps(large, kind) / rps(small, kind):.0%}" if all(driven) else "–"
        queries = [result["probe"]["pages"][kind]["queries"] for result in (small, large)]
        lines.append(
            f"| {kind} | {cells[0]} | {cells[1]} | {ratio} "
            f"| {' | '.join('–' if count is None else str(count) for count in queries)} |"
        )
    return [*lines, ""]


def target_lines(results):
    lines = ["## Targets (page cache off)", ""]
    for name, result in results.items():
        pages = result["probe"]["pages"]
        share = rps(result, "list 6") / rps(result, "static")
        cost = rps(result, "list 6") / rps(result, "list 100") if rps(result, "list 100") else float("inf")
        list_queries = {pages[kind]["queries"] or 0 for kind in ("list 6", "list 25", "list 100")}
        errors = sum(row["errors"] for run in result["runs"].values() for row in run.values())
        timeouts = [kind for kind, page in pages.items() if page.get("timeout") or page.get("slow")]
        lines += [
            f"- {name}: 6-entry list at {share:.1%} of the static file's requests/s "
            f"(target ≥ {LIST_SHARE_OF_STATIC:.0%}): {verdict(share >= LIST_SHARE_OF_STATIC)}",
            f"- {name}: a 100-entry list costs {cost:.1f}x a 6-entry one (target ≤ {LIST_100_OVER_6:.0f}x): "
            f"{verdict(cost <= LIST_100_OVER_6)}",
            f"- {name}: list pages run {', '.join(map(str, sorted(list_queries)))} queries at 6, 25 and 100 entries "
            f"(target: one number, ≤ {MAX_LIST_QUERIES}): "
            f"{verdict(len(list_queries) == 1 and max(list_queries) <= MAX_LIST_QUERIES)}",
            f"- {name}: {errors} errors under load"
            + (f", and {', '.join(timeouts)} too slow to serve under load" if timeouts else "")
            + f" (target 0): {verdict(errors == 0 and not timeouts)}",
        ]
    if {"small", "large"} <= results.keys():
        small, large = results["small"], results["large"]
        kinds = [kind for kind in PAGE_KINDS if kind != "static" and kind in large["probe"]["pages"]]
        kept = {kind: rps(large, kind) / rps(small, kind) for kind in kinds if rps(small, kind)}
        missed = {kind: ratio for kind, ratio in kept.items() if ratio < LARGE_OVER_SMALL}
        detail = ", ".join(f"{kind} {ratio:.0%}" for kind, ratio in missed.items()) or "none"
        lines.append(
            f"- every public page keeps ≥ {LARGE_OVER_SMALL:.0%} of its small-catalogue requests/s at the large one: "
            f"{verdict(not missed)} (below: {detail})"
        )
    return [*lines, ""]


def verdict(met):
    return "**met**" if met else "**missed**"


def similarity_lines(result):
    lines = [
        f"## similar_films on the large catalogue ({result['probe']['counts']['films']:,} films)",
        "",
        "The film page's \"Similar films\" and the admin's suggested entries; five calls per film, "
        "the film fetched with for_film_page() as the page does.",
        "",
        "| film | themes | credits | tags | median ms | worst ms | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["probe"]["similarity"]:
        links = row["links"]
        lines.append(
            f"| {row['film']} | {links['themes']} | {links['people']} | {links['tags']} "
            f"| {row['median_ms']} | {row['max_ms']} | {row['queries']} |"
        )
    return [*lines, ""]


if __name__ == "__main__":
    main()
