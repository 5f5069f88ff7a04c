-- POST /api/v1/public/surveys/{token}: each request submits the next unused link (no sign-in). One answer in ten
-- is 不满意, which also logs a complaint ticket and opens its case.
--   wrk ... -s bench/aftersales/survey.lua URL -- TOKENS_FILE THREADS
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "../lua/?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
C.count_statuses("survey-submit", 201, threads)
local tokens, index, step = {}, 0, 1
local quota, issued, answered = 0, 0, 0

function init(args)
  for line in io.lines(args[1]) do if #line > 0 then table.insert(tokens, line) end end
  step = tonumber(args[2]) or 1
  index = wrk.thread:get("id")
  -- This thread's links: every step-th one; it stops once all of them are answered, so the rate is of real submissions.
  quota = math.floor((#tokens - index + step - 1) / step)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if issued >= quota then return wrk.format("GET", "/healthz") end
  issued = issued + 1
  index = index + step
  local token = tokens[(index - 1) % #tokens + 1]
  local overall = (index % 10 == 0) and 1 or 4
  local body = '{"overall":' .. overall .. ',"answers":[{"item":"service.attitude","level":5},{"item":"service.response","level":'
    .. overall .. ',"comment":"响应速度"}],"comment":"基准测试"}'
  return wrk.format("POST", "/api/v1/public/surveys/" .. token, nil, body)
end

local count = response
function response(status, headers, body)
  if status == 200 then return end -- /healthz while the last links are answered
  count(status, headers, body)
  answered = answered + 1
  if answered >= quota then wrk.thread:stop() end
end
