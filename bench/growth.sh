#!/usr/bin/env bash
# Growth benchmark on the embedded store: does list-my-books stay flat as the caller's library grows (10,
# 1,000, 100,000 books, with 100,000 books of other users in the store), and GET /api/users/me as the user
# count grows (1,000 and 1,000,000)? Each store is filled by `CleanAuth.Benchmarks seed-growth` (bulk inserts
# through the store's own collections and indexes), then measured with wrk at 16 connections.
# The Mongo-wire test server scans whole collections (it has no real indexes), so growth is measured here only.
#
#   bash bench/growth.sh            # 10 s runs, 3 repeats; RESULTS=file to choose the output
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10}
repeats=${REPEATS:-3}
port=${PORT:-5097}
scenarios=${SCENARIOS:-"1000:10:100000 1000:1000:100000 1000:100000:100000 1000000:10:0"} # users:mine:others
mkdir -p bench/results
results=${RESULTS:-bench/results/growth-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
work=$(mktemp -d)
api_pid=""
trap 'stop_pid "$api_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
export BENCH_WRK=$PWD/bench/wrk
base="http://127.0.0.1:$port"

ensure_tools
build_all

for scenario in $scenarios; do
  IFS=: read -r users mine others <<<"$scenario"
  data="$work/data-$users-$mine-$others"
  echo "== $users users, $mine books of mine, $others books of others"
  seconds=$( { /usr/bin/time -f %e dotnet bench/CleanAuth.Benchmarks/bin/Release/net10.0/CleanAuth.Benchmarks.dll \
    seed-growth "$data" "$users" "$mine" "$others" >/dev/null; } 2>&1 )
  echo "seeded in $seconds s; store file $(( $(stat -c %s "$data/cleanauth.sqlite") / 1048576 )) MiB"
  start_api embedded "$data"
  token=$(login bench@example.com | json_field accessToken)
  for route in list me; do
    url=$base/api/books
    [[ $route == me ]] && url=$base/api/users/me
    TOKEN=$token wrk -t2 -c16 -d3s -s bench/wrk/get.lua "$url" >/dev/null # warm-up
    for repeat in $(seq 1 "$repeats"); do
      wait_idle "$api_pid"
      line=$(TOKEN=$token wrk -t2 -c16 -d"${duration}s" --timeout 30s -s bench/wrk/get.lua "$url" | sed -n 's/^RESULT //p')
      echo "{\"users\":$users,\"mine\":$mine,\"others\":$others,\"route\":\"$route\",\"repeat\":$repeat,${line#\{}" | tee -a "$results"
    done
  done
  stop_pid "$api_pid"; api_pid=""
  rm -rf "$data"
done
echo "results: $results"
python3 bench/summarize-growth.py "$results"
