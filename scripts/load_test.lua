-- wrk script for scripts/load_test.py. Each request takes the next public page from the file
-- named after `--`; each thread starts at its own place in the list. Responses that are not
-- 2xx or 3xx are counted, and the total is printed at the end for load_test.py to read.
local paths = {}
local next_path = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  next_path = (id * 7) % #paths
  bad = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status < 200 or status >= 400 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
  end
  io.write(string.format("Bad responses (not 2xx or 3xx): %d\n", total))
end
