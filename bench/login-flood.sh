#!/usr/bin/env bash
# Login flood (issue 11): 32 connections post wrong passwords for unknown accounts (each a full PBKDF2 check, as a
# password-spraying attacker from many addresses would cost), rate limits off, while 4 connections read
# GET /api/users/me and a legitimate user signs in once a second (waiting Retry-After when told to). Run
# on the same build: "unbounded" (hashing slots and queue so large they never bind: the behaviour before issue 11),
# "bounded" (the defaults: cores - 1 slots, 64 waiting, 2 s wait) and "device" (the defaults, and the legitimate
# user sends the Device-Token of its sign-in before the flood, ADR 0046). Prints one JSON line per measurement.
# Issue 20's measure: LEGIT_TRIES=1 (no retry after a 503) and LEGIT_SIGN_INS=10 sign-ins, one a second.
#   bash bench/login-flood.sh            # DURATION=10 MODES="unbounded bounded device" by default
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10}
port=${PORT:-5097}
work=$(mktemp -d)
api_pid="" flood_pid=""
trap 'stop_pid "$flood_pid"; stop_pid "$api_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
export BENCH_WRK=$PWD/bench/wrk
base="http://127.0.0.1:$port"
ensure_tools
build_all

me() { # label
  local line
  line=$(TOKEN=$token wrk -t1 -c4 -d"${duration}s" --timeout 30s -s bench/wrk/get.lua "$base/api/users/me" | sed -n 's/^RESULT //p')
  echo "{\"mode\":\"$mode\",\"measure\":\"me-$1\",${line#\{}"
}

for mode in ${MODES:-unbounded bounded device}; do
  if [[ $mode == unbounded ]]; then
    export Passwords__MaxConcurrentHashes=256 Passwords__HashQueueLimit=10000 Passwords__HashQueueTimeout=00:00:30
  else
    unset Passwords__MaxConcurrentHashes Passwords__HashQueueLimit Passwords__HashQueueTimeout
  fi
  start_api embedded "$work/data-$mode"
  register reader@example.com
  register legit@example.com
  token=$(login reader@example.com | json_field accessToken)
  device=""
  if [[ $mode == device ]]; then
    device=$(curl -sf -D - -o /dev/null -X POST "$base/api/auth/login" -H 'content-type: application/json' \
      -d "{\"email\":\"legit@example.com\",\"password\":\"$bench_password\"}" | tr -d '\r' | sed -n 's/^device-token: //Ip')
  fi
  me quiet

  EMAIL=nobody@example.com PASSWORD="a wrong guess" wrk -t2 -c32 -d"$((duration * 2 + 3))s" --timeout 30s \
    -s bench/wrk/login.lua "$base/api/auth/login" >"$work/flood-$mode.txt" &
  flood_pid=$!
  sleep 3
  me flood

  # A legitimate user, once a second: how many sign-ins succeed, and how long each took (retries included).
  ok=0 tries=0 worst=0 statuses="" signins=0
  end=$((SECONDS + duration))
  while { [[ -n ${LEGIT_SIGN_INS:-} ]] && ((signins < LEGIT_SIGN_INS)); } || { [[ -z ${LEGIT_SIGN_INS:-} ]] && ((SECONDS < end)); }; do
    signins=$((signins + 1))
    started=$(date +%s%N)
    for attempt in $(seq 1 "${LEGIT_TRIES:-5}"); do
      tries=$((tries + 1))
      status=$(curl -s -D "$work/legit-headers" -o /dev/null -w '%{http_code}' --max-time 30 -X POST "$base/api/auth/login" \
        -H 'content-type: application/json' ${device:+-H "Device-Token: $device"} \
        -d "{\"email\":\"legit@example.com\",\"password\":\"$bench_password\"}")
      statuses="$statuses $status"
      if [[ $status == 200 ]]; then
        ok=$((ok + 1))
        # The newest token replaces the one sent, as a client keeps the latest.
        [[ -n $device ]] && device=$(tr -d '\r' <"$work/legit-headers" | sed -n 's/^device-token: //Ip')
        break
      fi
      [[ $status == 503 ]] && sleep 1 || break
    done
    took=$(( ($(date +%s%N) - started) / 1000000 ))
    ((took > worst)) && worst=$took
    sleep 1
  done
  echo "{\"mode\":\"$mode\",\"measure\":\"legit-logins\",\"sign_ins\":$signins,\"succeeded\":$ok,\"requests\":$tries,\"worst_ms\":$worst,\"statuses\":\"${statuses# }\"}"
  wait "$flood_pid" || true; flood_pid=""
  echo "{\"mode\":\"$mode\",\"measure\":\"flood\",$(sed -n 's/^RESULT {//p' "$work/flood-$mode.txt")"
  stop_pid "$api_pid"; api_pid=""
done
