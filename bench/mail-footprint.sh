#!/usr/bin/env bash
# Known against unknown addresses, timed from outside (ADR 0042, moved here from the test suite by ADR 0059):
#   forgot      POST /api/auth/password/forgot for an address with an account and for one without, interleaved:
#               the two answers are the same 202; their times should be too (the unknown path writes as much).
#   after-mail  right after forgot or resend (alternating) for a known or an unknown address, at once time
#               GET /health/ready: mail a known address starts must not slow the next request (issue 20's attack).
#   after-login the same right after a failed sign-in for a known or an unknown address.
# Pairs are interleaved and the order inside a pair alternates, so the machine's load falls on both sides alike; a
# pause (PACE_MS, 100) before each request lets whatever the previous one started settle, as in the attack pass.
# Prints one JSON line per store and measure: medians and the share of times over 40 ms for each side.
#   bash bench/mail-footprint.sh             # STORES="embedded mongo-wire" PAIRS=40 by default
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5098}
pairs=${PAIRS:-40}
pace=$(awk "BEGIN { print ${PACE_MS:-100} / 1000 }")
work=$(mktemp -d)
api_pid="" mongo_pid=""
trap 'stop_pid "$api_pid"; stop_pid "$mongo_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
base="http://127.0.0.1:$port"
[[ -d tools/mongo-wire/node_modules ]] || npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error
echo "== building the API (Release)" >&2
dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null

post_ms() { # route json -> milliseconds the answer took
  curl -s -o /dev/null -w '%{time_total}' -X POST "$base$1" -H 'content-type: application/json' -d "$2" | awk '{ printf "%.3f", $1 * 1000 }'
}

probe_ms() { # not -f: a 503 (store slow to answer on a loaded machine) is timed like a 200, not the end of the run
  curl -s -o /dev/null -w '%{time_total}' "$base/health/ready" | awk '{ printf "%.3f", $1 * 1000 }'
}

summary() { # file -> "median":…,"over_40ms_percent":…
  sort -n "$1" | awk '{ v[NR] = $1; if ($1 > 40) slow++ } END { printf "\"median_ms\":%.2f,\"over_40ms_percent\":%.0f", v[int(NR / 2) + 1], 100 * slow / NR }'
}

# measure name known-request unknown-request timer: each *-request is a function of the pair's number that sends
# its request; the timer is what is recorded (post_ms of the request itself, or probe_ms right after it).
measure() {
  local name=$1 known=$2 unknown=$3 timer=$4
  : >"$work/known" && : >"$work/unknown"
  for ((i = 0; i < pairs; i++)); do
    for side in $( ((i % 2 == 0)) && echo "known unknown" || echo "unknown known"); do
      sleep "$pace"
      if [[ $timer == self ]]; then
        if [[ $side == known ]]; then $known "$i" >>"$work/known"; else $unknown "$i" >>"$work/unknown"; fi
      else
        if [[ $side == known ]]; then $known "$i" >/dev/null; else $unknown "$i" >/dev/null; fi
        probe_ms >>"$work/$side"
      fi
      echo >>"$work/$side"
    done
  done
  echo "{\"store\":\"$store\",\"measure\":\"$name\",\"pairs\":$pairs,\"known\":{$(summary "$work/known")},\"unknown\":{$(summary "$work/unknown")}}"
}

forgot_known() { post_ms /api/auth/password/forgot "{\"email\":\"known@example.com\"}"; }
forgot_unknown() { post_ms /api/auth/password/forgot "{\"email\":\"nobody-$1-$RANDOM@example.com\"}"; }
mail_route() { (($1 % 2 == 0)) && echo /api/auth/password/forgot || echo /api/auth/email/resend; }
mail_known() { post_ms "$(mail_route "$1")" "{\"email\":\"known@example.com\"}"; }
mail_unknown() { post_ms "$(mail_route "$1")" "{\"email\":\"nobody-$1-$RANDOM@example.com\"}"; }
# Ten accounts, so that the lockout (five failures) is not what is measured.
login_known() { post_ms /api/auth/login "{\"email\":\"signer-$(($1 % 10))@example.com\",\"password\":\"not the password at all\"}"; }
login_unknown() { post_ms /api/auth/login "{\"email\":\"nobody-$1-$RANDOM@example.com\",\"password\":\"not the password at all\"}"; }

for store in ${STORES:-embedded mongo-wire}; do
  if [[ $store == mongo-wire ]]; then
    start_mongo_wire
    start_api "$mongo_url" "$work/data-$store"
  else
    start_api embedded "$work/data-$store"
  fi
  register known@example.com
  for n in $(seq 0 9); do register "signer-$n@example.com"; done
  measure forgot forgot_known forgot_unknown self
  measure after-mail mail_known mail_unknown probe
  measure after-login login_known login_unknown probe
  stop_pid "$api_pid"; api_pid=""
  stop_pid "$mongo_pid"; mongo_pid=""
done
