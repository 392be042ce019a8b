#!/usr/bin/env bash
# Load benchmark: login, GET /api/users/me, GET /api/books/{id}, GET /api/books, and cover upload, each at
# 16 and 64 connections with wrk, on the embedded store, on the Mongo-wire server, and on the "ceiling" (bare
# ASP.NET Core answering the same bytes without auth or storage). Every run appends one JSON line to the
# results file; bench/summarize-load.py turns the file into the README's table (medians of the repeats).
#
#   bash bench/load.sh                      # all three targets, 10 s runs, 3 repeats
#   DURATION=5 REPEATS=1 bash bench/load.sh embedded
#   ROUTES=rename CONNECTIONS=1 bash bench/load.sh embedded   # one synced write after another
#   ENVIRONMENT=Development LOG_LEVEL=Information bash bench/load.sh   # the README's run (one log line a request)
#   BEFORE=/work/old-checkout bash bench/load.sh "before embedded ceiling"   # an older build (built by you) vs this one
#   BEFORE=/a BEFORE2=/b WARMUP=20 bash bench/load.sh "before before2 embedded"  # two older builds; 20 s warm-up per route
#
# API and wrk share this machine's cores, so the numbers are for the pair; wrk runs 2 threads.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:-"embedded mongo-wire ceiling"}
duration=${DURATION:-10}
repeats=${REPEATS:-3}
connections=${CONNECTIONS:-"16 64"}
routes=${ROUTES:-"login me book list upload"}
# Tiered JIT and dynamic PGO settle over ~20 s: short warm-ups read CPU per request up to 2x higher.
warmup=${WARMUP:-3}
port=${PORT:-5098}
mkdir -p bench/results
results=${RESULTS:-bench/results/load-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
work=$(mktemp -d)
api_pid="" mongo_pid=""
trap 'stop_pid "$api_pid"; stop_pid "$mongo_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
export BENCH_WRK=$PWD/bench/wrk PASSWORD=$bench_password
base="http://127.0.0.1:$port"

ensure_tools
build_all
small_cover="$work/images/cover-1200x1800.jpg"

# A reader with a page of 20 books, and a separate uploader, so the uploads never change what is read.
prepare_api() {
  register reader@example.com
  register uploader@example.com
  reader_token=$(login reader@example.com | json_field accessToken)
  uploader_token=$(login uploader@example.com | json_field accessToken)
  for i in $(seq 1 20); do
    book_id=$(upload "$reader_token" "Reading $i" "$small_cover" | json_field id)
  done
  if [[ ! -d $work/responses ]]; then
    mkdir -p "$work/responses"
    login reader@example.com >"$work/responses/login.json"
    curl -sf -H "Authorization: Bearer $reader_token" "$base/api/users/me" >"$work/responses/me.json"
    curl -sf -H "Authorization: Bearer $reader_token" "$base/api/books/$book_id" >"$work/responses/book.json"
    curl -sf -H "Authorization: Bearer $reader_token" "$base/api/books" >"$work/responses/list.json"
    upload "$uploader_token" "Recorded" "$small_cover" >"$work/responses/created.json"
  fi
}

run_wrk() { # target route connections repeat seconds
  local script url token=${reader_token:-none}
  case $2 in
    login) script=login.lua url=$base/api/auth/login ;;
    me) script=get.lua url=$base/api/users/me ;;
    book) script=get.lua url=$base/api/books/${book_id:-000000000000000000000000} ;;
    list) script=get.lua url=$base/api/books ;;
    upload) script=upload.lua url=$base/api/books token=${uploader_token:-none} ;;
    rename) script=rename.lua url=$base/api/users/me ;;
  esac
  local line ticks
  wait_idle "$api_pid"
  ticks=$(cpu_ticks "$api_pid")
  line=$(EMAIL=reader@example.com TOKEN=$token COVER=$small_cover RUN_LABEL="$1-$3-$4-$RANDOM" \
    wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${5}s" --timeout 30s -s "bench/wrk/$script" "$url" | sed -n 's/^RESULT //p')
  ticks=$(( $(cpu_ticks "$api_pid") - ticks ))
  if [[ $4 != warmup ]]; then
    # The server's own CPU per request (the API's or the ceiling's, wrk's excluded): less sensitive than req/s
    # to what else runs on the machine.
    local requests cpu_ms
    requests=$(sed -n 's/.*"requests":\([0-9]*\).*/\1/p' <<<"$line")
    cpu_ms=$(awk -v t="$ticks" -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.4f", (r > 0 ? t * 1000 / hz / r : 0) }')
    echo "{\"target\":\"$1\",\"route\":\"$2\",\"connections\":$3,\"repeat\":$4,\"cpu_ms\":$cpu_ms,${line#\{}" | tee -a "$results"
  fi
}

for target in $targets; do
  echo "== $target"
  case $target in
    embedded) start_api embedded "$work/data-$RANDOM" ;;
    before) API_DLL=${BEFORE:?BEFORE=folder of an older checkout, built in Release}/src/WebApi/bin/Release/net10.0/CleanAuth.WebApi.dll \
      start_api embedded "$work/data-$RANDOM" ;;
    before2) API_DLL=${BEFORE2:?BEFORE2=folder of a second older checkout, built in Release}/src/WebApi/bin/Release/net10.0/CleanAuth.WebApi.dll \
      start_api embedded "$work/data-$RANDOM" ;;
    mongo-wire) start_mongo_wire; start_api "$mongo_url" "$work/unused" ;;
    ceiling)
      [[ -d $work/responses ]] || { echo "the ceiling needs an API target first, to record its answers" >&2; exit 1; }
      start_ceiling "$work/responses" ;;
  esac
  [[ $target == ceiling ]] || prepare_api
  for route in $routes; do run_wrk "$target" "$route" 16 warmup "$warmup"; done
  for repeat in $(seq 1 "$repeats"); do
    if [[ $target != ceiling ]]; then # fresh tokens: a run may outlast an access token's lifetime
      reader_token=$(login reader@example.com | json_field accessToken)
      uploader_token=$(login uploader@example.com | json_field accessToken)
    fi
    for route in $routes; do
      for c in $connections; do run_wrk "$target" "$route" "$c" "$repeat" "$duration"; done
    done
  done
  stop_pid "$api_pid"; api_pid=""
  stop_pid "$mongo_pid"; mongo_pid=""
done
echo "results: $results"
python3 bench/summarize-load.py "$results"
