-- The reqless `job.*` commands. Where a command behaves exactly like
-- its qless twin, the qless handler runs with the arguments rearranged.

-- `job.complete` and `job.completeAndRequeue`, hot commands of workers: a
-- module of their own, so that a call builds these few handlers rather
-- than all of ReqlessJob's. (`queue.put`, `queue.pop`, `job.fail`,
-- `job.retry`, `job.heartbeat` and `worker.settle` are routed straight to
-- the handlers they run, see reqless-api.lua.)
elseif name == 'ReqlessWork' then
  local C = module
  local function jid_of(jid)
    if not jid then
      error('Job(): no jid provided')
    end
    return jid
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
    local depends_list = {}
    if options['depends'] then
      depends_list = decode(options['depends'])
      if not depends_list then
        error('Complete(): Arg "depends" not JSON: ' .. tostring(options['depends']))
      end
    end

    return M.JobLifecycle.finish(now, jid, worker, queue, raw_data, nextq, delay, depends_list)
  end

  C['job.complete'] = function(now, argv)
    return complete(now, argv, {})
  end

  -- The positional next queue is the first `next` pair of the options, so a
  -- later `next <q>` pair wins. Tolerant extension: reqless-py and
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

elseif name == 'ReqlessJob' then
  local C = module
  local function jid_of(jid)
    if not jid then
      error('Job(): no jid provided')
    end
    return jid
  end

  C['job.get'] = function(now, argv)
    return M.JobCommands['get'](now, argv)
  end

  C['job.getMulti'] = function(now, argv)
    local text = M.JobCommands['multiget'](now, argv)
    if text == '{}' then
      return '[]'
    end
    return text
  end

  C['job.log'] = function(now, argv)
    return M.JobCommands['log'](now, argv)
  end

  C['job.track'] = function(now, argv)
    return M.JobCommands['track'](now, { argv[1], argv[2], 'track', argv[3] })
  end

  C['job.untrack'] = function(now, argv)
    return M.JobCommands['track'](now, { argv[1], argv[2], 'untrack', argv[3] })
  end

  -- `depends <jid> on|off ...`, whose `true` replies as the integer 1.
  local function depends(now, argv, command)
    local args = { argv[1], argv[2], jid_of(argv[3]), command }
    for i = 4, #argv do
      args[#args + 1] = argv[i]
    end
    return M.JobCommands['depends'](now, args)
  end

  C['job.addDependency'] = function(now, argv)
    return depends(now, argv, 'on')
  end

  C['job.removeDependency'] = function(now, argv)
    return depends(now, argv, 'off')
  end

  C['job.requeue'] = function(now, argv)
    local jid = jid_of(argv[5])
    if call('exists', K .. 'j:' .. jid) == 0 then
      error('Requeue(): Job ' .. jid .. ' does not exist')
    end
    return M.ReqlessRare.put(now, argv)
  end

  C['job.setPriority'] = function(now, argv)
    return M.JobCommands['priority'](now, argv)
  end

  C['job.timeout'] = function(now, argv)
    return M.JobLease['timeout'](now, argv)
  end

  local function job_tags(jid)
    if not jid then
      error('Tag(): Arg "jid" missing')
    end
    local text = call('hget', K .. 'j:' .. jid, 'tags')
    if not text then
      error('Tag(): Job ' .. jid .. ' does not exist')
    end
    return decode(text)
  end

  C['job.addTag'] = function(now, argv)
    local args = { argv[1], argv[2], 'add', argv[3] }
    for i = 4, #argv do
      args[#args + 1] = argv[i]
    end
    local text = M.JobCommands['tag'](now, args)
    if text == '{}' then
      return '[]'
    end
    return text
  end

  C['job.removeTag'] = function(now, argv)
    local jid = argv[3]
    local _, remaining = M.JobRare.remove_tags(jid, job_tags(jid), argv, 4, M.ReqlessRare.tag_remove)
    return encode_list(remaining)
  end

  C['job.cancel'] = function(now, argv)
    return M.JobCommands['cancel'](now, argv)
  end

  C['jobs.tracked'] = function(now, argv)
    local jobs, expired = {}, {}
    local tracked = call('zrange', K .. 'tracked', 0, -1)
    for i = 1, #tracked do
      local f = M.JobView.read(tracked[i])
      if f[1] then
        jobs[#jobs + 1] = M.JobRender.render(tracked[i], f, true)
      else
        expired[#expired + 1] = tracked[i]
      end
    end
    return encode({ jobs = jobs, expired = expired })
  end
