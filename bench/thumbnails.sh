#!/usr/bin/env bash
# The cover check of an upload, NetVips (the API's NetVipsImageService), ImageSharp 2.1 and Pillow side by side on
# the same files in one run: ROUNDS rounds (default 5), each running the three one after another, REPEATS images
# each (default 10); the table gives the median over rounds of each round's median, the CPU per image (the
# process's, all threads), managed bytes allocated per image (.NET only) and the peak resident set of a process.
# The load average is printed before each round: on a shared machine, trust rounds taken while it was low.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
repeats=${REPEATS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
"$python" -c 'import PIL' 2>/dev/null || { echo "Pillow is missing: apt-get install python3-pil" >&2; exit 1; }

dotnet build bench/CleanAuth.Benchmarks -c Release -nologo -v quiet >/dev/null
bench=bench/CleanAuth.Benchmarks/bin/Release/net10.0/CleanAuth.Benchmarks.dll
dotnet "$bench" make-images "$work/images"

# Methods are compiled fully optimised on first use, during the warm-ups: with tiered compilation the JIT's
# background recompiles land inside the timed images and count as the library's CPU (~4 ms an image here),
# which a server in steady state has long finished.
export DOTNET_TieredCompilation=0

for round in $(seq 1 "$rounds"); do
  echo "round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$bench" thumbnails "$work/images" "$repeats" netvips >>"$work/results.tsv"
  dotnet "$bench" thumbnails "$work/images" "$repeats" imagesharp >>"$work/results.tsv"
  "$python" bench/pillow/thumbnail_bench.py "$work/images" "$repeats" | sed 's/^Pillow [^\t]*/pillow/' >>"$work/results.tsv"
done
echo "after, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$work/results.tsv" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
rss = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[1] == "peak-rss-mib":
        rss[f[0]].append(float(f[2]))
    else:
        rows[(f[0], f[1])].append(f[2:])
libraries = ["netvips", "imagesharp", "pillow"]
files = sorted({k[1] for k in rows}, key=lambda n: (n.endswith(".png"), len(n), n))
print("| Image | NetVips ms (CPU) | ImageSharp ms (CPU) | Pillow ms (CPU) | NetVips / Pillow | ImageSharp / Pillow | managed alloc. NetVips / ImageSharp |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in files:
    med = {l: statistics.median(float(r[0]) for r in rows[(l, name)]) for l in libraries}
    cpu = {l: statistics.median(float(r[1]) for r in rows[(l, name)]) for l in libraries}
    alloc = {l: statistics.median(float(r[2]) for r in rows[(l, name)]) / 1024 for l in ("netvips", "imagesharp")}
    cells = " | ".join(f"{med[l]:.1f} ({cpu[l]:.1f})" for l in libraries)
    print(f"| {name} | {cells} | {med['netvips'] / med['pillow']:.2f} | {med['imagesharp'] / med['pillow']:.2f} | "
          f"{alloc['netvips']:.1f} KB / {alloc['imagesharp']:.1f} KB |")
print()
print("peak RSS (MiB, max over rounds): " + ", ".join(f"{l} {max(rss[l]):.0f}" for l in libraries if rss[l]))
print("per-round medians (ms):")
for (l, name), r in sorted(rows.items()):
    print(f"  {l:10} {name:22} " + " ".join(x[0] for x in r))
PY
