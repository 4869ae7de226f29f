-- wrk script: rotate through the search paths given after "--", one per request, and
-- print the same JSON line as report.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local paths = {}
local next_path = 0

init = function(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
  next_path = math.random(#paths) - 1
end

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
