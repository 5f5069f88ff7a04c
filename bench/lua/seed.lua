-- Seed an exact number of tickets through POST /api/v1/tickets.
--
--   wrk -t2 -c32 -d1800s --timeout 30s -s bench/lua/seed.lua http://127.0.0.1:PORT \
--       -- TOKEN TOTAL THREADS [SEED] [DONE_DIR]
--
-- The total is split between the wrk threads.  Each thread issues exactly its
-- share of POSTs; once its share is issued it sends harmless GET /healthz
-- requests (answered 200) on its remaining connections until every POST has
-- been answered (any status other than 200 counts as a POST answer), then it
-- stops itself and, when DONE_DIR is given, creates DONE_DIR/seed-done.<id>.
--
-- wrk's main thread sleeps for the whole -d even after every worker thread has
-- stopped, so bench/run.sh runs wrk in the background, waits for one marker
-- per thread and then sends wrk SIGINT, which ends the sleep and prints the
-- summary.  -d is only a safety bound.
--
-- While it waits for its last answers a thread polls /healthz only every
-- POLL_MS per connection (wrk's delay() hook).  A POST whose answer is lost
-- (socket error) would keep a thread waiting, so a thread also gives up after
-- GIVE_UP_S seconds without a POST answer; run.sh checks the real ticket count
-- afterwards and tops up.
--
-- wrk (4.x) calls request() once on thread 0's state before the run to check
-- for pipelining, and throws that request away; that call is not counted.

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local C = require("common")

local POLL_MS = 50
local GIVE_UP_S = 60

local threads = C.track_threads()

local post_path = "/api/v1/tickets"
-- globals, so that done() can read them with thread:get()
issued, answered, created, failed, idle = 0, 0, 0, 0, 0
quota = 0
local stopped = false
local verify_call = false
local done_marker = nil
local last_answer = os.time()

function init(args)
  C.set_auth(args[1])
  local total = tonumber(args[2] or "")
  local nthreads = tonumber(args[3] or "")
  if not total or not nthreads then
    error("usage: -- TOKEN TOTAL THREADS [SEED] [DONE_DIR]")
  end
  local id = wrk.thread:get("id")
  quota = math.floor(total / nthreads)
  if id < total % nthreads then quota = quota + 1 end
  C.seed((tonumber(args[4] or "") or 20240601) * 7919 + id)
  verify_call = (id == 0)
  if args[5] and args[5] ~= "" then done_marker = args[5] .. "/seed-done." .. id end
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if verify_call then
    verify_call = false
    return wrk.format("GET", "/healthz", nil, nil)
  end
  if issued < quota then
    issued = issued + 1
    if issued == quota then last_answer = os.time() end
    return wrk.format("POST", post_path, nil, C.ticket_body())
  end
  return wrk.format("GET", "/healthz", nil, nil)
end

function delay()
  if issued < quota then return 0 end
  return POLL_MS
end

function response(status, headers, body)
  if status == 200 then
    idle = idle + 1
  else
    answered = answered + 1
    last_answer = os.time()
    if status == 201 then created = created + 1 else failed = failed + 1 end
    if failed <= 3 and status ~= 201 then
      io.stderr:write("seed: POST answered " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n")
    end
  end
  if not stopped and (answered >= quota or (issued >= quota and os.time() - last_answer > GIVE_UP_S)) then
    stopped = true
    if done_marker then
      local f = io.open(done_marker, "w")
      if f then f:write(answered, "\n"); f:close() end
    end
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local c, f, q = C.thread_sums(threads, { "created", "failed", "quota" })
  C.report("seed", summary, latency,
    string.format("seed_quota=%d seed_created=%d seed_failed=%d", q, c, f))
end
