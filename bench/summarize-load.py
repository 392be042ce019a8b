#!/usr/bin/env python3
"""Turns bench/load.sh's JSON lines into markdown tables: per target, route and connection count, the
median of the repeats for requests/s, p50 and p99 latency, the server's CPU per request (runs that recorded
it), the summed errors, and requests/s as a fraction of the ceiling's for the same route and connection count."""
import json
import sys
from collections import defaultdict
from statistics import median

ROUTES = {
    "login": "POST /api/auth/login",
    "me": "GET /api/users/me",
    "book": "GET /api/books/{id}",
    "list": "GET /api/books (page of 20)",
    "upload": "POST /api/books (0.7 MB JPEG cover)",
    "rename": "PUT /api/users/me (one synced write)",
}

runs = defaultdict(list)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                run = json.loads(line)
                runs[(run["target"], run["route"], run["connections"])].append(run)


def summary(key):
    group = runs.get(key)
    if not group:
        return None
    return {
        "rps": median(r["rps"] for r in group),
        "p50": median(r["p50_ms"] for r in group),
        "p99": median(r["p99_ms"] for r in group),
        "cpu": median(r["cpu_ms"] for r in group) if all("cpu_ms" in r for r in group) else None,
        "errors": sum(r["errors"] + r["non2xx"] for r in group),
        "requests": sum(r["requests"] for r in group),
        "n": len(group),
    }


def fraction_text(fraction):
    return f"{fraction:.2f}" if fraction >= 0.01 else f"{fraction:.5f}"


targets = [t for t in ("before", "before2", "embedded", "mongo-wire", "ceiling") if any(k[0] == t for k in runs)]
connections = sorted({k[2] for k in runs})
for target in targets:
    print(f"\n{target} (median of {max(len(v) for k, v in runs.items() if k[0] == target)} runs each)\n")
    fraction = "" if target == "ceiling" else " | of ceiling"
    print(f"| Route | Conn. | req/s | p50 ms | p99 ms | CPU ms / request | errors / requests{fraction} |")
    print("|---|---:|---:|---:|---:|---:|---:|" + ("" if target == "ceiling" else "---:|"))
    for route, label in ROUTES.items():
        for c in connections:
            s = summary((target, route, c))
            if s is None:
                continue
            row = f"| {label} | {c} | {s['rps']:.1f} | {s['p50']:.2f} | {s['p99']:.2f} | {'–' if s['cpu'] is None else format(s['cpu'], '.3f')} | {s['errors']} / {s['requests']} |"
            if target != "ceiling":
                ceiling = summary(("ceiling", route, c))
                row += f" {fraction_text(s['rps'] / ceiling['rps'])} |" if ceiling else " – |"
            print(row)
