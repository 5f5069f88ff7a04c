-- POST /api/v1/tickets of type complaint: each request logs a ticket and opens its complaint case (one transaction).
--   wrk -t2 -c16 -d15s --latency -s bench/aftersales/complaint.lua http://127.0.0.1:PORT -- TOKEN
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "../lua/?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("complaint-create", 201, threads)

function init(args)
  C.set_auth(args[1])
  C.seed(4242 * 7919 + wrk.thread:get("id"))
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = C.ticket_body():gsub('"type":"repair"', '"type":"complaint"')
  return wrk.format("POST", "/api/v1/tickets", nil, body)
end
