#!/usr/bin/env python3
"""Summarises bench/library.sh's JSON lines (one file, or several: the last run of each store wins) as the tables of
bench/README's issue 25 section: imports, exports, and list latency (median p50 of the repeats, with the load)."""
import json, statistics, sys


def main(paths):
    lines = [json.loads(l) for p in paths for l in open(p) if l.strip()]
    stores = list(dict.fromkeys(l["store"] for l in lines))
    print("| Store | Account | Library before | Status | Imported / skipped / failed (stopped at) | Wall | API CPU | Idle | Peak over idle | Load |")
    print("|---|---|---:|---|---|---:|---:|---:|---:|---:|")
    for store in stores:
        for l in (x for x in lines if x["store"] == store and x["measure"] == "import"):
            stopped = f' (row {l["stopped_at_row"]:,})' if l["stopped_at_row"] else ""
            print(f'| {store} | {"warm-up, cold" if l.get("account") == "warm" else "reader"} | {l["library_before"]:,} | {l["status"]} '
                  f'| {l["imported"]:,} / {l["skipped"]} / {l["failed"]}{stopped} | {l["seconds"]:.2f} s | {l["api_cpu_s"]:.2f} s '
                  f'| {l["idle_kib"] // 1024} MiB | {l["peak_over_idle_mib"]} MiB | {l["load1"]} |')
    print()
    print("| Store | Export | Status | Books | Size | Wall | Rows/s | API CPU | Idle | Peak over idle | Load |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for store in stores:
        for l in (x for x in lines if x["store"] == store and x["measure"] == "export"):
            print(f'| {store} | {l["format"]} | {l["status"]} | {l["books"]:,} | {l["bytes"] / 1e6:.1f} MB | {l["seconds"]:.2f} s '
                  f'| {l["rows_per_s"]:,} | {l["api_cpu_s"]:.2f} s | {l["idle_kib"] // 1024} MiB | {l["peak_over_idle_mib"]} MiB | {l["load1"]} |')
    print()
    print("| Store | Page | p50 (median of runs; each run) | p99 (median) | req/s (median) | API CPU ms / req | Load | vs first page |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    for store in stores:
        runs = [x for x in lines if x["store"] == store and x["measure"] == "list"]
        pages = list(dict.fromkeys(x["page"] for x in runs))
        p50 = {p: statistics.median(x["p50_ms"] for x in runs if x["page"] == p) for p in pages}
        for page in pages:
            mine = [x for x in runs if x["page"] == page]
            each = ", ".join(f'{x["p50_ms"]:.2f}' for x in mine)
            loads = "–".join(sorted({str(x["load1"]) for x in mine}, key=float)[::max(1, len(mine) - 1)])
            print(f'| {store} | {page} | {p50[page]:.2f} ms ({each}) | {statistics.median(x["p99_ms"] for x in mine):.2f} ms '
                  f'| {statistics.median(x["rps"] for x in mine):,.0f} | {statistics.median(x["cpu_ms"] for x in mine):.2f} '
                  f'| {loads} | {p50[page] / p50[pages[0]]:.2f}× |')


main(sys.argv[1:])
