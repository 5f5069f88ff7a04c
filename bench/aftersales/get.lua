-- GET of one path (a list or a report).
--   wrk ... -s bench/aftersales/get.lua URL -- TOKEN PHASE PATH
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "../lua/?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
local path
C.count_statuses(os.getenv("BENCH_PHASE") or "get", 200, threads)

function init(args)
  C.set_auth(args[1])
  path = args[2]
end

function request()
  return wrk.format("GET", path)
end
