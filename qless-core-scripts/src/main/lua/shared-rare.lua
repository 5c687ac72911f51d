-- Shared procedures the hot commands seldom need: paging arguments, the
-- `ready` announcements, the job as lifecycle errors name it, the `put`
-- history entry and the message of a caught error. A module rather than
-- locals of define(), so that a call that does not use them builds none of
-- them.
elseif name == 'SharedRare' then
  -- The message of a caught error: a Lua error carries the script position
  -- before the message the single command would reply with, a failed
  -- redis.call a table.
  function M.SharedRare.message_of(e)
    if type(e) == 'table' then
      return tostring(e['err'] or e['message'])
    end
    return (string.gsub(tostring(e), '^[%w_@]+:%d+: ', '', 1))
  end

  -- Optional paging numbers at argv[i] (offset, default 0) and argv[i + 1]
  -- (default 25), checked with `<area>(): Arg "offset"|"<size>" not a number`:
  -- qless calls the second one `count`, reqless `limit`.
  function M.SharedRare.paging(argv, i, area, size)
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
  function M.SharedRare.ready(queue)
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

  -- A job as lifecycle errors name it.
  function M.SharedRare.named(jid)
    if state.dialect.names_jobs_in_errors then
      return 'Job ' .. jid
    end
    return 'Job'
  end

  -- A `put` history entry for `queue`, keyed as the dialect keys it.
  function M.SharedRare.put_entry(queue)
    local item = {}
    item[state.dialect.put_key] = queue
    return item
  end
