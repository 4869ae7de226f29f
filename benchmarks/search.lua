-- wrk script: rotate through the search paths given after "--", one per request, and
-- print the same JSON line as report.lua. "@FILE" instead reads the paths from FILE, one
-- a line (the benchmark's thousands of unique searches). Each thread starts at its own
-- share of the list, so with as many paths as requests no path is asked twice.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

-- setup runs in the main state for every thread before any thread's init; each thread
-- gets its number and, updated as threads are added, how many there are.
local created = {}
setup = function(thread)
  thread:set("id", #created)
  created[#created + 1] = thread
  for _, t in ipairs(created) do t:set("threads", #created) end
end

local paths = {}
local next_path = 0

init = function(args)
  if args[1] and args[1]:sub(1, 1) == "@" then
    for line in io.lines(args[1]:sub(2)) do paths[#paths + 1] = line end
  else
    for _, path in ipairs(args) do paths[#paths + 1] = path end
  end
  local share = math.floor(#paths / math.max(threads or 1, 1))
  next_path = (id or 0) * share
end

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
