-- One PIN attempt against one mailbox from one calling number, atomically: the lockout check, the
-- failure counters, the lock itself and its audit record. Every key is in the tenant's slot.
-- KEYS[1] mailbox failures (sorted set: member = attempt id, score = epoch ms)
-- KEYS[2] calling-number failures (same shape)
-- KEYS[3] mailbox lock, KEYS[4] calling-number lock (string: locked until, epoch ms)
-- KEYS[5] the tenant's audit stream
-- ARGV[1] mode: 'peek' (only report a lock), 'ok' (the PIN was right), 'fail' (it was wrong)
-- ARGV[2] now (epoch ms, the caller's clock), ARGV[3] window (ms), ARGV[4] failures that lock,
-- ARGV[5] attempt id, ARGV[6] slack added to key lifetimes (ms),
-- ARGV[7] now (ISO-8601), ARGV[8] actor (JSON), ARGV[9] resource, ARGV[10] mailbox,
-- ARGV[11] calling number as given, ARGV[12] locked until (ISO-8601)
-- Returns {outcome, transitioned (0/1), scopes that locked (comma-separated)}, outcome one of
-- 'locked', 'open' (peek only), 'accepted', 'rejected'.
local now = tonumber(ARGV[2])

local function lockedAt(key)
  local untilMs = tonumber(redis.call('GET', key))
  return untilMs ~= nil and untilMs > now
end

-- A lock answers before anything else and changes nothing: the right PIN is not told apart from a
-- wrong one, and attempts while locked are not counted.
if lockedAt(KEYS[3]) or lockedAt(KEYS[4]) then
  return {'locked', 0, ''}
end

local mode = ARGV[1]
if mode == 'peek' then
  return {'open', 0, ''}
end
if mode == 'ok' then
  redis.call('DEL', KEYS[1], KEYS[2])
  return {'accepted', 0, ''}
end

local window = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local slack = tonumber(ARGV[6])
local counts = {}
for i = 1, 2 do
  -- Sliding window: a failure counts while it is less than a window old.
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  redis.call('ZADD', KEYS[i], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[i], window + slack)
  counts[i] = redis.call('ZCARD', KEYS[i])
end

local scopes = {}
local names = {'mailbox', 'caller'}
for i = 1, 2 do
  if counts[i] >= limit then
    -- Locked for a whole window from this failure; by then every counted failure has aged out.
    redis.call('SET', KEYS[i + 2], now + window, 'PX', window + slack)
    table.insert(scopes, names[i])
  end
end
if #scopes == 0 then
  return {'rejected', 0, ''}
end

local after = cjson.encode({
  mailbox = ARGV[10],
  callerNumber = ARGV[11],
  lockedBy = scopes,
  lockedUntil = ARGV[12],
  failures = {mailbox = counts[1], caller = counts[2]}
})
redis.call('XADD', KEYS[5], '*', 'at', ARGV[7], 'actor', ARGV[8], 'action', 'pin-lockout',
  'resource', ARGV[9], 'version', 0, 'before', 'null', 'after', after)
return {'locked', 1, table.concat(scopes, ',')}
