-- Replaces a message if it is still at the expected version, keeping the mailbox index and the
-- new-message counts right when it moves mailbox or status, and audits the change.
-- KEYS: 1 message, 2 old mailbox index, 3 new mailbox index, 4 new counts, 5 audit, 6 events
-- ARGV: 1 expected version, 2 new JSON, 3 received-at millis, 4 id, 5 now, 6 actor, 7 action
local current = redis.call('GET', KEYS[1])
if not current then return 'not-found' end
local old = cjson.decode(current)
if tonumber(old.version) ~= tonumber(ARGV[1]) then return 'version:' .. old.version end
local new = cjson.decode(ARGV[2])
redis.call('SET', KEYS[1], ARGV[2])
if old.mailbox ~= new.mailbox then
  redis.call('ZREM', KEYS[2], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  redis.call('XADD', KEYS[6], '*', 'type', 'message-received', 'message', ARGV[4], 'mailbox', new.mailbox)
end
if old.status == 'new' then redis.call('HINCRBY', KEYS[4], old.mailbox, -1) end
if new.status == 'new' then redis.call('HINCRBY', KEYS[4], new.mailbox, 1) end
redis.call('XADD', KEYS[5], '*', 'at', ARGV[5], 'actor', ARGV[6], 'action', ARGV[7],
  'resource', 'voicemail/' .. ARGV[4], 'version', new.version, 'before', current, 'after', ARGV[2])
return 'ok'
