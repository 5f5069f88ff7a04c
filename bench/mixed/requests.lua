-- #17.7 mixed workload: one stream of requests read from a file, rotated per thread.
--
--   WRK_PHASE=reply WRK_OK_STATUS=201 wrk -t1 -c8 -d600s -s bench/mixed/requests.lua http://127.0.0.1:PORT -- AUTH REQUESTS_FILE
--
-- (the phase comes from the environment: done() runs in wrk's main Lua state, which never sees the arguments)
-- AUTH is "Bearer <token>" (sent as Authorization, JSON accepted) or "Cookie <name=value>" (a console session,
-- HTML accepted). Each line of REQUESTS_FILE is METHOD<TAB>PATH, or METHOD<TAB>PATH<TAB>JSON body.
-- Prints the RESULT line of bench/lua/common.lua for WRK_PHASE; answers other than OK_STATUS count as errors.

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "../lua/?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
local phase = os.getenv("WRK_PHASE") or "requests"
local ok_status = tonumber(os.getenv("WRK_OK_STATUS") or "200")
C.count_statuses(phase, ok_status, threads)

local reqs, json_headers = {}, nil
local i = 0

function init(args)
  local kind, value = args[1]:match("^(%S+) (.+)$")
  if kind == "Bearer" then
    C.set_auth(value)
  elseif kind == "Cookie" then
    wrk.headers["Cookie"] = value
    wrk.headers["Accept"] = "text/html"
  else
    error("AUTH must be 'Bearer TOKEN' or 'Cookie NAME=VALUE'")
  end
  for line in io.lines(args[2]) do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    if method then
      if body == "" then body = nil end
      reqs[#reqs + 1] = { method, path, body }
    end
  end
  if #reqs == 0 then error("no requests in " .. args[2]) end
  json_headers = C.with_json_body(wrk.headers)
  i = wrk.thread:get("id") * 7919
end

function request()
  i = i + 1
  local r = reqs[(i % #reqs) + 1]
  if r[3] then
    return wrk.format(r[1], r[2], json_headers, r[3])
  end
  return wrk.format(r[1], r[2], nil, nil)
end
