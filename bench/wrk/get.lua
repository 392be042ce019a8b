-- GET the URL wrk was given, as the signed-in bench user (TOKEN).
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
