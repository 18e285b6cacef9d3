-- wrk script: POSTs distinct signed reports (see signatures.py): request i is head .. i .. tail with
-- the i-th X-Signature, threads taking turns, so no request is a replay of another. SIGNED holds the
-- directory signatures.py wrote. Past the last signature it starts over (then the receiver answers
-- duplicates): signatures.py is given more than a run can send.
local dir = os.getenv("SIGNED")
local threads, counter = 0, 0

local function read(name)
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  head, tail = read("head.txt"), read("tail.txt")
  sigs = {}
  for line in io.lines(dir .. "/sigs.txt") do
    sigs[#sigs + 1] = line
  end
  step = 2 -- compare.sh runs wrk with -t2
  i = id
end

function request()
  local n = i % #sigs
  i = i + step
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Signature"] = sigs[n + 1]},
    head .. n .. tail)
end
