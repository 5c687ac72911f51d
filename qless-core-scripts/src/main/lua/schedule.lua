-- Schedules: an extension, the same in both dialects, that qless clients
-- neither read nor need. A schedule is a named job definition (queue, klass,
-- data, priority, tags, retries, throttles) with either
--   * a cron expression and a time zone: the client computes every fire time
--     (Lua knows no calendar) and `schedule.fire` puts the job of one fire
--     time, or
--   * an interval: `schedule.set` keeps a qless recurring template for it
--     (`ql:r:<jid>`), which every qless client spawns as usual.
--
-- Keys:
--   ql:sched:<name>      hash: the definition as given (`definition`, JSON
--                        text, compared by `schedule.set`), its fields, and
--                        the state: `next` and `last` fire times (seconds
--                        since the epoch), `last-jid`, `last-put`, `fired`,
--                        `skipped`, `triggered`, `paused`, `created`,
--                        `updated`
--   ql:schedules         sorted set: the cron schedules that are not paused,
--                        by next fire time; read by `schedule.due`
--   ql:schedules:names   sorted set: every schedule name, score 0, listed in
--                        name order by `schedule.list`
--
-- Exactly one job per fire time: `schedule.fire <name> <T> <next> <jid>`
-- puts a job only while the stored next fire time is T, and moves it to
-- `next` in the same call; the caller derives `jid` from (name, T), so a call
-- sent again after its reply was lost finds the job and puts nothing.
--
-- Every command reads or writes a fixed number of keys, except `schedule.due`
-- and `schedule.list`, which read one hash per schedule they return.

-- Most schedules one `schedule.due` or `schedule.list` returns.

elseif name == 'Schedule' then
  local S = module
  local SCHEDULE_BATCH = 1000
  local MISFIRE = { ['fire-once'] = true, ['skip'] = true, ['fire-all'] = true }

  local function schedule_name(name)
    if not name or name == '' then
      error('Schedule(): Arg "name" missing')
    end
    return name
  end

  local function number_arg(value, what)
    local number = tonumber(value)
    if not number then
      error('Schedule(): Arg "' .. what .. '" not a number: ' .. tostring(value))
    end
    return number
  end

  local function text_field(definition, field)
    local value = definition[field]
    if type(value) ~= 'string' or value == '' then
      error('Schedule(): definition field "' .. field .. '" missing or not a string')
    end
    return value
  end

  local function list_field(definition, field)
    local value = definition[field]
    if value == nil then
      return {}
    end
    if type(value) ~= 'table' then
      error('Schedule(): definition field "' .. field .. '" not a JSON array')
    end
    for i = 1, #value do
      value[i] = tostring(value[i])
    end
    return value
  end

  -- Reads and checks a definition: JSON text with `type` (cron or interval),
  -- `queue`, `klass`, `data` (JSON text), optional `priority`, `retries`,
  -- `tags`, `throttles`, `misfire`; cron schedules have `cron` and `zone`,
  -- interval schedules `interval` (seconds), `jid` (of the template) and
  -- optional `backlog`.
  local function read_definition(text)
    if not text then
      error('Schedule(): Arg "definition" missing')
    end
    local ok, definition = pcall(decode, text)
    if not ok or type(definition) ~= 'table' then
      error('Schedule(): Arg "definition" not a JSON object: ' .. tostring(text))
    end
    local kind = definition['type']
    if kind ~= 'cron' and kind ~= 'interval' then
      error('Schedule(): definition type "' .. tostring(kind) .. '" unknown')
    end
    local d = { type = kind, queue = text_field(definition, 'queue'), klass = text_field(definition, 'klass'),
      data = text_field(definition, 'data'), tags = list_field(definition, 'tags'),
      throttles = list_field(definition, 'throttles'), misfire = definition['misfire'] or 'fire-once' }
    local parsed, data = pcall(decode, d.data)
    if not parsed or data == nil then
      error('Schedule(): definition field "data" not JSON: ' .. d.data)
    end
    if not MISFIRE[d.misfire] then
      error('Schedule(): misfire policy "' .. tostring(d.misfire) .. '" unknown')
    end
    d.priority = number_arg(definition['priority'] or 0, 'priority')
    if definition['retries'] ~= nil then
      d.retries = number_arg(definition['retries'], 'retries')
    end
    if kind == 'cron' then
      d.cron, d.zone = text_field(definition, 'cron'), text_field(definition, 'zone')
    else
      d.interval = number_arg(definition['interval'], 'interval')
      if d.interval <= 0 then
        error('Schedule(): Arg "interval" must be greater than 0')
      end
      d.jid = text_field(definition, 'jid')
      d.backlog = number_arg(definition['backlog'] or 0, 'backlog')
    end
    return d
  end

  -- The `put` of the calling dialect, of the job `jid` from the fields `f`
  -- (queue, klass, data, priority, tags, retries, throttles) of a schedule.
  local function put_job(now, jid, f)
    local argv = { 'put', now, '', f[1], jid, f[2], f[3], 0, 'priority', f[4], 'tags', f[5] }
    if f[6] then
      argv[#argv + 1] = 'retries'
      argv[#argv + 1] = f[6]
    end
    if f[7] and f[7] ~= '[]' and f[7] ~= '{}' then
      argv[#argv + 1] = 'throttles'
      argv[#argv + 1] = f[7]
    end
    return M.QueueCommands['put'](now, argv)
  end

  local function put_fields(key)
    return call('hmget', key, 'queue', 'klass', 'data', 'priority', 'tags', 'retries', 'throttles')
  end

  -- The qless recurring template of an interval schedule. `old` is the
  -- template's next spawn time before a change: kept unless the new
  -- interval comes sooner.
  local function recur(now, d, old, paused)
    local argv = { 'recur', now, d.queue, d.jid, d.klass, d.data, 'interval', d.interval, 0,
      'priority', d.priority, 'tags', encode(d.tags), 'backlog', d.backlog, 'retries', d.retries or 5 }
    if #d.throttles > 0 then
      argv[#argv + 1] = 'throttles'
      argv[#argv + 1] = encode(d.throttles)
    end
    M.Recurring['recur'](now, argv)
    local rkey = K .. 'r:' .. d.jid
    if state.dialect.always_lists_throttles and not call('hget', rkey, 'throttles') then
      -- The reqless template shape: the queue's throttle always listed.
      call('hset', rkey, 'throttles', encode({ K .. 'q:' .. d.queue }))
    end
    local set = K .. 'q:' .. d.queue .. '-recur'
    if paused then
      call('zrem', set, d.jid)
    elseif old and old < now + d.interval then
      call('zadd', set, old, d.jid)
    end
  end

  local function unrecur(jid, queue)
    if jid then
      if queue then
        call('zrem', K .. 'q:' .. queue .. '-recur', jid)
      end
      call('del', K .. 'r:' .. jid)
    end
  end

  -- schedule.set <name> <definition> [<next>]: creates or changes a schedule
  -- and answers `created`, `updated` or `unchanged` (the stored definition
  -- text is the same: nothing is written). A cron schedule needs `next`, its
  -- first fire time, used when it is created or its cron or zone changes;
  -- otherwise it keeps its stored next fire time. An interval schedule
  -- (re)writes its recurring template, keeping its count and its next spawn
  -- time unless the new interval comes sooner.
  S['schedule.set'] = function(now, argv)
    local name, text = schedule_name(argv[3]), argv[4]
    local d = read_definition(text)
    local key = K .. 'sched:' .. name
    local old = call('hmget', key, 'definition', 'type', 'paused', 'jid', 'queue', 'next', 'cron', 'zone')
    local paused = old[3] == '1'
    if old[1] == text then
      if d.type == 'interval' and call('exists', K .. 'r:' .. d.jid) == 0 then
        -- Deleted by another client: made again.
        recur(now, d, nil, paused)
        return 'updated'
      end
      return 'unchanged'
    end
    local next = nil
    if d.type == 'cron' then
      if old[2] == 'cron' and old[7] == d.cron and old[8] == d.zone then
        next = tonumber(old[6])
      end
      next = next or number_arg(argv[5], 'next')
    end
    local old_score = nil
    if old[2] == 'interval' then
      old_score = tonumber(call('zscore', K .. 'q:' .. old[5] .. '-recur', old[4]))
      if d.type ~= 'interval' or d.jid ~= old[4] then
        unrecur(old[4], old[5])
        old_score = nil
      end
    elseif old[2] == 'cron' and d.type ~= 'cron' then
      call('zrem', K .. 'schedules', name)
      call('hdel', key, 'next', 'cron', 'zone')
    end
    if d.type == 'cron' then
      call('hdel', key, 'interval', 'jid', 'backlog')
    end
    local status = old[1] and 'updated' or 'created'
    call('hset', key, 'name', name, 'definition', text, 'type', d.type, 'queue', d.queue, 'klass', d.klass,
      'data', d.data, 'priority', d.priority, 'tags', encode(d.tags), 'throttles', encode(d.throttles),
      'misfire', d.misfire, 'updated', now)
    if d.retries then
      call('hset', key, 'retries', d.retries)
    else
      call('hdel', key, 'retries')
    end
    if not old[1] then
      call('hset', key, 'created', now)
    end
    call('zadd', K .. 'schedules:names', 0, name)
    if d.type == 'cron' then
      call('hset', key, 'cron', d.cron, 'zone', d.zone, 'next', next)
      if not paused then
        call('zadd', K .. 'schedules', next, name)
      end
    else
      call('hset', key, 'interval', d.interval, 'jid', d.jid, 'backlog', d.backlog)
      recur(now, d, old_score, paused)
    end
    return status
  end

  -- The JSON object of one schedule, or nil.
  local function render(name)
    local f = call('hmget', K .. 'sched:' .. name, 'type', 'cron', 'zone', 'interval', 'jid', 'misfire', 'queue',
      'klass', 'data', 'priority', 'tags', 'retries', 'throttles', 'next', 'last', 'last-jid', 'last-put', 'fired',
      'skipped', 'triggered', 'paused', 'created', 'updated', 'backlog')
    if not f[1] then
      return nil
    end
    local s = { name = name, type = f[1], misfire = f[6], queue = f[7], klass = f[8], data = f[9],
      priority = tonumber(f[10]), tags = decode(f[11] or '[]'), retries = tonumber(f[12]),
      throttles = decode(f[13] or '[]'), paused = f[21] == '1', fired = tonumber(f[18] or 0),
      skipped = tonumber(f[19] or 0), triggered = tonumber(f[20] or 0), created = tonumber(f[22]),
      updated = tonumber(f[23]) }
    if f[1] == 'cron' then
      s.cron, s.zone = f[2], f[3]
      s.next, s.last, s['last-jid'], s['last-put'] = tonumber(f[14]), tonumber(f[15]), f[16], tonumber(f[17])
    else
      local interval = tonumber(f[4])
      s.interval, s.jid, s.backlog = interval, f[5], tonumber(f[24] or 0)
      local count = tonumber(call('hget', K .. 'r:' .. f[5], 'count') or 0)
      s.fired = count
      local next = tonumber(call('zscore', K .. 'q:' .. f[7] .. '-recur', f[5]))
      s.next = next
      if count > 0 then
        s['last-jid'] = f[5] .. '-' .. count
        if next then
          s.last = next - interval
        end
      end
    end
    return s
  end

  S['schedule.get'] = function(now, argv)
    local s = render(schedule_name(argv[3]))
    return s and encode(s)
  end

  -- schedule.list [offset] [count]: {"total": n, "schedules": [...]} in name
  -- order, at most 1000 per call.
  S['schedule.list'] = function(now, argv)
    local offset, count = M.SharedRare.paging(argv, 3, 'Schedule', 'count')
    count = math.min(count, SCHEDULE_BATCH)
    local schedules = {}
    if count > 0 then
      local names = call('zrange', K .. 'schedules:names', offset, offset + count - 1)
      for i = 1, #names do
        schedules[#schedules + 1] = render(names[i])
      end
    end
    return encode({ total = call('zcard', K .. 'schedules:names'), schedules = schedules })
  end
  S['schedules.list'] = S['schedule.list']

  -- schedule.due [limit]: the cron schedules whose next fire time is at or
  -- before now, earliest first, at most `limit` (100 by default, 1000 at
  -- most): {"due": [{name, next, cron, zone, misfire}...], "next": <the
  -- earliest later fire time, absent if none>}.
  S['schedule.due'] = function(now, argv)
    local limit = math.min(number_arg(argv[3] or 100, 'limit'), SCHEDULE_BATCH)
    local due = {}
    if limit > 0 then
      local names = call('zrangebyscore', K .. 'schedules', '-inf', now, 'LIMIT', 0, limit)
      for i = 1, #names do
        local f = call('hmget', K .. 'sched:' .. names[i], 'next', 'cron', 'zone', 'misfire')
        due[#due + 1] = { name = names[i], next = tonumber(f[1]), cron = f[2], zone = f[3], misfire = f[4] }
      end
    end
    local later = call('zrangebyscore', K .. 'schedules', '(' .. now, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    return encode({ due = due, next = tonumber(later[2]) })
  end
  S['schedules.due'] = S['schedule.due']

  -- Compare-and-set of a cron schedule's next fire time: the reason it is not
  -- `t`, or nil.
  local function not_due(now, key, t)
    local f = call('hmget', key, 'type', 'next', 'paused')
    if not f[1] then
      return 'unknown', nil
    end
    if f[1] ~= 'cron' then
      error('Schedule(): ' .. string.sub(key, #K + 7) .. ' is not a cron schedule')
    end
    local next = tonumber(f[2])
    if f[3] == '1' then
      return 'paused', next
    end
    if next ~= t or t > now then
      return 'not-due', next
    end
    return nil, next
  end

  local function fire_times(argv)
    local t, next = number_arg(argv[4], 'time'), number_arg(argv[5], 'next')
    if next <= t then
      error('Schedule(): Arg "next" must be after "time": ' .. argv[5])
    end
    return t, next
  end

  -- schedule.fire <name> <T> <next> <jid>: puts the job `jid` as `put` does
  -- and moves the next fire time to `next`, only if the stored next fire
  -- time is T (and T is not after now). Answers {"fired": true, "jid",
  -- "next"} or {"fired": false, "reason": "already-fired" (the job `jid`
  -- exists; if the stored next fire time was still T, it moves to `next`) |
  -- "not-due" | "paused" | "unknown", "next": <stored>}.
  S['schedule.fire'] = function(now, argv)
    local name = schedule_name(argv[3])
    local t, next = fire_times(argv)
    local jid = argv[6]
    if not jid or jid == '' then
      error('Schedule(): Arg "jid" missing')
    end
    local key = K .. 'sched:' .. name
    local reason, stored = not_due(now, key, t)
    if reason ~= 'unknown' and call('exists', K .. 'j:' .. jid) == 1 then
      if not reason then
        call('hset', key, 'next', next)
        call('zadd', K .. 'schedules', next, name)
        stored = next
      end
      reason = 'already-fired'
    end
    if reason then
      return encode({ fired = false, reason = reason, jid = jid, next = stored })
    end
    put_job(now, jid, put_fields(key))
    call('hset', key, 'next', next, 'last', t, 'last-jid', jid, 'last-put', now)
    call('hincrby', key, 'fired', 1)
    call('zadd', K .. 'schedules', next, name)
    return encode({ fired = true, jid = jid, next = next })
  end

  -- schedule.skip <name> <T> <next> [<count>]: moves the next fire time from
  -- T to `next` without a job (a misfire policy skipped `count` fire times,
  -- 1 by default). Answers {"skipped": true, "next"} or {"skipped": false,
  -- "reason", "next": <stored>}.
  S['schedule.skip'] = function(now, argv)
    local name = schedule_name(argv[3])
    local t, next = fire_times(argv)
    local count = number_arg(argv[6] or 1, 'count')
    local key = K .. 'sched:' .. name
    local reason, stored = not_due(now, key, t)
    if reason then
      return encode({ skipped = false, reason = reason, next = stored })
    end
    call('hset', key, 'next', next)
    call('hincrby', key, 'skipped', count)
    call('zadd', K .. 'schedules', next, name)
    return encode({ skipped = true, next = next })
  end

  -- schedule.trigger <name> <jid>: puts one job of the schedule now, leaving
  -- its fire times alone. Answers the jid, or nil for an unknown schedule.
  S['schedule.trigger'] = function(now, argv)
    local name, jid = schedule_name(argv[3]), argv[4]
    if not jid or jid == '' then
      error('Schedule(): Arg "jid" missing')
    end
    local key = K .. 'sched:' .. name
    local f = put_fields(key)
    if not f[1] then
      return nil
    end
    put_job(now, jid, f)
    call('hincrby', key, 'triggered', 1)
    return jid
  end

  -- schedule.pause <name>: no job is put until it is resumed (a cron
  -- schedule leaves `ql:schedules`, an interval schedule's template its
  -- queue's recurring set). Answers the schedule, or nil if unknown.
  S['schedule.pause'] = function(now, argv)
    local name = schedule_name(argv[3])
    local key = K .. 'sched:' .. name
    local f = call('hmget', key, 'type', 'jid', 'queue', 'paused')
    if not f[1] then
      return nil
    end
    if f[4] ~= '1' then
      call('hset', key, 'paused', '1')
      if f[1] == 'cron' then
        call('zrem', K .. 'schedules', name)
      else
        local set = K .. 'q:' .. f[3] .. '-recur'
        local score = call('zscore', set, f[2])
        if score then
          call('hset', key, 'paused-next', score)
          call('zrem', set, f[2])
        end
      end
    end
    return encode(render(name))
  end

  -- schedule.resume <name> [<next>]: fire times that passed while paused are
  -- skipped. A cron schedule keeps its stored next fire time if that is
  -- still to come, else takes `next`; an interval schedule's template comes
  -- back at its first spawn time from now on. Answers the schedule, or nil.
  S['schedule.resume'] = function(now, argv)
    local name = schedule_name(argv[3])
    local key = K .. 'sched:' .. name
    local f = call('hmget', key, 'type', 'jid', 'queue', 'paused', 'next', 'interval', 'paused-next')
    if not f[1] then
      return nil
    end
    if f[4] == '1' then
      if f[1] == 'cron' then
        local next = tonumber(f[5])
        if not next or next < now then
          next = number_arg(argv[4], 'next')
        end
        call('hset', key, 'next', next)
        call('zadd', K .. 'schedules', next, name)
      else
        local interval = tonumber(f[6])
        local next = tonumber(f[7]) or now
        if next < now then
          next = next + math.ceil((now - next) / interval) * interval
        end
        call('zadd', K .. 'q:' .. f[3] .. '-recur', next, f[2])
      end
      call('hdel', key, 'paused', 'paused-next')
    end
    return encode(render(name))
  end

  -- schedule.delete <name>: removes the schedule (and an interval schedule's
  -- template); jobs it put stay. Answers 1, or 0 if unknown.
  S['schedule.delete'] = function(now, argv)
    local name = schedule_name(argv[3])
    local key = K .. 'sched:' .. name
    local f = call('hmget', key, 'type', 'jid', 'queue')
    call('zrem', K .. 'schedules', name)
    call('zrem', K .. 'schedules:names', name)
    if not f[1] then
      return 0
    end
    if f[1] == 'interval' then
      unrecur(f[2], f[3])
    end
    call('del', key)
    return 1
  end
