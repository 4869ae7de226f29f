-- wrk script for the mixed benchmark: a random path from the file named after "--" per
-- request, and a count of the answers by their X-Bench-Rendered header (benchmarks/probe.py):
-- 1 = rendered from the database, 0 = served without asking it (the page cache).
local paths = {}
local threads = {}

setup = function(thread)
  thread:set("seed", #threads + 1)
  threads[#threads + 1] = thread
end

init = function(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() * 100 + seed)
  rendered, cached, unmarked = 0, 0, 0
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

response = function(status, headers, body)
  local flag = headers["X-Bench-Rendered"] or headers["x-bench-rendered"]
  if flag == "1" then
    rendered = rendered + 1
  elseif flag == "0" then
    cached = cached + 1
  else
    unmarked = unmarked + 1
  end
end

done = function(summary, latency, requests)
  local r, c, u = 0, 0, 0
  for _, thread in ipairs(threads) do
    r = r + thread:get("rendered")
    c = c + thread:get("cached")
    u = u + thread:get("unmarked")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d, "non2xx": %d, "rendered": %d, "cached": %d, "unmarked": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, r, c, u))
end
