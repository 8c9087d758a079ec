-- wrk script for bench/two-nodes/run.sh: requests taken in turn from DT_PATHS, a space-separated
-- list of "a:/path" (anonymous) or "s:/path" (with the session cookie DT_COOKIE). Counts as an
-- error every answer that is not 2xx (wrk itself counts 3xx as success, and a lost session shows
-- as a 302 to the sign-in page); prints "bad status: N" and the statuses seen at the end.
local paths = {}

local threads = {}
local counter = 0
-- Globals, not locals: done() reads them from each thread with thread:get.
bad = 0
statuses = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Built here, not at load: wrk.format takes the Host header from wrk.headers, set only by now.
  local cookie = os.getenv("DT_COOKIE") or ""
  for entry in string.gmatch(os.getenv("DT_PATHS") or "a:/", "%S+") do
    local kind, path = entry:match("^(%a):(.*)$")
    local headers = { Host = wrk.headers["Host"] }
    if kind == "s" then headers["Cookie"] = cookie end
    table.insert(paths, wrk.format("GET", path, headers))
  end
  -- Threads start at different places in the list so the mix holds from the first second.
  counter = id or 0
end

function request()
  counter = counter + 1
  return paths[(counter % #paths) + 1]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  local seen = {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
    local s = thread:get("statuses")
    for code, n in pairs(s) do seen[code] = (seen[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(seen) do table.insert(parts, code .. "×" .. n) end
  io.write(string.format("bad status: %d %s\n", total, table.concat(parts, " ")))
  io.write(string.format("p50/p99 (closed loop, for reference): %.1f / %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
