-- #11.1 quick search: GET /api/v1/search?q=<query>&limit=5, rotating through the queries of a file written by
-- bench/search/run.sh (one URL-encoded query per line: whole ticket numbers, running numbers, customer name
-- prefixes, whole phone numbers, e-mails, user names).
--
--   wrk -t2 -c32 -d30s --latency -s bench/lua/find.lua http://127.0.0.1:PORT -- TOKEN QUERIES_FILE

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("find", 200, threads)
local paths = {}
local i = 0

function init(args)
  C.set_auth(args[1])
  for line in io.lines(args[2]) do
    if line ~= "" then paths[#paths + 1] = "/api/v1/search?q=" .. line .. "&limit=5" end
  end
  i = wrk.thread:get("id") * 7
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], nil, nil)
end
