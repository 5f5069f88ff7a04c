-- Load phase: GET /api/v1/tickets?per=50&page=N, the newest pages of the ticket list in turn.
--
--   wrk -t1 -c1 -d10s --latency -s bench/lua/list.lua http://127.0.0.1:PORT -- TOKEN [PAGES]

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("list", 200, threads)
local pages = 5
local i = 0

function init(args)
  C.set_auth(args[1])
  pages = tonumber(args[2] or "") or 5
end

function request()
  i = i + 1
  return wrk.format("GET", "/api/v1/tickets?per=50&page=" .. ((i % pages) + 1), nil, nil)
end
