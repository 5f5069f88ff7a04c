-- Audits saved stock documents through POST /api/v1/stock-documents/{id}/audit.
--
--   wrk -t2 -c16 -d10s -s bench/materials/audit.lua http://127.0.0.1:PORT -- TOKEN IDS_FILE THREADS
--
-- Each wrk thread audits its share of the ids (every THREADS-th line); a thread that runs out sends GET /healthz,
-- so materials.py supplies more ids than the run can audit and counts the audited documents afterwards.
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local ids, pos = {}, 0

function init(args)
  local nthreads = tonumber(args[3])
  local me = wrk.thread:get("id") or 0
  local k = 0
  for line in io.lines(args[2]) do
    if k % nthreads == me then ids[#ids + 1] = line end
    k = k + 1
  end
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end

function request()
  pos = pos + 1
  if pos > #ids then return wrk.format("GET", "/healthz") end
  return wrk.format("POST", "/api/v1/stock-documents/" .. ids[pos] .. "/audit")
end
