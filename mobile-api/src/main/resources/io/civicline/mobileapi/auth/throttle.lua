-- One throttle counter (a hash: failures, lockedUntil) for a sign-in key.
-- KEYS[1] counter; ARGV: mode, now (ms), limit, firstLockMs, maxLockMs, windowMs
-- mode 'attempt': refuses (returns 0) while locked; otherwise counts the attempt as a failure up
--   front, so parallel guesses cannot all slip in before the first one fails, locks when the
--   count reaches the limit, and returns 1.
-- mode 'success': 'clear' forgets the counter; 'undo' takes back this attempt's count only.
local key = KEYS[1]
local mode = ARGV[1]
local now = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local firstLock = tonumber(ARGV[4])
local maxLock = tonumber(ARGV[5])
local window = tonumber(ARGV[6])

if mode == 'clear' then
  redis.call('DEL', key)
  return 1
end

local failures = tonumber(redis.call('HGET', key, 'failures') or '0')
local lockedUntil = tonumber(redis.call('HGET', key, 'lockedUntil') or '0')

if mode == 'undo' then
  if failures <= 1 then
    redis.call('DEL', key)
  else
    redis.call('HSET', key, 'failures', failures - 1)
    if failures - 1 < limit then
      redis.call('HSET', key, 'lockedUntil', 0)
    end
  end
  return 1
end

if lockedUntil > now then
  return 0
end
failures = failures + 1
local ttl = window
if failures >= limit then
  -- doubles with every failure past the limit: 1, 2, 4 ... minutes, up to the cap
  local lock = firstLock * math.pow(2, math.min(failures - limit, 30))
  if lock > maxLock then lock = maxLock end
  lockedUntil = now + lock
  ttl = window + lock
end
redis.call('HSET', key, 'failures', failures, 'lockedUntil', lockedUntil)
redis.call('PEXPIRE', key, ttl)
return 1
