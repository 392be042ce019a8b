#!/usr/bin/env python3
"""Turns bench/growth.sh's JSON lines into a markdown table: medians of the repeats per store size."""
import json
import sys
from collections import defaultdict
from statistics import median

runs = defaultdict(list)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                run = json.loads(line)
                runs[(run["users"], run["mine"], run["others"], run["route"])].append(run)

print("| Users | My books | Others' books | Route | req/s | p50 ms | p99 ms | errors |")
print("|---:|---:|---:|---|---:|---:|---:|---:|")
labels = {"list": "GET /api/books", "me": "GET /api/users/me"}
for (users, mine, others, route), group in runs.items():
    print(f"| {users:,} | {mine:,} | {others:,} | {labels[route]} | {median(r['rps'] for r in group):.1f} | "
          f"{median(r['p50_ms'] for r in group):.2f} | {median(r['p99_ms'] for r in group):.2f} | "
          f"{sum(r['errors'] + r['non2xx'] for r in group)} |")
