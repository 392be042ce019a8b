-- POST /api/books as multipart form data with the COVER file; every request a new title (titles are unique
-- per owner), made of the run's label, the wrk thread and a counter.
dofile(os.getenv("BENCH_WRK") .. "/report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local boundary = "----cleanauth-bench-boundary"
local file = assert(io.open(os.getenv("COVER"), "rb"))
local cover = file:read("*a")
file:close()
local counter = 0

local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

local tail = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"cover.jpg\"\r\n"
  .. "Content-Type: image/jpeg\r\n\r\n" .. cover .. "\r\n--" .. boundary .. "--\r\n"
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
  ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
}

function request()
  counter = counter + 1
  local title = string.format("%s t%d #%d", os.getenv("RUN_LABEL"), thread_number or 0, counter)
  local body = part("title", title) .. part("description", "Uploaded by the load benchmark.")
    .. part("category", "science") .. tail
  return wrk.format("POST", nil, headers, body)
end
