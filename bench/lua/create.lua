-- Load phase: POST /api/v1/tickets with a freshly generated ticket per request.
--
--   wrk -t2 -c32 -d30s --latency -s bench/lua/create.lua http://127.0.0.1:PORT -- TOKEN [SEED]

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("create", 201, threads)

function init(args)
  C.set_auth(args[1])
  C.seed((tonumber(args[2] or "") or 777) * 7919 + wrk.thread:get("id"))
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format("POST", "/api/v1/tickets", nil, C.ticket_body())
end
