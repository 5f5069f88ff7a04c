-- Load phase: POST /api/v1/tickets/{id}/comments, an internal note on a ticket taken in turn from a file of ids.
--
--   wrk -t1 -c1 -d10s --latency -s bench/lua/reply.lua http://127.0.0.1:PORT -- TOKEN IDS_FILE

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("reply", 201, threads)
local ids = {}
local i = 0
local headers

function init(args)
  C.set_auth(args[1])
  for line in io.lines(args[2]) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no ticket ids in " .. tostring(args[2])) end
  headers = C.with_json_body(wrk.headers)
  i = wrk.thread:get("id") * 7
end

function request()
  i = i + 1
  local body = '{"body":"已联系现场运维人员，备件已从库房发出，预计明日到场更换。","visibility":"internal"}'
  return wrk.format("POST", "/api/v1/tickets/" .. ids[(i % #ids) + 1] .. "/comments", headers, body)
end
