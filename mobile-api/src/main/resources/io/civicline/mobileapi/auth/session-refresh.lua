-- Rotates a session's refresh token.
-- KEYS[1] session hash, KEYS[2] set of hashes of its rotated (used) refresh tokens.
-- (An ended session's id stays in its member's set of sessions until revoke-all drops it; the
-- member is not known before this reads the session, so the set cannot be among KEYS.)
-- ARGV: sessionId, presentedHash, newHash, now (ms), idleTtlMs, maxRemembered
-- Returns {outcome, staffId, method, expires}; outcome is
--   ok       rotated: presentedHash was the current token, newHash now is
--   missing  no such session (signed out, revoked, idle too long)
--   expired  past its maximum age: ended now
--   reused   presentedHash was rotated before: someone replays a stolen token, or the thief
--            already used it; either way the whole session ends now
--   unknown  a token this session never issued: refused, the session stays (the session id is
--            no secret, it is in every access token)
local s = redis.call('HMGET', KEYS[1], 'staff', 'expires', 'current', 'method')
if not s[1] then
  return {'missing'}
end
local now = tonumber(ARGV[4])
local expires = tonumber(s[2])
local function finish()
  redis.call('DEL', KEYS[1], KEYS[2])
end
if expires <= now then
  finish()
  return {'expired', s[1]}
end
if s[3] ~= ARGV[2] then
  if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then
    finish()
    return {'reused', s[1]}
  end
  return {'unknown', s[1]}
end
redis.call('SADD', KEYS[2], ARGV[2])
if redis.call('SCARD', KEYS[2]) > tonumber(ARGV[6]) then
  -- bounded memory for very long sessions: forgetting one old hash only means that token is
  -- refused as unknown instead of ending the session
  redis.call('SPOP', KEYS[2])
end
redis.call('HSET', KEYS[1], 'current', ARGV[3])
local ttl = math.min(tonumber(ARGV[5]), expires - now)
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return {'ok', s[1], s[4], s[2]}
