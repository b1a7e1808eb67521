-- wrk: GET /api/v1/cities/{id}, the id drawn at random from the file named after "--".
local ids = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  -- a different sequence per wrk thread
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format("GET", "/api/v1/cities/" .. ids[math.random(#ids)], { ["Accept"] = "application/json" })
end
