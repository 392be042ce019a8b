#!/usr/bin/env bash
# Login time with a second factor vs without (issue 15): the same users log in with the password alone, then,
# after enabling two-factor authentication, with the password and the current TOTP code. Median and p90 of the
# client-side time per login, over the embedded store (or MongoDB: STORE=mongo, the in-memory Mongo-wire server),
# Production defaults (210,000 PBKDF2 iterations) unless ITERATIONS is set.
# Usage: bash bench/two-factor-login.sh [users]   → one JSON line appended to bench/results/issue15-two-factor-login.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-40}
work=$(mktemp -d)
port=${PORT:-5391}
source bench/lib.sh
trap '[[ -n ${api_pid:-} ]] && kill "$api_pid" 2>/dev/null; [[ -n ${mongo_pid:-} ]] && kill "$mongo_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
store=embedded
if [[ ${STORE:-embedded} == mongo ]]; then
  [[ -d tools/mongo-wire/node_modules ]] || npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error
  start_mongo_wire
  store=$mongo_url
fi
[[ -n ${ITERATIONS:-} ]] && export Passwords__Iterations=$ITERATIONS
start_api "$store" "$work/data"

python3 - "$port" "$users" "${STORE:-embedded}" "${ITERATIONS:-210000}" <<'PY'
import base64, hashlib, hmac, json, statistics, struct, sys, time, urllib.request, uuid
port, users, store, iterations = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
base = f"http://127.0.0.1:{port}"
password = "correct horse battery staple"

def call(path, body=None, token=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method="POST")
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        payload = response.read()
    return time.perf_counter() - start, json.loads(payload) if payload else None

def totp(key, at=None):
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    step = int((at or time.time()) // 30)
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)

accounts = []
for i in range(users):
    email = f"bench-{uuid.uuid4().hex}@example.com"
    call("/api/auth/register", {"name": "Bench", "email": email, "password": password})
    accounts.append(email)

# Without a second factor (after one warm-up login each, so JIT and pools are warm for both rounds).
for email in accounts:
    call("/api/auth/login", {"email": email, "password": password})
without = [call("/api/auth/login", {"email": email, "password": password})[0] for email in accounts]

keys = {}
for email in accounts:
    _, tokens = call("/api/auth/login", {"email": email, "password": password})
    _, setup = call("/api/users/me/two-factor/setup", token=tokens["accessToken"])
    call("/api/users/me/two-factor/enable", {"code": totp(setup["sharedKey"])}, token=tokens["accessToken"])
    keys[email] = setup["sharedKey"]

# Each enable spent its step: wait for the next one, then every user logs in once with its current code.
time.sleep(30 - time.time() % 30 + 0.5)
with_code = [call("/api/auth/login", {"email": e, "password": password, "twoFactorCode": totp(keys[e])})[0] for e in accounts]

def summary(samples):
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2), "p90_ms": round(ordered[int(len(ordered) * 0.9) - 1] * 1000, 2)}

line = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "store": store, "iterations": int(iterations), "users": users,
        "without_two_factor": summary(without), "with_two_factor": summary(with_code)}
print(json.dumps(line))
with open("bench/results/issue15-two-factor-login.jsonl", "a") as out:
    out.write(json.dumps(line) + "\n")
PY
