-- wrk: POST /api/v1/cities/{id}/interests with a bearer token, a random area, stance and intent (so
-- some requests create an interest, most restate one) and a fresh Idempotency-Key.
-- Arguments after "--": <token> <file of city ids, or one city id>
local ids = {}
local token
local areas = { "tourism", "heritage-protection", "creative-economy", "trade", "technology", "education",
  "economic-development", "culture", "renewable-energy", "transport" }
local stances = { "OFFER", "SEEK", "MUTUAL" }
local intents = { "SISTER_CITY", "THEMATIC_PARTNERSHIP", "KNOWLEDGE_EXCHANGE" }
local thread_tag
local n = 0

function init(args)
  token = args[1]
  local f = io.open(args[2], "r")
  if f then
    for line in f:lines() do
      if #line > 0 then ids[#ids + 1] = line end
    end
    f:close()
  else
    ids[1] = args[2]
  end
  thread_tag = tostring({}):match("0x(%x+)") or tostring(math.random(1e9))
  math.randomseed(os.time() + tonumber(thread_tag, 16) % 100000)
end

function request()
  n = n + 1
  local body = string.format('{"area":"%s","stance":"%s","intent":"%s","note":"bench"}',
    areas[math.random(#areas)], stances[math.random(#stances)], intents[math.random(#intents)])
  return wrk.format("POST", "/api/v1/cities/" .. ids[math.random(#ids)] .. "/interests", {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "wrk-" .. thread_tag .. "-" .. os.time() .. "-" .. n,
  }, body)
end
