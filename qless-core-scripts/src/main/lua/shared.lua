-- Procedures shared by the modules: scores, day bins, argument checks, the
-- `ready` announcements, tracking, and the qless dialect's hook functions.

-- Work-queue score: higher priority first, then earlier insert time.
local function work_score(priority, t)
  return priority - (t / 10000000000)
end

-- Start of the UTC day containing `t`, used in stats keys.
local function day_bin(t)
  return t - (t % 86400)
end

-- Reads `name value` pairs from argv[first..]; the last value of a repeated
-- name wins. A name without a value reads as absent.
local function read_options(argv, first)
  local options = {}
  for i = first, #argv, 2 do
    options[argv[i]] = argv[i + 1]
  end
  return options
end

-- `put`, `requeue` and `recur` reject an odd number of trailing arguments.
-- The reference prints the address of its argument table here.
local function check_even(argv, first)
  if (#argv - first + 1) % 2 == 1 then
    error('Odd number of additional args: ' .. tostring(argv))
  end
end

-- Commands that build a queue object require its name.
-- Optional paging numbers at argv[i] (offset, default 0) and argv[i + 1]
-- (default 25), checked with `<area>(): Arg "offset"|"<size>" not a number`:
-- qless calls the second one `count`, reqless `limit`.
local function paging(argv, i, area, size)
  local offset = tonumber(argv[i] or 0)
  if not offset then
    error(area .. '(): Arg "offset" not a number: ' .. tostring(argv[i]))
  end
  local count = tonumber(argv[i + 1] or 25)
  if not count then
    error(area .. '(): Arg "' .. size .. '" not a number: ' .. tostring(argv[i + 1]))
  end
  return offset, count
end

local function queue_name(name)
  if not name then
    error('Queue(): no queue name provided')
  end
  return name
end

-- `ql:ready` (an extension channel; the qless channels are unchanged): the
-- name of a queue, as a plain string, published when jobs enter its `work`
-- set other than by `put` or `complete ... next` (which announce themselves
-- on `ql:log`): dependents released by a completion or by `depends off`,
-- throttled jobs moved back when a throttle slot frees, `unfail`, a `retry`
-- without delay and `timeout`. Idle workers subscribe to it to pop at once
-- instead of at their next poll.
--
-- Each queue is announced at most once per call, after the command ran, and
-- only while some client subscribes to the channel by name: clients that
-- do not know the channel see no new traffic, and a pattern subscription
-- alone (the reference test suites record every channel that way) sees
-- exactly the reference's messages.
local function ready(queue)
  local queues = state.ready
  if not queues then
    queues = { seen = {} }
    state.ready = queues
  end
  if not queues.seen[queue] then
    queues.seen[queue] = true
    queues[#queues + 1] = queue
  end
end


-- `now` as the `time` field of a job stores it; formatted once per call.
local function time_text(now)
  local text = state.time
  if not text then
    text = string.format('%.20f', now)
    state.time = text
  end
  return text
end

-- Numbers as text. redis.call turns a number argument into text with a
-- float format (%.17g), and concatenation does so with %.14g; either costs
-- more than a simple Redis command. So the hot paths hand Redis text:
-- constants as string literals ('0', '+inf'), `now` and the values derived
-- from it formatted once per call.
--
-- `x` as redis.call would send it. A whole number (the usual case) takes
-- %d, which writes the same digits for less; zero goes the float way, which
-- keeps the sign of -0.
local function arg_text(x)
  if x == floor(x) and x < 1e15 and x > -1e15 and x ~= 0 then
    return string.format('%d', x)
  end
  return string.format('%.17g', x)
end

-- `now` as a redis.call argument, formatted once per call.
local function now_arg(now)
  local text = state.now_arg
  if not text then
    text = arg_text(now)
    state.now_arg = text
  end
  return text
end

-- The day bin of `now` as the stats keys spell it (concatenation: %.14g,
-- the same digits as %d for a whole number below 1e14), once per call.
local function now_bin(now)
  local text = state.now_bin
  if not text then
    local bin = day_bin(now)
    if bin == floor(bin) and bin < 1e14 and bin > 0 then
      text = string.format('%d', bin)
    else
      text = tostring(bin)
    end
    state.now_bin = text
  end
  return text
end

-- Whether a jid is tracked. Tracking is rare, so one ZCARD per call answers
-- for every job when nothing is tracked.
local function is_tracked(jid)
  local any = state.tracked
  if any == nil then
    any = call('zcard', K .. 'tracked') > 0
    state.tracked = any
  end
  return any and call('zscore', K .. 'tracked', jid) ~= false
end

QlessDialect[1] = function(D)
  -- A canceled job leaves every set it can be in.
  function D.cancel_unqueue(queue, jid, jstate)
    local qkey = K .. 'q:' .. queue
    call('zrem', qkey .. '-work', jid)
    call('zrem', qkey .. '-locks', jid)
    call('zrem', qkey .. '-scheduled', jid)
    call('zrem', qkey .. '-depends', jid)
    if jstate == 'throttled' then
      call('zrem', qkey .. '-throttled', jid)
    end
  end

  -- Deletes a canceled job: its tags (`tags_text`, its stored list), hash,
  -- history and dependency set.
  function D.delete_canceled(jid, tags_text)
    if tags_text then
      local tags = decode(tags_text)
      for j = 1, #tags do
        call('zrem', K .. 't:' .. tags[j], jid)
        call('zincrby', K .. 'tags', -1, tags[j])
      end
    end
    local key = K .. 'j:' .. jid
    call('del', key .. '-dependencies')
    call('del', key, key .. '-history')
  end

  -- Deletes expired completed jobs (at most EXPIRE_BATCH).
  function D.delete_completed(jids)
    Completed.delete_completed(jids)
  end

  -- Un-indexes a re-put job's old tags.
  function D.remove_tags(jid, tags, names, first)
    JobRare.remove_tags(jid, tags, names, first)
  end

  -- The throttle list a put was given (`raw`, the option's text or nil):
  -- not inherited from the job's previous put; nil for none.
  function D.put_throttles(raw)
    if not raw then
      return nil
    end
    local list = Throttle.parse(raw, 'Put(): Arg "throttles"')
    if #list == 0 then
      return nil
    end
    return list
  end

  -- A re-put job leaves its old queue's sets, and (unlike the reference)
  -- first gives up the locks and pending places it holds on its old
  -- throttles (`old_text`): kept, they would leak, a stale pending place
  -- would hand the job out twice, and a job re-put while it holds the only
  -- slot of a throttle would wait for itself.
  function D.leave_queue(old_queue, old_state, jid, throttles, old_text, now)
    if old_queue then
      D.cancel_unqueue(old_queue, jid, old_state)
    end
    if old_text then
      Throttle.release_all(old_text, jid, now)
    end
  end

  -- The throttle list a put stores for `queue` (with the queue's throttle
  -- when that has a maximum) and its text; nil, nil for none.
  function D.stored_throttles(throttles, old_queue, queue)
    if not throttles then
      return nil, nil
    end
    local list = Throttle.for_queue(throttles, old_queue, queue)
    return list, encode(list)
  end

  -- The throttle list children of a template get: the template's, verbatim.
  function D.template_throttles(text, queue)
    return text
  end

  -- The error of `priority` for a missing job.
  function D.priority_missing(jid)
    return 'Priority(): Job ' .. jid .. ' does not exist'
  end

  -- Checks the queue argument of `unfail`.
  function D.unfail_queue(queue)
    queue_name(queue)
  end

  -- The pop that ends a `settle` call.
  function D.pop(now, argv)
    return QueueCommands['pop'](now, argv)
  end
end

-- A completed or failed job leaves its queue's sets (the dialect's
-- `queue_sets`).
local function unqueue(queue, jid)
  local qkey = K .. 'q:' .. queue
  local sets = state.dialect.queue_sets
  for i = 1, #sets do
    call('zrem', qkey .. sets[i], jid)
  end
end

-- A job as lifecycle errors name it.
local function named(jid)
  if state.dialect.names_jobs_in_errors then
    return 'Job ' .. jid
  end
  return 'Job'
end

-- A `put` history entry for `queue`, keyed as the dialect keys it.
local function put_entry(queue)
  local item = {}
  item[state.dialect.put_key] = queue
  return item
end
