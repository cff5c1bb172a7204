-- Creates or replaces one document of one tenant, atomically with everything that depends on it:
-- the version check, the references it makes (which must exist), unique values it claims, the
-- collection index and the audit record. Every key lives in the tenant's hash-tag slot.
-- KEYS[1] document hash, KEYS[2] collection index, KEYS[3] audit stream, KEYS[4..] as the plan says.
local plan = cjson.decode(ARGV[1])
local current = redis.call('HMGET', KEYS[1], 'v', 'body', 'created')
local currentVersion = tonumber(current[1]) or 0

if plan.expect ~= currentVersion then
  if plan.expect == 0 then return cjson.encode({error = 'exists'}) end
  if currentVersion == 0 then return cjson.encode({error = 'not-found'}) end
  return cjson.encode({error = 'version', version = currentVersion})
end

local missing = {}
for _, ref in ipairs(plan.refs) do
  if redis.call('EXISTS', KEYS[ref.target]) == 0 then table.insert(missing, ref.field) end
end
if #missing > 0 then return cjson.encode({error = 'missing-ref', fields = missing}) end

for _, claim in ipairs(plan.claims) do
  local owner = redis.call('HGET', KEYS[claim.key], claim.value)
  if owner and owner ~= plan.id then
    return cjson.encode({error = 'unique', field = claim.field, value = claim.value, owner = owner})
  end
end

for _, ref in ipairs(plan.refs) do redis.call('SADD', KEYS[ref.refs], plan.self) end
for _, k in ipairs(plan.dropRefs) do redis.call('SREM', KEYS[k], plan.self) end
for _, claim in ipairs(plan.claims) do redis.call('HSET', KEYS[claim.key], claim.value, plan.id) end
for _, release in ipairs(plan.releases) do
  if redis.call('HGET', KEYS[release.key], release.value) == plan.id then
    redis.call('HDEL', KEYS[release.key], release.value)
  end
end

local version = currentVersion + 1
local created = current[3] or plan.now
redis.call('HSET', KEYS[1], 'v', version, 'body', plan.body, 'refs', plan.refsJson,
  'uniq', plan.uniqJson, 'created', created, 'updated', plan.now)
redis.call('ZADD', KEYS[2], 0, plan.id)
redis.call('XADD', KEYS[3], '*', 'at', plan.now, 'actor', plan.actor,
  'action', currentVersion == 0 and 'create' or 'update', 'resource', plan.self,
  'version', version, 'before', current[2] or 'null', 'after', plan.body)
return cjson.encode({version = version, created = created, updated = plan.now})
