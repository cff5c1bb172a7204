-- Deletes a message's record (its audio is removed by the caller), unless it is under legal hold,
-- keeping its recording id so a late repeat of the carrier's callback cannot bring it back;
-- and audits the deletion with its reason.
-- KEYS: 1 message, 2 mailbox index, 3 recording-to-message map, 4 new counts, 5 audit, 6 holds
-- ARGV: 1 id, 2 now, 3 actor, 4 reason, 5 expected version ('' for any)
local current = redis.call('GET', KEYS[1])
if not current then return 'not-found' end
local message = cjson.decode(current)
if message.legalHold or redis.call('SISMEMBER', KEYS[6], message.mailbox) == 1 then return 'held' end
if ARGV[5] ~= '' and tonumber(message.version) ~= tonumber(ARGV[5]) then return 'changed' end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if message.status == 'new' then redis.call('HINCRBY', KEYS[4], message.mailbox, -1) end
redis.call('XADD', KEYS[5], '*', 'at', ARGV[2], 'actor', ARGV[3], 'action', 'delete',
  'resource', 'voicemail/' .. ARGV[1], 'version', message.version, 'before', current,
  'after', cjson.encode({reason = ARGV[4]}))
return 'ok'
