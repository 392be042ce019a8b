#!/usr/bin/env bash
# Runs every test of CleanAuth: unit, integration over HTTP (incl. two API processes sharing one store),
# the storage contract suite on both stores (embedded LiteDB, and MongoDB through an in-memory Mongo-wire
# server this script installs), the real-browser test of the docs page (Debian's Chromium, installed here
# when missing) with OpenAPI validation, and the compose-file check.
# Set CLEANAUTH_TEST_MONGODB to a real MongoDB's connection string to also run the real-server cases.
# Ends with one line: "N passed, N failed, N skipped"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node (20+) is required for the Mongo-wire test server and the browser test" >&2; exit 1; }

echo "== installing the Mongo-wire test server and the browser-test tools (npm ci)"
npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

# Debian's Chromium for the docs-page test (npm's browser downloads cannot work here). As root (CI), install it
# when missing, refreshing the package lists only when apt does not know the package yet.
if [[ -z "${CHROMIUM_PATH:-}" ]] && ! command -v chromium >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium"
    if ! apt-cache show chromium >/dev/null 2>&1; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "chromium is missing and this is not root: install Debian's chromium (or set CHROMIUM_PATH); the browser test will fail" >&2
  fi
fi

echo "== building (warnings are errors)"
dotnet build CleanAuth.sln -c Release -warnaserror -nologo -v quiet

echo "== testing"
results=TestResults
rm -rf "$results"
status=0
dotnet test CleanAuth.sln -c Release --no-build --nologo \
  --logger trx --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

echo "== browser test: the docs page in Chromium, and OpenAPI validation"
CONFIGURATION=Release node tests/browser/docs-page.test.mjs "$results" || status=$?

echo "== deployment files: docker-compose.yml and Dockerfile"
node tests/browser/deployment-files.test.mjs "$results" || status=$?

node scripts/summarize-trx.mjs "$results" || status=$?
exit "$status"
