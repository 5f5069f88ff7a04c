-- Shared helpers for the Kefu wrk scripts (seed.lua, create.lua, search.lua).
--
-- wrk loads each script once in the main Lua state and once per thread; every
-- state `require`s this module separately, so nothing here is shared between
-- threads.  All text is UTF-8; Lua strings are byte strings, so the Chinese
-- literals pass through untouched.

local M = {}

-- ---------------------------------------------------------------------------
-- random helpers

function M.seed(n)
  math.randomseed(n)
  -- LuaJIT's first values after seeding are poorly mixed; discard a few.
  for _ = 1, 8 do math.random() end
end

local function pick(t) return t[math.random(#t)] end
M.pick = pick

local function chance(p) return math.random() < p end

-- ---------------------------------------------------------------------------
-- vocabulary: wind-farm operations and maintenance

local sites = {
  "达坂城风电场", "张北风电场", "酒泉二期风电场", "乌兰察布风电场", "哈密东南风电场",
  "锡林郭勒风电场", "如东海上风电场", "白城大安风电场", "定边风电场", "围场风电场",
  "昌马风电场", "阳江海上风电场", "通榆风电场", "康保风电场", "吐鲁番小草湖风电场",
}

-- component, and faults that plausibly go with it
local components = {
  { "齿轮箱",   { "油温高报警", "漏油", "振动超标", "异响", "滤芯压差报警", "油位低" } },
  { "变桨系统", { "通讯中断", "电池柜故障", "变桨电机过热", "编码器故障", "漏油", "限位开关故障" } },
  { "偏航系统", { "偏航不对风", "偏航电机过载", "漏油", "异响", "扭缆报警", "偏航刹车磨损" } },
  { "发电机",   { "温度报警", "绝缘低", "振动超标", "轴承异响", "碳刷磨损", "滑环打火" } },
  { "叶片",     { "前缘腐蚀", "雷击损伤", "裂纹", "结冰", "哨声异响", "螺栓松动" } },
  { "主轴承",   { "温度报警", "振动超标", "润滑不良", "漏脂", "异响" } },
  { "变流器",   { "IGBT故障", "通讯中断", "冷却液压力低", "网侧过流", "直流母线过压" } },
  { "液压站",   { "漏油", "压力低", "油位低", "电磁阀故障" } },
  { "冷却系统", { "风扇故障", "温度报警", "冷却液泄漏", "散热器堵塞" } },
  { "主控柜",   { "通讯中断", "PLC死机", "UPS故障", "温度报警" } },
  { "塔筒",     { "螺栓松动", "爬梯损坏", "照明故障", "门禁故障" } },
  { "箱变",     { "温度报警", "油位低", "漏油", "跳闸" } },
}

-- "风机" is only one of several ways to name a turbine, so a search for 风机
-- matches a realistic share of tickets rather than all of them.
local function unit()
  local n = math.random(1, 66)
  local r = math.random()
  if r < 0.30 then return n .. "号风机"
  elseif r < 0.55 then return n .. "号机组"
  elseif r < 0.70 then return string.char(64 + math.random(1, 6)) .. n .. "机位"
  elseif r < 0.85 then return n .. "#机组"
  else return "WTG" .. string.format("%02d", n) end
end

local actions  = { "更换", "巡检", "紧固", "清洗", "复位", "校准", "补油", "远程诊断", "停机检修", "返厂维修" }
local reporters = {
  "客户来电反映", "客户来电", "现场运维人员报告", "集控中心监控发现", "定期巡检时发现",
  "客户邮件反馈", "业主值班员电话告知", "SCADA系统自动报警",
}
local requests = {
  "请尽快安排人员到场处理", "要求24小时内到场", "要求48小时内给出处理方案",
  "请协调备件并安排停机窗口", "请技术支持远程协助排查", "客户要求出具书面故障分析报告",
}
local parts = {
  "齿轮箱滤芯", "变桨电池组", "偏航刹车片", "发电机碳刷", "主轴承密封圈", "IGBT模块",
  "液压油管", "编码器", "温度传感器", "振动传感器", "通讯光纤模块", "UPS电池",
}
local engineers = { "王工", "李工", "张工", "刘工", "陈工", "杨工", "赵工", "黄工", "周工", "吴工" }

local surnames = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
}
local given = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "国栋", "晓东", "春梅",
}
local companies = {
  "华能新能源", "大唐新能源", "国电龙源", "华电福新", "三峡新能源", "中广核新能源", "国家电投",
}

function M.customer_name()
  local r = math.random()
  if r < 0.6 then
    return pick(surnames) .. pick(given)
  elseif r < 0.85 then
    return pick(surnames) .. (chance(0.5) and "先生" or "女士")
  else
    return pick(companies) .. pick(sites):gsub("风电场$", "") .. "运维站" .. pick(surnames) .. "工"
  end
end

local mobile_prefixes = { "130", "131", "133", "135", "136", "137", "138", "139", "150", "151",
                          "152", "155", "158", "159", "177", "180", "182", "186", "187", "189", "199" }

function M.phone()
  return pick(mobile_prefixes) .. string.format("%08d", math.random(0, 99999999))
end

-- ---------------------------------------------------------------------------
-- ticket text

local function detail(comp, fault)
  local r = math.random(1, 6)
  if r == 1 then
    return string.format("SCADA显示%s温度%d℃，报警阈值%d℃。", comp, math.random(70, 105), math.random(65, 80))
  elseif r == 2 then
    return string.format("振动有效值%.1fmm/s，较上月上升%d%%。", math.random(40, 180) / 10, math.random(10, 90))
  elseif r == 3 then
    return string.format("故障代码F%04d，已远程复位%d次未恢复。", math.random(1, 9999), math.random(1, 4))
  elseif r == 4 then
    return string.format("现场风速%.1fm/s，环境温度%d℃，机组已限功率运行至%dkW。",
      math.random(30, 220) / 10, math.random(-30, 38), math.random(5, 15) * 100)
  elseif r == 5 then
    return string.format("现场检查发现%s附近有明显油迹，初步判断为密封老化。", comp)
  else
    return string.format("该故障近%d天内已出现%d次，%s需进一步排查。", math.random(3, 60), math.random(2, 9), fault)
  end
end

-- Returns subject, description.  Subjects are 10-30 characters (limit 200),
-- descriptions mostly 80-300, at most about 1,000 with a maintenance log
-- (limit 10,000).
function M.ticket_text()
  local c = pick(components)
  local comp, fault = c[1], pick(c[2])
  local site, u = pick(sites), unit()
  local subject
  local r = math.random(1, 5)
  if r == 1 then subject = site .. u .. comp .. fault
  elseif r == 2 then subject = u .. comp .. fault .. "，申请" .. pick(actions)
  elseif r == 3 then subject = "客户来电：" .. u .. comp .. fault
  elseif r == 4 then subject = site .. u .. comp .. fault .. "（" .. pick(actions) .. "）"
  else subject = u .. comp .. fault end

  local d = {}
  d[#d + 1] = string.format("%s，%s%s%s出现%s现象。", pick(reporters), site, u, comp, fault)
  d[#d + 1] = detail(comp, fault)
  if chance(0.5) then d[#d + 1] = detail(comp, fault) end
  if chance(0.6) then
    d[#d + 1] = string.format("该机组于%d年投运，累计运行%d小时，上次%s时间为%d年%d月%d日。",
      math.random(2008, 2022), math.random(20000, 120000), pick(actions),
      math.random(2022, 2024), math.random(1, 12), math.random(1, 28))
  end
  if chance(0.4) then
    d[#d + 1] = string.format("建议%s%s，备件库存%s%d件。", pick(actions), pick(parts), pick(parts), math.random(0, 12))
  end
  d[#d + 1] = string.format("%s，现场联系人%s，电话%s。", pick(requests), M.customer_name(), M.phone())
  if chance(0.05) then
    -- occasional long ticket with a maintenance log
    d[#d + 1] = "处理记录："
    for i = 1, math.random(5, 20) do
      d[#d + 1] = string.format("%d. %d月%d日 %s到场，对%s%s进行%s，%s。", i,
        math.random(1, 12), math.random(1, 28), pick(engineers), u, pick(components)[1], pick(actions),
        chance(0.5) and "故障未复现" or ("发现" .. pick(pick(components)[2])))
    end
  end
  return subject, table.concat(d)
end

-- ---------------------------------------------------------------------------
-- JSON / HTTP helpers

local function json_string(s)
  s = s:gsub('[%c"\\]', function(ch)
    if ch == '"' then return '\\"' end
    if ch == "\\" then return "\\\\" end
    return string.format("\\u%04x", ch:byte())
  end)
  return '"' .. s .. '"'
end
M.json_string = json_string

function M.ticket_body()
  local subject, description = M.ticket_text()
  return '{"subject":' .. json_string(subject)
    .. ',"description":' .. json_string(description)
    .. ',"type":"repair","channel":"phone","priority":"normal"'
    .. ',"customer":{"name":' .. json_string(M.customer_name())
    .. ',"phone":' .. json_string(M.phone()) .. '}}'
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", ch:byte()) end))
end

function M.set_auth(token)
  if token == nil or token == "" then
    error("bearer token missing: pass it as the first script argument (wrk ... -- TOKEN)")
  end
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

-- wrk.format() sends the headers it is given instead of wrk.headers: a copy of them with the JSON content type.
function M.with_json_body(headers)
  local h = { ["Content-Type"] = "application/json" }
  for k, v in pairs(headers) do h[k] = v end
  return h
end

-- ---------------------------------------------------------------------------
-- reporting (called from done() in the main Lua state)

-- One machine-readable line that bench/run.sh greps for.
function M.report(phase, summary, latency, extra)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local function ms(p) return latency:percentile(p) / 1000 end
  local line = string.format(
    "RESULT phase=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f"
      .. " err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d",
    phase, summary.requests, secs, summary.requests / secs,
    ms(50), ms(90), ms(95), ms(99), latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout)
  if extra then line = line .. " " .. extra end
  io.write(line .. "\n")
end

-- Installs wrk's setup() so that every thread gets an id; returns the list of threads for done().
function M.track_threads()
  local threads, next_id = {}, 0
  setup = function(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
  end
  return threads
end

-- The sums over all threads of each named thread counter, in the order of `names`.
function M.thread_sums(threads, names)
  local sums = {}
  for i, name in ipairs(names) do
    sums[i] = 0
    for _, t in ipairs(threads) do sums[i] = sums[i] + (t:get(name) or 0) end
  end
  return (table.unpack or unpack)(sums)  -- wrk runs LuaJIT (Lua 5.1: `unpack`)
end

-- Installs response() and done(): counts answers with `ok_status` and the others (showing the first
-- three), and prints the RESULT line for `phase`.
function M.count_statuses(phase, ok_status, threads)
  ok, other = 0, 0
  local shown = 0
  response = function(status, headers, body)
    if status == ok_status then
      ok = ok + 1
    else
      other = other + 1
      if shown < 3 then
        shown = shown + 1
        io.stderr:write(phase .. ": answered " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n")
      end
    end
  end
  done = function(summary, latency, requests)
    local c, o = M.thread_sums(threads, { "ok", "other" })
    M.report(phase, summary, latency, string.format("status_%d=%d status_other=%d", ok_status, c, o))
  end
end

return M
