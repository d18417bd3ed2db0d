-- wrk script: each connection waits a fixed pause (milliseconds, the first argument after
-- `--`) before each request, so N connections offer about N * 1000 / (pause + latency)
-- requests per second instead of as many as the server can take.
local pause = 0

function init(args)
  pause = tonumber(args[1]) or 0
end

function delay()
  return pause
end
