# Shared by the load scripts: tools, builds, starting and stopping the API, the Mongo-wire server and the ceiling.
# Sourced, not run. Expects the repository root as the working directory and $work as a scratch folder.

bench_password="correct horse battery staple"
# One signing key for the API and the ceiling, so the ceiling validates the very tokens the API issued.
bench_signing_key=$(head -c 48 /dev/urandom | base64 -w0)

ensure_tools() {
  if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "== installing Debian's wrk"
      apt-cache show wrk >/dev/null 2>&1 || apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
    else
      echo "wrk is missing: install Debian's wrk (apt-get install wrk)" >&2
      exit 1
    fi
  fi
  [[ -d tools/mongo-wire/node_modules ]] || npm ci --prefix tools/mongo-wire --no-audit --no-fund --loglevel=error
}

build_all() {
  echo "== building the API, the ceiling and the benchmark tools (Release)"
  for project in src/WebApi bench/CleanAuth.Ceiling bench/CleanAuth.Benchmarks; do
    dotnet build "$project" -c Release -nologo -v quiet >/dev/null
  done
  dotnet bench/CleanAuth.Benchmarks/bin/Release/net10.0/CleanAuth.Benchmarks.dll make-images "$work/images" >/dev/null
}

wait_live() { # url
  for _ in $(seq 1 300); do curl -sf "$1/health/live" >/dev/null && return 0; sleep 0.2; done
  echo "nothing answered at $1" >&2
  return 1
}

# Starts the in-memory Mongo-wire server on a free port; sets mongo_pid and mongo_url.
start_mongo_wire() {
  node tools/mongo-wire/server.mjs 0 >"$work/mongo.out" 2>"$work/mongo.err" &
  mongo_pid=$!
  for _ in $(seq 1 100); do grep -q LISTENING "$work/mongo.out" 2>/dev/null && break; sleep 0.1; done
  # Polled monitoring, as the tests do: the test server answers the driver's streaming "hello" at once
  # instead of holding it, which would turn the driver's server monitor into a busy loop.
  mongo_url="mongodb://$(sed -n 's/^LISTENING //p' "$work/mongo.out")/bench?serverMonitoringMode=poll"
}

# Starts the API on $port with the given store ("embedded" or a MongoDB URL); sets api_pid.
# By default in Production with logs at Warning and up, so the console is not what is measured; ENVIRONMENT
# and LOG_LEVEL change that (the README's run is ENVIRONMENT=Development LOG_LEVEL=Information). API_DLL runs
# another build (e.g. an older commit's, for a before/after table). Rate limits are off (the load comes from one
# address and one user); everything else (hash cost, token checks) is the production default.
start_api() { # store data-folder
  local mongo=""
  [[ $1 == embedded ]] || mongo=$1
  local dll=${API_DLL:-src/WebApi/bin/Release/net10.0/CleanAuth.WebApi.dll}
  # The content root is the build's folder, as in the container: that is where appsettings.json (and with it
  # the log sinks) is read from; the repository root has none, and the API would then log nothing at all.
  ASPNETCORE_ENVIRONMENT=${ENVIRONMENT:-Production} ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_CONTENTROOT="$(realpath "$(dirname "$dll")")" \
    Jwt__SigningKey="$bench_signing_key" TwoFactor__EncryptionKey="$(head -c 32 /dev/urandom | base64 -w0)" Email__Delivery=Pickup Storage__DataPath="$2" ConnectionStrings__Mongo="$mongo" \
    RateLimits__Enabled=false Serilog__MinimumLevel__Default="${LOG_LEVEL:-Warning}" \
    dotnet "$dll" >>"$work/api.log" 2>&1 &
  api_pid=$!
  wait_live "http://127.0.0.1:$port"
}

start_ceiling() { # responses-folder
  ASPNETCORE_URLS="http://127.0.0.1:$port" Jwt__SigningKey="$bench_signing_key" dotnet bench/CleanAuth.Ceiling/bin/Release/net10.0/CleanAuth.Ceiling.dll \
    --responses "$1" >>"$work/ceiling.log" 2>&1 &
  api_pid=$!
  wait_live "http://127.0.0.1:$port"
}

stop_pid() { # pid
  [[ -n ${1:-} ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

register() { # email
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/api/auth/register" -H 'content-type: application/json' \
    -d "{\"name\":\"Bench\",\"email\":\"$1\",\"password\":\"$bench_password\"}"
}

login() { # email -> the login answer (JSON)
  curl -sf -X POST "http://127.0.0.1:$port/api/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$bench_password\"}"
}

json_field() { # name <json
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

upload() { # token title cover -> the created book (JSON)
  curl -sf -X POST "http://127.0.0.1:$port/api/books" -H "Authorization: Bearer $1" \
    -F "title=$2" -F "description=Uploaded by the load benchmark." -F category=science -F "cover=@$3;type=image/jpeg"
}

# Waits until the process has been nearly idle (under 10 % of one core) for half a second, so that work a
# previous run left queued (logins already received keep hashing after wrk hangs up) is not measured in the next.
wait_idle() { # pid
  local before after
  for _ in $(seq 1 240); do
    before=$(awk '{print $14 + $15}' "/proc/$1/stat")
    sleep 0.5
    after=$(awk '{print $14 + $15}' "/proc/$1/stat")
    (( after - before <= 5 )) && return 0
  done
  echo "process $1 did not become idle" >&2
}

# CPU time (user + system) the process has used so far, in clock ticks.
cpu_ticks() { # pid
  awk '{print $14 + $15}' "/proc/$1/stat"
}
