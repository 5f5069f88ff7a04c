-- Load phase: one GET path over and over, with the token when one is given ("-" for none).
--
--   wrk -t1 -c1 -d3s -s bench/lua/get.lua http://127.0.0.1:PORT -- TOKEN|- PATH

local path = "/healthz"

function init(args)
  if args[1] ~= nil and args[1] ~= "-" then wrk.headers["Authorization"] = "Bearer " .. args[1] end
  path = args[2] or path
end

function request()
  return wrk.format("GET", path, nil, nil)
end
