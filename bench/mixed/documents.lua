-- #17.7 mixed workload: the stock books' write path. Each thread saves a 5-line receipt
-- (POST /api/v1/stock-documents, 201) and audits it (POST /api/v1/stock-documents/{id}/audit, 200) as soon
-- as the save is answered, so a run audits about as many documents as it saves. wrk times both kinds of
-- request together; the RESULT line counts them apart (saved=, audited=).
--
--   wrk -t1 -c8 -d600s -s bench/mixed/documents.lua http://127.0.0.1:PORT -- TOKEN WAREHOUSE_ID ITEM_IDS_FILE

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "../lua/?.lua;" .. package.path
local C = require("common")

local threads = C.track_threads()
local items, warehouse, json_headers = {}, nil, nil
local saved_ids = {} -- saved, not yet audited (this thread's connections share it)
saved, audited, other = 0, 0, 0
local shown = 0

function init(args)
  C.set_auth(args[1])
  warehouse = args[2]
  for line in io.lines(args[3]) do
    if line ~= "" then items[#items + 1] = line end
  end
  C.seed(4099 + wrk.thread:get("id"))
  json_headers = C.with_json_body(wrk.headers)
end

local function receipt()
  local lines, used = {}, {}
  while #lines < 5 do
    local item = items[math.random(#items)]
    if not used[item] then
      used[item] = true
      lines[#lines + 1] = string.format('{"itemId":"%s","quantity":%d}', item, math.random(1, 20))
    end
  end
  return '{"direction":"in","reason":"spot_purchase","warehouseId":"' .. warehouse .. '","lines":[' .. table.concat(lines, ",") .. ']}'
end

-- The document's own id: the "id" member at the top level of the answer (its lines have ids too).
local function top_level_id(body)
  local depth, pos, n = 0, 1, #body
  while pos <= n do
    local ch = body:sub(pos, pos)
    if ch == '"' then
      local close = pos + 1
      while true do
        local q = body:find('["\\]', close)
        if not q then return nil end
        if body:sub(q, q) == "\\" then close = q + 2 else close = q; break end
      end
      if depth == 1 and body:sub(pos, close) == '"id"' then
        return body:match('^%s*:%s*"([^"]+)"', close + 1)
      end
      pos = close + 1
    else
      if ch == "{" or ch == "[" then depth = depth + 1 elseif ch == "}" or ch == "]" then depth = depth - 1 end
      pos = pos + 1
    end
  end
  return nil
end

function request()
  if #saved_ids > 0 then
    return wrk.format("POST", "/api/v1/stock-documents/" .. table.remove(saved_ids, 1) .. "/audit", nil, nil)
  end
  return wrk.format("POST", "/api/v1/stock-documents", json_headers, receipt())
end

function response(status, headers, body)
  local id = status == 201 and top_level_id(body) or nil
  if id then
    saved = saved + 1
    saved_ids[#saved_ids + 1] = id
  elseif status == 200 then
    audited = audited + 1
  else
    other = other + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write("documents: answered " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local s, a, o = C.thread_sums(threads, { "saved", "audited", "other" })
  C.report("documents", summary, latency, string.format("saved=%d audited=%d status_other=%d", s, a, o))
end
