"""The Markdown report of one `make bench` run (bench/run_bench.py), and its place in bench/results.md."""

import os
import platform
import re
import sys
from pathlib import Path

from probe import PAGE_TIMEOUT

PAGE_KINDS = ["list 6", "list 6 (fixture)", "list 25", "list 100", "home", "film", "person", "theme", "search"]
PAGE_KINDS += ["sitemap", "static"]

# The targets of the performance issue, as ratios measured in one run.
CACHED_LIST_6_OF_STYLESHEET = 0.80
CACHED_LIST_100_OF_STYLESHEET = 0.60
CACHED_OF_SIZED_STATIC = 0.80
MAX_BYTES = {"list 6": 15_000, "list 100": 150_000}
MAX_LIST_QUERIES = 7
LARGE_OVER_SMALL = 0.80
# Pages that must keep LARGE_OVER_SMALL of their small-catalogue rate (the stylesheet is the control).
FLAT_PAGES = ["list 6", "list 25", "list 100", "home", "film", "person", "theme", "search", "sitemap"]


def render_report(results, options):
    lines = [f"## make bench: {options.database}, {options.cache} cache", ""]
    lines += machine_lines(options)
    for name, result in results.items():
        lines += catalogue_lines(name, result)
    if {"small", "large"} <= results.keys():
        lines += comparison_lines(results)
    lines += target_lines(results)
    if "large" in results and results["large"]["probe"].get("similarity"):
        lines += similarity_lines(results["large"])
    return "\n".join(lines) + "\n"


def write_section(path, name, report):
    """Put `report` in place of the section the last run of this mode wrote; other modes' sections stay."""
    start, end = f"<!-- make bench: {name} -->", f"<!-- end of make bench: {name} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{start}\n{report}{end}\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    path.write_text(text, encoding="utf-8")


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
        f"Python {platform.python_version()}, {options.database}, page cache in {options.cache}.",
        f"Command: `{command}`. gunicorn, {options.workers} workers, DEBUG off, whitenoise static files; "
        f"wrk -t{options.threads} -c{options.connections} -d{options.duration}s on the same machine, "
        "one page at a time.",
        "",
    ]


def catalogue_lines(name, result):
    counts, pages = result["probe"]["counts"], result["probe"]["pages"]
    lines = [
        f"### {name.capitalize()} catalogue: {counts['films']:,} films, {counts['people']:,} people, "
        f"{counts['credits']:,} credits, {counts['lists']:,} lists, {counts['entries']:,} entries",
        "",
        f"Generated in {result['build']['seconds']} s (`generate_demo_data --films {result['size']['films']} "
        f"--people {result['size']['people']} --lists {result['size']['lists']} --entries 6,25,100 --append`, "
        "beside the Backtrace fixture).",
        "",
    ]
    for mode, rows in result["runs"].items():
        stylesheet = rows["static"]["rps"] if "static" in rows else None
        lines += [f"Page cache {mode}:", ""]
        header = "| page | requests/s | p50 ms | p99 ms | errors | of stylesheet |"
        if mode == "warm":
            header += " of static file its size |"
        lines += [header + " bytes | SQL queries | in-process ms | path |"]
        lines += ["| --- |" + " ---: |" * (header.count("|") - 2) + " ---: | ---: | ---: | --- |"]
        for kind in PAGE_KINDS:
            page = pages.get(kind)
            if page is None:
                continue
            lines.append(page_row(kind, page, rows.get(kind), stylesheet, mode))
        lines.append("")
    return lines


def page_row(kind, page, row, stylesheet, mode):
    where = f"`{page['path']}` {page['note']}"
    blanks = 6 if mode == "warm" else 5
    if page.get("timeout"):
        return f"| {kind} |" + " – |" * blanks + f" – | – | > {PAGE_TIMEOUT} s | {where}: not driven |"
    if page.get("slow"):
        return (
            f"| {kind} |"
            + " – |" * blanks
            + f" {page['bytes']} | {page['queries']} | {page['ms']:.0f} | {where}: too slow |"
        )
    cells = [f"{row['rps']:.0f}", f"{row['p50']:.1f}", f"{row['p99']:.1f}", str(row["errors"])]
    cells.append(f"{row['rps'] / stylesheet:.0%}" if stylesheet else "–")
    if mode == "warm":
        sized = row.get("sized_static")
        cells.append(f"{row['rps'] / sized['rps']:.0%}" if sized else "–")
    cells += [f"{page['bytes']:,}", str(page["queries"]), str(page["ms"])]
    return f"| {kind} | " + " | ".join(cells) + f" | {where} |"


def rps(result, kind, mode="off"):
    """Requests/s in one run; 0 for a page too slow to drive."""
    row = result["runs"].get(mode, {}).get(kind)
    return row["rps"] if row else 0.0


def comparison_lines(results):
    small, large = results["small"], results["large"]
    lines = ["### Large catalogue against small (page cache off)", ""]
    lines += ["| page | small requests/s | large requests/s | large / small | small queries | large queries |"]
    lines += ["| --- | ---: | ---: | ---: | ---: | ---: |"]
    for kind in PAGE_KINDS:
        if kind not in small["probe"]["pages"] or kind not in large["probe"]["pages"]:
            continue
        driven = [kind in result["runs"]["off"] for result in (small, large)]
        cells = [
            f"{rps(result, kind):.0f}" if ran else "not driven"
            for result, ran in zip((small, large), driven, strict=True)
        ]
        ratio = f"{rps(large, kind) / rps(small, kind):.0%}" if all(driven) and rps(small, kind) else "–"
        queries = [result["probe"]["pages"][kind]["queries"] for result in (small, large)]
        lines.append(
            f"| {kind} | {cells[0]} | {cells[1]} | {ratio} "
            f"| {' | '.join('–' if count is None else str(count) for count in queries)} |"
        )
    return [*lines, ""]


def target_lines(results):
    lines = ["### Targets", ""]
    for name, result in results.items():
        pages = result["probe"]["pages"]
        stylesheet = rps(result, "static", "warm")
        if stylesheet:
            for kind, target in (("list 6", CACHED_LIST_6_OF_STYLESHEET), ("list 100", CACHED_LIST_100_OF_STYLESHEET)):
                share = rps(result, kind, "warm") / stylesheet
                lines.append(
                    f"- {name}: the cached {kind}-entry page at {share:.0%} of the stylesheet's requests/s "
                    f"(target ≥ {target:.0%}): {verdict(share >= target)}"
                )
        shares = {
            kind: row["rps"] / row["sized_static"]["rps"]
            for kind, row in result["runs"].get("warm", {}).items()
            if row.get("sized_static")
        }
        if shares:
            below = {kind: share for kind, share in shares.items() if share < CACHED_OF_SIZED_STATIC}
            detail = ", ".join(f"{kind} {share:.0%}" for kind, share in below.items()) or "none"
            lines.append(
                f"- {name}: every cached page at ≥ {CACHED_OF_SIZED_STATIC:.0%} of a static file its size: "
                f"{verdict(not below)} (below: {detail}; lowest {min(shares.values()):.0%})"
            )
        for kind, most in MAX_BYTES.items():
            if kind in pages and pages[kind].get("bytes"):
                size = pages[kind]["bytes"]
                lines.append(f"- {name}: {kind} is {size:,} bytes of HTML (target ≤ {most:,}): {verdict(size <= most)}")
        list_queries = {pages[kind]["queries"] or 0 for kind in ("list 6", "list 25", "list 100") if kind in pages}
        lines.append(
            f"- {name}: list pages run {', '.join(map(str, sorted(list_queries)))} queries at 6, 25 and 100 entries "
            f"(target: one number, ≤ {MAX_LIST_QUERIES}): "
            f"{verdict(len(list_queries) == 1 and max(list_queries) <= MAX_LIST_QUERIES)}"
        )
        errors = sum(row["errors"] for run in result["runs"].values() for row in run.values())
        timeouts = [kind for kind, page in pages.items() if page.get("timeout") or page.get("slow")]
        lines.append(
            f"- {name}: {errors} errors under load"
            + (f", and {', '.join(timeouts)} too slow to serve under load" if timeouts else "")
            + f" (target 0): {verdict(errors == 0 and not timeouts)}"
        )
    if {"small", "large"} <= results.keys():
        small, large = results["small"], results["large"]
        kept = {kind: rps(large, kind) / rps(small, kind) for kind in FLAT_PAGES if rps(small, kind)}
        missed = {kind: ratio for kind, ratio in kept.items() if ratio < LARGE_OVER_SMALL}
        detail = ", ".join(f"{kind} {ratio:.0%}" for kind, ratio in missed.items()) or "none"
        lines.append(
            f"- every page keeps ≥ {LARGE_OVER_SMALL:.0%} of its small-catalogue requests/s at the large one, "
            f"page cache off: {verdict(not missed)} (below: {detail})"
        )
    return [*lines, ""]


def verdict(met):
    return "**met**" if met else "**missed**"


def similarity_lines(result):
    lines = [
        f"### similar_films on the large catalogue ({result['probe']['counts']['films']:,} films)",
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
