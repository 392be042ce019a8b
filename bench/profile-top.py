#!/usr/bin/env python3
"""Reads a speedscope file converted from dotnet-trace's sampled thread time (bench/profile.sh) and prints the
methods by share of the samples in which a thread was running managed code (the CPU_TIME leaf; samples of
blocked or waiting threads are left out), inclusive and exclusive. Usage: profile-top.py FILE [N]."""
import json
import re
import sys
from collections import defaultdict

data = json.load(open(sys.argv[1], encoding="utf-8"))
count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
frames = [re.sub(r"\(.*", "", f["name"]) for f in data["shared"]["frames"]]
inclusive, exclusive, total = defaultdict(float), defaultdict(float), 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        if last is not None and stack and frames[stack[-1]] == "CPU_TIME":
            span = at - last
            total += span
            if len(stack) > 1:
                exclusive[frames[stack[-2]]] += span
            for name in {frames[i] for i in stack[:-1]}:
                inclusive[name] += span
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            while stack and stack[-1] != event["frame"]:
                stack.pop()
            if stack:
                stack.pop()
        last = at

for title, table in (("inclusive", inclusive), ("exclusive", exclusive)):
    print(f"== {title} (share of {total:.0f} ms of running samples)")
    for name, span in sorted(table.items(), key=lambda item: -item[1])[:count]:
        print(f"{100 * span / total:6.1f}% {name[:150]}")
