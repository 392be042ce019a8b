#!/usr/bin/env bash
# Peak memory of the API while N covers (default 20) of a 24-megapixel JPEG are uploaded at once.
# Starts a Release build of the API on loopback with the embedded store in a temporary folder, signs a
# user in, fires the uploads concurrently with curl, and reads the process's peak resident set (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/.."
uploads=${1:-20}
port=${PORT:-5099}
work=$(mktemp -d)
trap 'kill "${api_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
dotnet run --project bench/CleanAuth.Benchmarks -c Release -- make-images "$work/images" >/dev/null
cover="$work/images/cover-4000x6000.jpg"
echo "cover: $(stat -c %s "$cover") bytes, 4000x6000"

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)" TwoFactor__EncryptionKey="$(head -c 32 /dev/urandom | base64 -w0)" Email__Delivery=Pickup Storage__DataPath="$work/data" \
  RateLimits__Enabled=false Serilog__MinimumLevel__Default=Warning \
  dotnet src/WebApi/bin/Release/net10.0/CleanAuth.WebApi.dll >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$port/api"
curl -sf -X POST "$base/auth/register" -H 'content-type: application/json' \
  -d '{"name":"Bench","email":"bench@example.com","password":"correct horse battery staple"}' >/dev/null
token=$(curl -sf -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"correct horse battery staple"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

# Warm up once so the baseline includes the loaded image library.
curl -sf -X POST "$base/books" -H "Authorization: Bearer $token" -F title=warmup -F description=d -F category=science -F "cover=@$cover" >/dev/null
before=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status")

start=$(date +%s.%N)
for i in $(seq 1 "$uploads"); do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST "$base/books" -H "Authorization: Bearer $token" \
    -F "title=Book $i" -F description=d -F category=science -F "cover=@$cover" >>"$work/codes" &
done
wait $(jobs -p | grep -v "^$api_pid$") 2>/dev/null || true
end=$(date +%s.%N)

peak=$(awk '/VmHWM/ {print $2}' "/proc/$api_pid/status")
echo "uploads: $uploads concurrent; statuses: $(sort "$work/codes" | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "wall time: $(awk "BEGIN {printf \"%.2f\", $end - $start}") s"
echo "RSS before: $((before / 1024)) MiB; peak RSS (VmHWM, whole run): $((peak / 1024)) MiB"
