#!/usr/bin/env bash
# CPU profile of one route under load: starts the API as the README's run does (Development, logs at
# Information, embedded store; ENVIRONMENT / LOG_LEVEL / API_DLL as in load.sh), loads ROUTE with wrk for
# DURATION seconds at 16 connections while dotnet-trace samples the process (sampled thread time), then prints
# the methods most often on the stack of a running thread (bench/profile-top.py). The .nettrace and its
# .speedscope.json are kept (open the latter at speedscope.app).
#
#   bash bench/profile.sh                       # GET /api/users/me
#   ROUTE=book bash bench/profile.sh            # GET /api/books/{id}; also: list
#
# Needs dotnet-trace (`dotnet tool install --tool-path /tmp/dtools dotnet-trace`; DOTNET_TRACE=path to it).
set -euo pipefail
cd "$(dirname "$0")/.."
route=${ROUTE:-me}
duration=${DURATION:-10}
port=${PORT:-5098}
trace_tool=${DOTNET_TRACE:-$(command -v dotnet-trace || echo /tmp/dtools/dotnet-trace)}
mkdir -p bench/results
out=${OUT:-bench/results/profile-$route-$(date -u +%Y%m%dT%H%M%SZ).nettrace}
work=$(mktemp -d)
api_pid=""
trap 'stop_pid "$api_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
export ENVIRONMENT=${ENVIRONMENT:-Development} LOG_LEVEL=${LOG_LEVEL:-Information}
base="http://127.0.0.1:$port"

ensure_tools
dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
start_api embedded "$work/data"
register reader@example.com
token=$(login reader@example.com | json_field accessToken)
case $route in
  me) url=$base/api/users/me ;;
  list | book)
    dotnet build bench/CleanAuth.Benchmarks -c Release -nologo -v quiet >/dev/null
    dotnet bench/CleanAuth.Benchmarks/bin/Release/net10.0/CleanAuth.Benchmarks.dll make-images "$work/images" >/dev/null
    for i in $(seq 1 20); do book_id=$(upload "$token" "Reading $i" "$work/images/cover-1200x1800.jpg" | json_field id); done
    if [[ $route == book ]]; then url=$base/api/books/$book_id; else url=$base/api/books; fi ;;
esac

export BENCH_WRK=$PWD/bench/wrk TOKEN=$token
wrk -t2 -c16 -d"${WARMUP:-3}s" -s bench/wrk/get.lua "$url" >/dev/null # warm-up (WARMUP seconds): tiered JIT settles before sampling
"$trace_tool" collect -p "$api_pid" --profile dotnet-sampled-thread-time -o "$out" --duration "00:00:00:$(printf %02d $((duration + 2)))" >/dev/null &
trace_pid=$!
sleep 1
wrk -t2 -c16 -d"${duration}s" -s bench/wrk/get.lua "$url" | sed -n 's/^RESULT //p'
wait "$trace_pid"
"$trace_tool" convert --format Speedscope "$out" -o "${out%.nettrace}" >/dev/null
python3 bench/profile-top.py "${out%.nettrace}.speedscope.json" "${TOP:-40}"
