-- POST /api/auth/login with the bench user's JSON credentials (a full PBKDF2 verification each time).
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', os.getenv("EMAIL"), os.getenv("PASSWORD"))
