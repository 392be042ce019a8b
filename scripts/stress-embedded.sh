#!/usr/bin/env bash
# Stress run for the embedded store (issue 10): the fuzz, outage, shutdown, SIGKILL, busy-lock and import
# workloads, ROUNDS times (default 3), with garbage collected all the time — a thread in the test host collects
# and runs finalizers every 5 ms (CLEANAUTH_FORCE_GC=1), and a 256 KB gen0 budget makes every process, the API
# processes the tests start included, collect far more often than usual. A finalizer or background thread that
# throws ends its process; --blame names the test that was running. Ends with "N passed, N failed".
# Run `bash scripts/test.sh` once first (it installs the Mongo-wire server and python3-fusepy).
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
export CLEANAUTH_FORCE_GC=1 DOTNET_GCgen0size=0x40000 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
filter="FullyQualifiedName~Fuzz|FullyQualifiedName~StorageOutage|FullyQualifiedName~ShutdownDuringUploads|FullyQualifiedName~KillDuringWrites|FullyQualifiedName~LiteDbImport|FullyQualifiedName~Contracts.Embedded"
dotnet build tests/Integration -c Release -warnaserror -nologo -v quiet || exit 1
passed=0 failed=0
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds"
  if dotnet test tests/Integration -c Release --no-build --nologo --blame --filter "$filter" --logger "console;verbosity=minimal"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
