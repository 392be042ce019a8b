#!/usr/bin/env bash
# Peak memory of the API while N PNG bombs (default 16) are uploaded at once (issue 20): each is 40000×1000 16-bit
# RGBA, all zeros (~311 KB; exactly Covers:MaxPixels, so accepted), 305 MiB once decoded. Run twice on the same
# build: "count only" (a decode budget so large it never binds: what the API did before ADR 0045, when only
# Covers:MaxConcurrentThumbnails bounded decodes) and "budget" (the default Covers:DecodeBudgetMegabytes).
#   bash bench/cover-bomb-memory.sh        # BOMBS=16 MODES="count-only budget" to change
set -euo pipefail
cd "$(dirname "$0")/.."
bombs=${BOMBS:-16}
port=${PORT:-5098}
work=$(mktemp -d)
api_pid=""
trap 'stop_pid "$api_pid"; rm -rf "$work"' EXIT
source bench/lib.sh
base="http://127.0.0.1:$port/api"

dotnet build src/WebApi -c Release -nologo -v quiet >/dev/null
# The bomb, written by hand: one IHDR (16-bit RGBA), the zero rows deflated in one IDAT, IEND.
python3 - "$work/bomb.png" <<'PY'
import struct, sys, zlib
width, height = 40000, 1000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
z = zlib.compressobj(9)
row = bytes(1 + width * 8)
idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PY
echo "bomb: $(stat -c %s "$work/bomb.png") bytes, 40000x1000, 16-bit RGBA"
python3 - "$work/small.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
rows = b"".join(b"\x00" + bytes([200, 40, 40]) * 300 for _ in range(200))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 300, 200, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY

for mode in ${MODES:-count-only budget}; do
  if [[ $mode == count-only ]]; then export Covers__DecodeBudgetMegabytes=1048576; else unset Covers__DecodeBudgetMegabytes; fi
  start_api embedded "$work/data-$mode"
  register bench@example.com
  token=$(login bench@example.com | json_field accessToken)
  # Warm up once with a small PNG so the baseline includes the loaded image library.
  curl -sf -o /dev/null -X POST "$base/books" -H "Authorization: Bearer $token" -F title=warmup -F description=d -F category=science -F "cover=@$work/small.png;type=image/png"
  idle=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status")
  : >"$work/codes-$mode"
  start=$(date +%s.%N)
  pids=()
  for i in $(seq 1 "$bombs"); do
    curl -s -o /dev/null -w "%{http_code}\n" --max-time 120 -X POST "$base/books" -H "Authorization: Bearer $token" \
      -F "title=Bomb $i" -F description=d -F category=science -F "cover=@$work/bomb.png;type=image/png" >>"$work/codes-$mode" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  end=$(date +%s.%N)
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$api_pid/status")
  echo "{\"mode\":\"$mode\",\"bombs\":$bombs,\"statuses\":\"$(sort "$work/codes-$mode" | uniq -c | awk '{printf "%s%s×%s", sep, $1, $2; sep=" "}')\",\"seconds\":$(awk "BEGIN {printf \"%.1f\", $end - $start}"),\"idle_mib\":$((idle / 1024)),\"peak_mib\":$((peak / 1024)),\"peak_over_idle_mib\":$(((peak - idle) / 1024))}"
  stop_pid "$api_pid"; api_pid=""
done
