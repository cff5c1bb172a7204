-- Records a new voicemail message, once per carrier recording, with everything that follows from
-- it in the same atomic step: the mailbox index, the count of new messages (message waiting), the
-- event notifiers consume, and the audit record.
-- KEYS: 1 message, 2 mailbox index, 3 recording-to-message map, 4 new counts, 5 events, 6 audit
-- ARGV: 1 message id, 2 message JSON, 3 received-at millis, 4 source, 5 mailbox, 6 now, 7 actor
local existing = redis.call('HGET', KEYS[3], ARGV[4])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[1])
redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
redis.call('XADD', KEYS[5], '*', 'type', 'message-received', 'message', ARGV[1], 'mailbox', ARGV[5])
redis.call('XADD', KEYS[6], '*', 'at', ARGV[6], 'actor', ARGV[7], 'action', 'create',
  'resource', 'voicemail/' .. ARGV[1], 'version', 1, 'before', 'null', 'after', ARGV[2])
return 'created'
