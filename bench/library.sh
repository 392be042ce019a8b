#!/usr/bin/env bash
# Issue 25's numbers, per store (the embedded store and the Mongo-wire test server):
#  1. import: FILES Goodreads files of ROWS rows (bench/goodreads-csv.py, distinct titles) posted one after another to
#     POST /api/books/import; the first goes into an empty library (the goal's case), the others grow it to
#     FILES x ROWS books (100,000 by default), each timed and its peak resident set taken;
#  2. export of that library from a fresh API process: GET /api/books/export?format=csv and json, streamed to a file;
#  3. latency of GET /api/books (the first page), ?cursor= at row 90,000 (the `next` of page 4500, the page that ends
#     at row 90,000, checked against page 4501) and ?page=4500, each with wrk at one connection, interleaved REPEATS
#     times.
# Wall time is the shell's clock around curl; memory is the API process's VmHWM after its peak was reset
# (`echo 5 > /proc/PID/clear_refs`) from the idle resident set (VmRSS) read just before. One JSON line per
# measurement, with the 1-minute load average, goes to bench/results/library-<time>.jsonl (RESULTS to choose).
#
#   bash bench/library.sh                       # both stores, ~10 min on a quiet machine
#   STORES=embedded REPEATS=1 bash bench/library.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-10000}
files=${FILES:-10}
repeats=${REPEATS:-3}
duration=${DURATION:-10}
port=${PORT:-5096}
stores=${STORES:-"embedded mongo-wire"}
page_size=20
deep_page=$(( rows * files * 9 / 10 / page_size )) # 4500: the page that ends at row 90,000
mkdir -p bench/results
results=${RESULTS:-bench/results/library-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
work=$(mktemp -d)
api_pid=""
mongo_pid=""
# shellcheck source=bench/lib.sh
source bench/lib.sh
trap 'stop_pid "$api_pid"; stop_pid "$mongo_pid"; rm -rf "$work"' EXIT
export BENCH_WRK=$PWD/bench/wrk
base="http://127.0.0.1:$port"

ensure_tools
[[ -n ${NO_BUILD:-} ]] || dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
for f in $(seq 0 $((files - 1))); do python3 bench/goodreads-csv.py "$rows" $((f * rows)) >"$work/goodreads-$f.csv"; done
python3 bench/goodreads-csv.py 20 1000000 >"$work/warm-up.csv"

token_of() { login "$1" | json_field accessToken; }
kib() { awk "/^$1:/ {print \$2}" "/proc/$api_pid/status"; } # VmRSS | VmHWM
load1() { cut -d' ' -f1 /proc/loadavg; }
emit() { # json-fields (without braces)
  local line="{\"store\":\"$store\",$1,\"load1\":$(load1)}"
  echo "$line" | tee -a "$results"
}

# Runs curl once as the one measured request; sets status, seconds, idle, peak. The body goes to $work/out.
measure() { # curl arguments...
  wait_idle "$api_pid"
  idle=$(kib VmRSS)
  echo 5 >"/proc/$api_pid/clear_refs"
  local start end before after
  before=$(cpu_ticks "$api_pid")
  start=$(date +%s.%N)
  status=$(curl -s -o "$work/out" -w '%{http_code}' "$@")
  end=$(date +%s.%N)
  after=$(cpu_ticks "$api_pid")
  peak=$(kib VmHWM)
  seconds=$(awk "BEGIN {printf \"%.3f\", $end - $start}")
  cpu_seconds=$(awk "BEGIN {printf \"%.2f\", ($after - $before) / 100}")
}
memory_fields() { echo "\"seconds\":$seconds,\"api_cpu_s\":$cpu_seconds,\"idle_kib\":$idle,\"peak_kib\":$peak,\"peak_over_idle_mib\":$(( (peak - idle) / 1024 ))"; }

import() { # token file
  curl -s -o "$work/out" -w '%{http_code}' -X POST "$base/api/books/import" -H "Authorization: Bearer $1" \
    -F "file=@$2;type=text/csv" -F defaultCategory=science
}
exports() { # token (the warm-up: both formats once)
  for format in csv json; do
    curl -sf -o /dev/null "$base/api/books/export?format=$format" -H "Authorization: Bearer $1" || echo "warm-up export ($format) failed" >&2
  done
}

# wrk at one connection for DURATION seconds; the API's CPU time per request from /proc (wrk's own excluded).
latency() { # name url
  wait_idle "$api_pid"
  local before after line requests
  before=$(cpu_ticks "$api_pid")
  line=$(TOKEN=$token wrk -t1 -c1 -d"${duration}s" --timeout 60s -s bench/wrk/get.lua "$2" | sed -n 's/^RESULT //p')
  after=$(cpu_ticks "$api_pid")
  requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' <<<"$line")
  line=${line#\{}
  emit "\"measure\":\"list\",\"page\":\"$1\",\"repeat\":$repeat,\"cpu_ms\":$(awk "BEGIN {printf \"%.2f\", ($after - $before) * 10 / ($requests > 0 ? $requests : 1)}"),${line%\}}"
}

for store in $stores; do
  echo "== $store"
  data="$work/data-$store"
  target=embedded
  if [[ $store == mongo-wire ]]; then start_mongo_wire; target=$mongo_url; fi
  start_api "$target" "$data"
  register reader@example.com; register warm@example.com
  warm=$(token_of warm@example.com)
  [[ $(import "$warm" "$work/warm-up.csv") == 200 ]] || { echo "warm-up import failed: $(cat "$work/out")" >&2; exit 1; }
  exports "$warm"

  # The warm-up account first imports the first file too, measured as "cold": the first large import of a process
  # also pays for compiling the import's code at full optimisation (tiered JIT). The reader's imports come after it.
  for f in cold $(seq 0 $((files - 1))); do
    account=reader; [[ $f == cold ]] && { account=warm; f=0; }
    token=$(token_of $account@example.com) # a fresh access token for each file: a slow store outlives one
    [[ $account == warm ]] && before=0 || before=$((f * rows))
    measure -X POST "$base/api/books/import" -H "Authorization: Bearer $token" -F "file=@$work/goodreads-$f.csv;type=text/csv" -F defaultCategory=science
    report=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["imported"], r["skipped"], r["failed"], json.dumps(r["stoppedAtRow"]))' "$work/out" 2>/dev/null || echo "0 0 0 null")
    read -r imported skipped failed stopped <<<"$report"
    emit "\"measure\":\"import\",\"account\":\"$account\",\"status\":$status,\"rows\":$rows,\"library_before\":$before,\"imported\":$imported,\"skipped\":$skipped,\"failed\":$failed,\"stopped_at_row\":$stopped,$(memory_fields)"
  done
  stop_pid "$api_pid"

  # A fresh process for the export and the lists, so idle is not what the imports left behind.
  start_api "$target" "$data"
  warm=$(token_of warm@example.com); token=$(token_of reader@example.com)
  exports "$warm"
  for format in csv json; do
    measure "$base/api/books/export?format=$format" -H "Authorization: Bearer $token"
    books=$(python3 -c '
import csv, json, sys
path, kind = sys.argv[1], sys.argv[2]
with open(path, newline="", encoding="utf-8") as f:
    print(len(json.load(f)) if kind == "json" else sum(1 for _ in csv.reader(f)) - 1)' "$work/out" "$format")
    bytes=$(stat -c %s "$work/out")
    emit "\"measure\":\"export\",\"format\":\"$format\",\"status\":$status,\"books\":$books,\"bytes\":$bytes,\"rows_per_s\":$(awk "BEGIN {printf \"%.0f\", $books / $seconds}"),$(memory_fields)"
  done

  # The cursor at row 90,000: page 4500's `next`. Its page must be page 4501, or the cursor is not what we measure.
  cursor=$(curl -sf "$base/api/books?page=$deep_page" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
  ids() { python3 -c 'import json,sys; print(" ".join(b["id"] for b in json.load(sys.stdin)["items"]))'; }
  by_cursor=$(curl -sf "$base/api/books?cursor=$cursor" -H "Authorization: Bearer $token" | ids)
  by_page=$(curl -sf "$base/api/books?page=$((deep_page + 1))" -H "Authorization: Bearer $token" | ids)
  [[ -n $by_cursor && $by_cursor == "$by_page" ]] || { echo "the cursor's page is not page $((deep_page + 1))" >&2; exit 1; }
  urls=("first=$base/api/books" "cursor=$base/api/books?cursor=$cursor" "page$deep_page=$base/api/books?page=$deep_page")
  for entry in "${urls[@]}"; do TOKEN=$token wrk -t1 -c1 -d2s --timeout 60s -s bench/wrk/get.lua "${entry#*=}" >/dev/null; done # warm-up
  for repeat in $(seq 1 "$repeats"); do
    token=$(token_of reader@example.com)
    for entry in "${urls[@]}"; do latency "${entry%%=*}" "${entry#*=}"; done
  done

  stop_pid "$api_pid"; api_pid=""
  if [[ $store == mongo-wire ]]; then stop_pid "$mongo_pid"; mongo_pid=""; fi
done
echo "results: $results"
