-- The reqless `job.*` commands (R8.2). Where a command behaves exactly like
-- its qless twin, the qless handler runs with the arguments rearranged.

ReqlessJob[1] = function(C)
  local function jid_of(jid)
    if not jid then
      error('Job(): no jid provided')
    end
    return jid
  end

  C['job.get'] = function(now, argv)
    local job = Reqless.load(jid_of(argv[3]))
    if job then
      return encode(job)
    end
    return nil
  end

  C['job.getMulti'] = function(now, argv)
    local jobs = {}
    for i = 3, #argv do
      local job = Reqless.load(argv[i])
      if job then
        jobs[#jobs + 1] = job
      end
    end
    return encode_list(jobs)
  end

  C['job.log'] = function(now, argv)
    return JobCommands['log'](now, argv)
  end

  C['job.track'] = function(now, argv)
    return JobCommands['track'](now, { argv[1], argv[2], 'track', argv[3] })
  end

  C['job.untrack'] = function(now, argv)
    return JobCommands['track'](now, { argv[1], argv[2], 'untrack', argv[3] })
  end

  -- `depends <jid> on|off ...`, whose `true` replies as the integer 1.
  local function depends(now, argv, command)
    local args = { argv[1], argv[2], jid_of(argv[3]), command }
    for i = 4, #argv do
      args[#args + 1] = argv[i]
    end
    return JobCommands['depends'](now, args)
  end

  C['job.addDependency'] = function(now, argv)
    return depends(now, argv, 'on')
  end

  C['job.removeDependency'] = function(now, argv)
    return depends(now, argv, 'off')
  end

  -- `job.complete` and `job.completeAndRequeue`: `options` holds `next`,
  -- `delay` and `depends`.
  local function complete(now, argv, options)
    local jid, worker, queue, raw_data = jid_of(argv[3]), argv[4], argv[5], argv[6]
    if not worker then
      error('Complete(): Arg "worker" missing')
    end
    if not queue then
      error('Complete(): Arg "queue_name" missing')
    end
    if not decode(raw_data) then
      error('Complete(): Arg "data" missing or not JSON: ' .. tostring(raw_data))
    end
    local nextq = options['next']
    local delay = assert(tonumber(options['delay'] or 0))
    local depends_list = decode(options['depends'] or '[]')
    if not depends_list then
      error('Complete(): Arg "depends" not JSON: ' .. tostring(options['depends']))
    end

    return JobLifecycle.finish(now, jid, worker, queue, raw_data, nextq, delay, depends_list,
      Reqless)
  end

  C['job.complete'] = function(now, argv)
    return complete(now, argv, {})
  end

  -- The positional next queue is the first `next` pair of the options, so a
  -- later `next <q>` pair wins. Tolerant extension (R10.2): reqless-py and
  -- reqless-rb send `... data next <q> delay <d> depends <j>`; an argument
  -- `next` followed by an even count of arguments reads as that form. A
  -- well-formed call always has an odd count after the data.
  C['job.completeAndRequeue'] = function(now, argv)
    local first = 7
    if argv[7] == 'next' and (#argv - 6) % 2 == 0 then
      first = 8
    end
    local options = { ['next'] = argv[first] }
    for i = first + 1, #argv, 2 do
      options[argv[i]] = argv[i + 1]
    end
    return complete(now, argv, options)
  end

  C['job.fail'] = function(now, argv)
    return JobLifecycle['fail'](now, argv, Reqless)
  end

  C['job.retry'] = function(now, argv)
    return JobLifecycle['retry'](now, argv, Reqless)
  end

  C['job.heartbeat'] = function(now, argv)
    return JobLifecycle['heartbeat'](now, argv, Reqless)
  end

  C['job.requeue'] = function(now, argv)
    local jid = jid_of(argv[5])
    if call('exists', 'ql:j:' .. jid) == 0 then
      error('Requeue(): Job ' .. jid .. ' does not exist')
    end
    return Reqless.put(now, argv)
  end

  C['job.setPriority'] = function(now, argv)
    local jid, raw = jid_of(argv[3]), argv[4]
    local priority = tonumber(raw)
    if not priority then
      error('Priority(): Arg "priority" missing or not a number: ' .. tostring(raw))
    end
    local queue = call('hget', 'ql:j:' .. jid, 'queue')
    if not queue then
      error('Queue(): no queue name provided')
    end
    if queue ~= '' then
      local work = 'ql:q:' .. queue .. '-work'
      if call('zscore', work, jid) then
        call('zadd', work, work_score(priority, 0), jid)
      end
    end
    call('hset', 'ql:j:' .. jid, 'priority', priority)
    return priority
  end

  C['job.timeout'] = function(now, argv)
    return JobLifecycle['timeout'](now, argv, Reqless)
  end

  local function job_tags(jid)
    if not jid then
      error('Tag(): Arg "jid" missing')
    end
    local text = call('hget', 'ql:j:' .. jid, 'tags')
    if not text then
      error('Tag(): Job ' .. jid .. ' does not exist')
    end
    return decode(text)
  end

  C['job.addTag'] = function(now, argv)
    local jid = argv[3]
    local tags = job_tags(jid)
    local present = {}
    for i = 1, #tags do
      present[tags[i]] = true
    end
    for i = 4, #argv do
      local tag = argv[i]
      if not present[tag] then
        present[tag] = true
        tags[#tags + 1] = tag
      end
      call('zadd', 'ql:t:' .. tag, now, jid)
      call('zincrby', 'ql:tags', 1, tag)
    end
    call('hset', 'ql:j:' .. jid, 'tags', encode(tags))
    return encode_list(tags)
  end

  C['job.removeTag'] = function(now, argv)
    local jid = argv[3]
    return encode_list(Reqless.remove_tags(jid, job_tags(jid), argv, 4))
  end

  C['job.cancel'] = function(now, argv)
    local named = {}
    local jids = {}
    for i = 3, #argv do
      named[argv[i]] = true
      jids[#jids + 1] = argv[i]
    end
    for i = 1, #jids do
      local jid = jids[i]
      local dependents = call('smembers', 'ql:j:' .. jid .. '-dependents')
      for j = 1, #dependents do
        if not named[dependents[j]] then
          error('Cancel(): ' .. jid .. ' is a dependency of ' .. dependents[j] ..
            ' but is not mentioned to be canceled')
        end
      end
    end
    for i = 1, #jids do
      local jid = jids[i]
      local key = 'ql:j:' .. jid
      local f = call('hmget', key, 'state', 'queue', 'failure', 'worker', 'throttles')
      local jstate, queue, failure, worker = f[1], f[2], f[3], f[4]
      if jstate ~= 'complete' then
        local payload = encode({ jid = jid, worker = worker, event = 'canceled', queue = queue })
        call('publish', 'ql:log', payload)
        if worker and worker ~= '' then
          call('zrem', 'ql:w:' .. worker .. ':jobs', jid)
          call('publish', 'ql:w:' .. worker, payload)
        end
        if queue then
          Reqless.unqueue(queue, jid)
        end
        ReqlessThrottle.release_all(jid, f[5], now)
        local dependencies = call('smembers', key .. '-dependencies')
        for j = 1, #dependencies do
          call('srem', 'ql:j:' .. dependencies[j] .. '-dependents', jid)
        end
        if jstate == 'failed' then
          failure = decode(failure or '{}')
          if failure['group'] then
            Job.unfile_failure(jid, failure['group'])
          end
          if failure['when'] then
            local skey = 'ql:s:stats:' .. day_bin(failure['when']) .. ':' .. tostring(queue)
            local failed = tonumber(call('hget', skey, 'failed')) or 0
            call('hset', skey, 'failed', failed - 1)
          end
        end
        Reqless.delete_job(jid)
        if is_tracked(jid) then
          call('publish', 'ql:canceled', jid)
        end
      end
    end
    return jids
  end

  C['jobs.tracked'] = function(now, argv)
    local jobs, expired = {}, {}
    local tracked = call('zrange', 'ql:tracked', 0, -1)
    for i = 1, #tracked do
      local f = Reqless.read(tracked[i])
      if f[1] then
        jobs[#jobs + 1] = Reqless.render(tracked[i], f, true)
      else
        expired[#expired + 1] = tracked[i]
      end
    end
    return encode({ jobs = jobs, expired = expired })
  end
end
