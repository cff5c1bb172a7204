-- Deletes one document of one tenant unless something still refers to it (or, for a tenant,
-- unless it still holds objects), releasing its references and unique values and writing the
-- audit record, atomically.
-- KEYS[1] document hash, KEYS[2] collection index, KEYS[3] audit stream, KEYS[4] the set of
-- documents referring to this one, KEYS[5..] as the plan says.
local plan = cjson.decode(ARGV[1])
local current = redis.call('HMGET', KEYS[1], 'v', 'body')
local currentVersion = tonumber(current[1]) or 0
if currentVersion == 0 then return cjson.encode({error = 'not-found'}) end
if plan.expect >= 0 and plan.expect ~= currentVersion then
  return cjson.encode({error = 'version', version = currentVersion})
end

local referrers = redis.call('SRANDMEMBER', KEYS[4], 20)
if #referrers > 0 then
  return cjson.encode({error = 'referenced', referrers = referrers, count = redis.call('SCARD', KEYS[4])})
end
local holding = {}
for _, index in ipairs(plan.emptyIndexes) do
  local count = redis.call('ZCARD', KEYS[index.key])
  if count > 0 then table.insert(holding, index.label .. '=' .. count) end
end
if #holding > 0 then return cjson.encode({error = 'not-empty', holding = holding}) end

for _, k in ipairs(plan.dropRefs) do redis.call('SREM', KEYS[k], plan.self) end
for _, release in ipairs(plan.releases) do
  if redis.call('HGET', KEYS[release.key], release.value) == plan.id then
    redis.call('HDEL', KEYS[release.key], release.value)
  end
end
redis.call('DEL', KEYS[1], KEYS[4])
redis.call('ZREM', KEYS[2], plan.id)
redis.call('XADD', KEYS[3], '*', 'at', plan.now, 'actor', plan.actor, 'action', 'delete',
  'resource', plan.self, 'version', currentVersion, 'before', current[2], 'after', 'null')
return cjson.encode({version = currentVersion})
