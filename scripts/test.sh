#!/usr/bin/env bash
# Runs every test of CleanAuth: unit, integration over HTTP, and the storage contract suite on both
# stores (embedded LiteDB, and MongoDB through an in-memory Mongo-wire server this script installs).
# Set CLEANAUTH_TEST_MONGODB to a real MongoDB's connection string to also run the real-server cases.
# Ends with one line: "N passed, N failed, N skipped"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node (20+) is required for the Mongo-wire test server" >&2; exit 1; }

echo "== installing the Mongo-wire test server (npm ci)"
npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error

echo "== building (warnings are errors)"
dotnet build CleanAuth.sln -c Release -warnaserror -nologo -v quiet

echo "== testing"
results=TestResults
rm -rf "$results"
status=0
dotnet test CleanAuth.sln -c Release --no-build --nologo \
  --logger trx --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

node scripts/summarize-trx.mjs "$results" || status=$?
exit "$status"
