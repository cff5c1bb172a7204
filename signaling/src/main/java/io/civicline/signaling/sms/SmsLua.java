package io.civicline.signaling.sms;

import io.civicline.core.redis.LuaScript;

/**
 * The Lua scripts of texting: each change of a town's texts is one script, so a thread, its
 * message, the resident's opt-out and the text queued in reply are written together or not at all.
 * Every key a script touches is passed in KEYS (all on the town's slot).
 */
final class SmsLua {
  private SmsLua() {}

  private static final String COMMON =
      """
      local function hsetAll(key, fields)
        for k, v in pairs(fields) do redis.call('HSET', key, k, v) end
      end
      -- A text joins its number's queue; the number becomes due when its pacing allows.
      local function enqueue(queue, due, pace, jobs, number, id, job, now)
        redis.call('HSET', jobs, id, job)
        redis.call('RPUSH', queue, id)
        local nextAt = tonumber(redis.call('HGET', pace, number) or '0')
        if nextAt < now then nextAt = now end
        redis.call('ZADD', due, 'NX', nextAt, number)
      end
      """;

  /**
   * KEYS: msg, thread, threadMsgs, deptThreads, optout, lang, replyMsg, queue, due, pace, jobs,
   * talking. ARGV: msgFields, now, msgId, threadId, department, resident, townNumber, language,
   * command, replyFields ('' for none), replyId, replyJob, replyKind, autoReplyGapMs.
   */
  static final LuaScript INBOUND =
      new LuaScript(
          COMMON
              + """
              if redis.call('EXISTS', KEYS[1]) == 1 then return 'duplicate' end
              local now = tonumber(ARGV[2])
              hsetAll(KEYS[1], cjson.decode(ARGV[1]))
              if redis.call('EXISTS', KEYS[2]) == 0 then
                redis.call('HSET', KEYS[2], 'id', ARGV[4], 'department', ARGV[5],
                  'resident', ARGV[6], 'createdAt', ARGV[2])
              end
              redis.call('HSET', KEYS[2], 'townNumber', ARGV[7], 'language', ARGV[8],
                'lastMessage', ARGV[3], 'updatedAt', ARGV[2])
              -- A resident writing again on a handled thread expects an answer: it is open again.
              if ARGV[9] == '' and redis.call('HGET', KEYS[2], 'status') == 'handled' then
                redis.call('HSET', KEYS[2], 'status', 'open')
                redis.call('HDEL', KEYS[2], 'handledAt')
                redis.call('HINCRBY', KEYS[2], 'version', 1)
              end
              redis.call('RPUSH', KEYS[3], ARGV[3])
              redis.call('ZADD', KEYS[4], now, ARGV[4])
              redis.call('HSET', KEYS[6], ARGV[6], ARGV[8])
              local optKey = ARGV[7] .. '|' .. ARGV[6]
              redis.call('HSET', KEYS[12], optKey, ARGV[5] .. '|' .. ARGV[2])
              if ARGV[9] == 'stop' then
                redis.call('HSET', KEYS[5], optKey, ARGV[2])
              elseif ARGV[9] == 'start' then
                redis.call('HDEL', KEYS[5], optKey)
              end
              if ARGV[10] == '' then return 'stored' end
              -- Nothing is ever queued for a resident who opted out of this number.
              if redis.call('HEXISTS', KEYS[5], optKey) == 1 then return 'stored' end
              if ARGV[13] == 'auto-reply' then
                -- One "we are closed" per thread per gap, however many texts arrive meanwhile.
                local last = tonumber(redis.call('HGET', KEYS[2], 'autoReplyAt') or '0')
                if now - last < tonumber(ARGV[14]) then return 'stored' end
                redis.call('HSET', KEYS[2], 'autoReplyAt', ARGV[2])
              end
              hsetAll(KEYS[7], cjson.decode(ARGV[10]))
              redis.call('RPUSH', KEYS[3], ARGV[11])
              redis.call('HSET', KEYS[2], 'lastMessage', ARGV[11])
              enqueue(KEYS[8], KEYS[9], KEYS[10], KEYS[11], ARGV[7], ARGV[11], ARGV[12], now)
              return 'replied'
              """);

  /**
   * KEYS: msg, thread, threadMsgs, deptThreads, optout, queue, due, pace, jobs, talking. ARGV:
   * fields, now, msgId, threadId, optKey, townNumber, job, department.
   */
  static final LuaScript REPLY =
      new LuaScript(
          COMMON
              + """
              if redis.call('EXISTS', KEYS[2]) == 0 then return 'no-thread' end
              if redis.call('EXISTS', KEYS[1]) == 1 then return 'duplicate' end
              if redis.call('HEXISTS', KEYS[5], ARGV[5]) == 1 then return 'opted-out' end
              local now = tonumber(ARGV[2])
              hsetAll(KEYS[1], cjson.decode(ARGV[1]))
              redis.call('RPUSH', KEYS[3], ARGV[3])
              redis.call('HSET', KEYS[2], 'lastMessage', ARGV[3], 'updatedAt', ARGV[2])
              redis.call('ZADD', KEYS[4], now, ARGV[4])
              -- The resident's answer to this reply belongs in this thread.
              redis.call('HSET', KEYS[10], ARGV[5], ARGV[8] .. '|' .. ARGV[2])
              enqueue(KEYS[6], KEYS[7], KEYS[8], KEYS[9], ARGV[6], ARGV[3], ARGV[7], now)
              return 'queued'
              """);

  /**
   * Staff triage of a thread: assignment, handled or open, note; only at the expected version when
   * one is given, and audited like a voicemail change. A change that changes nothing writes
   * nothing.
   *
   * <p>KEYS: thread, audit. ARGV: expected version ('' = any), assign ('' = keep, 'set', 'clear'),
   * assignee, status ('' = keep, 'open', 'handled'), note ('' = keep, 'set', 'clear'), note text,
   * now millis, now ISO, actor JSON, action, thread id. Answers 'not-found', 'version:<n>',
   * 'unchanged' or 'ok'.
   */
  static final LuaScript TRIAGE =
      new LuaScript(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
          local function state()
            local v = redis.call('HMGET', KEYS[1], 'assignedTo', 'status', 'note', 'version')
            return {assignedTo = v[1] or nil, status = v[2] or 'open', note = v[3] or nil,
              version = tonumber(v[4] or '0')}
          end
          local before = state()
          if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= before.version then
            return 'version:' .. before.version
          end
          if ARGV[2] == 'set' then redis.call('HSET', KEYS[1], 'assignedTo', ARGV[3])
          elseif ARGV[2] == 'clear' then redis.call('HDEL', KEYS[1], 'assignedTo') end
          if ARGV[4] == 'handled' and before.status ~= 'handled' then
            redis.call('HSET', KEYS[1], 'status', 'handled', 'handledAt', ARGV[7])
          elseif ARGV[4] == 'open' and before.status == 'handled' then
            redis.call('HSET', KEYS[1], 'status', 'open')
            redis.call('HDEL', KEYS[1], 'handledAt')
          end
          if ARGV[5] == 'set' then redis.call('HSET', KEYS[1], 'note', ARGV[6])
          elseif ARGV[5] == 'clear' then redis.call('HDEL', KEYS[1], 'note') end
          local after = state()
          if after.assignedTo == before.assignedTo and after.status == before.status
              and after.note == before.note then
            return 'unchanged'
          end
          after.version = before.version + 1
          redis.call('HSET', KEYS[1], 'version', after.version)
          redis.call('XADD', KEYS[2], '*', 'at', ARGV[8], 'actor', ARGV[9], 'action', ARGV[10],
            'resource', 'sms-threads/' .. ARGV[11], 'version', after.version,
            'before', cjson.encode(before), 'after', cjson.encode(after))
          return 'ok'
          """);

  /**
   * A status from Twilio or from the sender. Statuses only move forward (callbacks arrive out of
   * order; a late "sent" must not undo "delivered"), and the first final one stays.
   *
   * <p>KEYS: msg [, inflight, jobs]. ARGV: status, now, errorCode, errorMessage, twilioSid, msgId.
   * With the queue keys the message also leaves the queue (the sender is done with it).
   */
  static final LuaScript STATUS =
      new LuaScript(
          """
          local rank = {pending=0, accepted=1, scheduled=1, queued=1, sending=2, sent=3,
            delivered=4, undelivered=4, failed=4, canceled=4}
          if #KEYS == 3 then
            redis.call('ZREM', KEYS[2], ARGV[6])
            redis.call('HDEL', KEYS[3], ARGV[6])
          end
          if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown' end
          if ARGV[5] ~= '' and not redis.call('HGET', KEYS[1], 'twilioSid') then
            redis.call('HSET', KEYS[1], 'twilioSid', ARGV[5])
          end
          local current = redis.call('HGET', KEYS[1], 'status')
          if (rank[ARGV[1]] or -1) <= (rank[current] or 0) then return 'stale' end
          redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updatedAt', ARGV[2])
          if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'errorCode', ARGV[3]) end
          if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'errorMessage', ARGV[4]) end
          return 'updated'
          """);

  /**
   * Takes the next text of each due number, at most one per number, and paces the number. A text to
   * a resident who opted out is handed back flagged, so the sender marks it failed without sending.
   *
   * <p>KEYS: due, pace, inflight, jobs, optout, queue of each number. ARGV: now, intervalMs,
   * leaseMs, each number. Answers id, job, blocked ('1'/'0') triples.
   */
  static final LuaScript CLAIM =
      new LuaScript(
          """
          local now = tonumber(ARGV[1])
          local out = {}
          for i = 4, #ARGV do
            local number = ARGV[i]
            local queue = KEYS[i + 2]
            local due = redis.call('ZSCORE', KEYS[1], number)
            if due and tonumber(due) <= now then
              local id = redis.call('LPOP', queue)
              local job = id and redis.call('HGET', KEYS[4], id)
              local nextAt = now
              if job then
                local to = cjson.decode(job).to
                local blocked = redis.call('HEXISTS', KEYS[5], number .. '|' .. to) == 1
                redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), id)
                if not blocked then
                  nextAt = now + tonumber(ARGV[2])
                  redis.call('HSET', KEYS[2], number, string.format('%d', nextAt))
                end
                table.insert(out, id)
                table.insert(out, job)
                table.insert(out, blocked and '1' or '0')
              end
              if redis.call('LLEN', queue) > 0 then
                redis.call('ZADD', KEYS[1], nextAt, number)
              else
                redis.call('ZREM', KEYS[1], number)
              end
            end
          end
          return out
          """);

  /**
   * Puts a text back at the head of its number's queue and holds the number until {@code
   * notBefore}: order is kept, and the back-off applies to what follows it too.
   *
   * <p>KEYS: inflight, jobs, due, pace, queue. ARGV: id, job, notBefore, number, expiredBy ('' =
   * unconditionally; else only when the lease ended by then, for recovery after a crash).
   */
  static final LuaScript REQUEUE =
      new LuaScript(
          """
          local lease = redis.call('ZSCORE', KEYS[1], ARGV[1])
          if not lease then return 'gone' end
          if ARGV[5] ~= '' and tonumber(lease) > tonumber(ARGV[5]) then return 'leased' end
          redis.call('ZREM', KEYS[1], ARGV[1])
          redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
          redis.call('LPUSH', KEYS[5], ARGV[1])
          redis.call('HSET', KEYS[4], ARGV[4], ARGV[3])
          redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
          return 'requeued'
          """);
}
