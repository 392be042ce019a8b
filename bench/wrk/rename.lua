-- PUT /api/users/me with a new name each time, as the signed-in bench user: one user read and one conditional
-- update, i.e. one committed write (fsynced on the embedded store). Run it at 1 connection: concurrent renames
-- of one account are refused with 409 by design.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"name":"Reader ' .. n .. '"}')
end
