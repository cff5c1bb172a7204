-- Ends sessions of one staff member.
-- KEYS[1] the staff member's set of session ids, then per session: its hash, its used-token set.
-- ARGV: the session ids, in the same order.
-- Returns how many ids are left in the set (sessions started meanwhile), for the caller to repeat.
for i, sid in ipairs(ARGV) do
  redis.call('DEL', KEYS[2 * i], KEYS[2 * i + 1])
  redis.call('SREM', KEYS[1], sid)
end
return redis.call('SCARD', KEYS[1])
