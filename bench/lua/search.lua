-- Load phase: GET /api/v1/tickets?q=<two Chinese characters>&per=20, rotating
-- through a list of terms of different selectivity (风机 is common, 漏油 and
-- 雷击 are rarer).
--
--   wrk -t2 -c32 -d30s --latency -s bench/lua/search.lua http://127.0.0.1:PORT -- TOKEN [TERM,TERM,...]

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local DEFAULT_TERMS = "风机,漏油,齿轮,叶片,振动,偏航,来电,雷击"

local threads = C.track_threads()
C.count_statuses("search", 200, threads)
local paths = {}
local i = 0

function init(args)
  C.set_auth(args[1])
  local terms = args[2]
  if terms == nil or terms == "" then terms = DEFAULT_TERMS end
  for term in terms:gmatch("[^,]+") do
    paths[#paths + 1] = "/api/v1/tickets?q=" .. C.urlencode(term) .. "&per=20"
  end
  -- threads start at different offsets of the rotation
  i = wrk.thread:get("id") * 3
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], nil, nil)
end
