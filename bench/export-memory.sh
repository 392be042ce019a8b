#!/usr/bin/env bash
# Peak memory of exporting a library of BOOKS books with covers (default 1,000), on the embedded store and on the
# Mongo-wire server (ADR 0055). Per store: upload the library, restart the API (a fresh process), warm the export up
# on a one-book account, take the resident set as idle, reset the peak (/proc/PID/clear_refs), download the big export,
# read the peak (VmHWM). One JSON line per store goes to bench/results/export-memory.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
books=${BOOKS:-1000}
port=${PORT:-5098}
work=$(mktemp -d)
# shellcheck source=bench/lib.sh
source bench/lib.sh
trap 'stop_pid "${api_pid:-}"; stop_pid "${mongo_pid:-}"; rm -rf "$work"' EXIT

ensure_tools
[[ -n ${NO_BUILD:-} ]] || dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
# COVER=<a JPEG> uses that file instead of the benchmark tool's 600x900 one.
cover=${COVER:-}
if [[ -z $cover ]]; then
  dotnet build bench/CleanAuth.Benchmarks -c Release -nologo -v quiet >/dev/null
  dotnet bench/CleanAuth.Benchmarks/bin/Release/net10.0/CleanAuth.Benchmarks.dll make-images "$work/images" >/dev/null
  cover="$work/images/cover-600x900.jpg"
fi
echo "cover: $(stat -c %s "$cover") bytes; $books books"

token_of() { login "$1" | json_field accessToken; }

for store in embedded mongo-wire; do
  data="$work/data-$store"
  target=embedded
  if [[ $store == mongo-wire ]]; then start_mongo_wire; target=$mongo_url; fi
  start_api "$target" "$data"
  register big@example.com; register small@example.com
  big=$(token_of big@example.com); small=$(token_of small@example.com)
  upload "$small" "Warm-up" "$cover" >/dev/null
  seq 1 "$books" | xargs -P 2 -I{} curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/api/books" -H "Authorization: Bearer $big" \
    -F "title=Book {}" -F "description=Exported by the benchmark." -F category=science -F "cover=@$cover;type=image/jpeg"
  stop_pid "$api_pid"

  start_api "$target" "$data"
  big=$(token_of big@example.com); small=$(token_of small@example.com)
  curl -sf -o "$work/small.zip" "http://127.0.0.1:$port/api/users/me/export" -H "Authorization: Bearer $small"
  wait_idle "$api_pid"
  idle=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status")
  echo 5 > "/proc/$api_pid/clear_refs"
  start=$(date +%s.%N)
  status=$(curl -s -o "$work/big.zip" -w '%{http_code}' "http://127.0.0.1:$port/api/users/me/export" -H "Authorization: Bearer $big")
  end=$(date +%s.%N)
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$api_pid/status")
  entries=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()))" "$work/big.zip")
  size=$(stat -c %s "$work/big.zip")
  line="{\"store\":\"$store\",\"books\":$books,\"status\":$status,\"entries\":$entries,\"zip_bytes\":$size,\"seconds\":$(awk "BEGIN {printf \"%.1f\", $end - $start}"),\"idle_kib\":$idle,\"peak_kib\":$peak,\"peak_over_idle_mib\":$(( (peak - idle) / 1024 ))}"
  echo "$line"
  echo "$line" >> bench/results/export-memory.jsonl
  stop_pid "$api_pid"; api_pid=""
  if [[ $store == mongo-wire ]]; then stop_pid "$mongo_pid"; mongo_pid=""; fi
done
