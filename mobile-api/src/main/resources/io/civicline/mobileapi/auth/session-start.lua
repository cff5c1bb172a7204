-- Starts a session. KEYS[1] session hash, KEYS[2] the staff member's set of session ids.
-- ARGV: sessionId, staffId, method, now, expires (ms), refreshHash, sessionTtlMs, setTtlMs
redis.call('HSET', KEYS[1], 'staff', ARGV[2], 'method', ARGV[3], 'created', ARGV[4],
  'expires', ARGV[5], 'current', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[1])
-- the set outlives every session in it; ids of ended sessions are dropped by revoke-all
redis.call('PEXPIRE', KEYS[2], ARGV[8])
return 1
