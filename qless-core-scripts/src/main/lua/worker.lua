-- Workers: the `ql:workers` registry and each worker's `ql:w:<worker>:jobs`
-- lock set.

elseif name == 'Worker' then
  local W = module
  -- Workers last seen in [0, now - max-worker-age] have expired: the
  -- registry forgets them and their job sets are deleted. One call deletes
  -- at most WORKER_BATCH of them (and the named worker, if it has expired);
  -- the listing leaves out the expired ones it did not get to, so every
  -- reply reads as if all of them were gone.
  W['workers'] = function(now, argv)
    local age = tonumber(M.Config.get('max-worker-age', 86400))
    local cutoff = now - age
    -- WORKER_BATCH
    local expired = call('zrangebyscore', K .. 'workers', 0, cutoff, 'LIMIT', 0, 500)
    local n = #expired
    if n > 0 then
      local keys = {}
      for i = 1, n do
        keys[i] = K .. 'w:' .. expired[i] .. ':jobs'
      end
      call('del', unpack(keys))
      call('zrem', K .. 'workers', unpack(expired))
    end

    local name = argv[3]
    if name then
      local key = K .. 'w:' .. name .. ':jobs'
      local seen = tonumber(call('zscore', K .. 'workers', name))
      if seen and seen >= 0 and seen <= cutoff then
        call('del', key)
        call('zrem', K .. 'workers', name)
      end
      return encode({
        jobs = call('zrevrangebyscore', key, now + 8640000, now),
        stalled = call('zrevrangebyscore', key, now, 0)
      })
    end
    -- The live workers, newest first: those seen after the cutoff, then any
    -- with a negative time (never expired), read without the expired ones.
    local names
    if cutoff < 0 then
      names = call('zrevrange', K .. 'workers', 0, -1)
    else
      names = call('zrevrangebyscore', K .. 'workers', '+inf', '(' .. cutoff)
      local negative = call('zrevrangebyscore', K .. 'workers', '(0', '-inf')
      for i = 1, #negative do
        names[#names + 1] = negative[i]
      end
    end
    local workers = {}
    for i = 1, #names do
      local key = K .. 'w:' .. names[i] .. ':jobs'
      workers[i] = {
        name = names[i],
        jobs = call('zcount', key, now, now + 8640000),
        stalled = call('zcount', key, 0, now)
      }
    end
    return encode(workers)
  end

  W['worker.deregister'] = function(now, argv)
    call('zrem', K .. 'workers', unpack(argv, 3))
    return nil
  end
