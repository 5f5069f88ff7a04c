-- Load phase: POST /api/v1/tickets with a freshly generated ticket per request.
--
--   wrk -t2 -c32 -d30s --latency -s bench/lua/create.lua http://127.0.0.1:PORT -- TOKEN [SEED]

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

created, other = 0, 0
local shown = 0

function init(args)
  C.set_auth(args[1])
  C.seed((tonumber(args[2] or "") or 777) * 7919 + wrk.thread:get("id"))
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format("POST", "/api/v1/tickets", nil, C.ticket_body())
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write("create: answered " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
    o = o + (t:get("other") or 0)
  end
  C.report("create", summary, latency, string.format("status_201=%d status_other=%d", c, o))
end
