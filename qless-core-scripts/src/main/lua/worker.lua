-- Workers: the `ql:workers` registry and each worker's `ql:w:<worker>:jobs`
-- lock set (§7.14, §7.36, §8.5).

Worker[1] = function(W)
  W['workers'] = function(now, argv)
    local age = tonumber(Config.get('max-worker-age', 86400))
    local expired = call('zrangebyscore', 'ql:workers', 0, now - age)
    if #expired > 0 then
      for i = 1, #expired do
        call('del', 'ql:w:' .. expired[i] .. ':jobs')
      end
      call('zremrangebyscore', 'ql:workers', 0, now - age)
    end

    local name = argv[3]
    if name then
      local key = 'ql:w:' .. name .. ':jobs'
      return encode({
        jobs = call('zrevrangebyscore', key, now + 8640000, now),
        stalled = call('zrevrangebyscore', key, now, 0)
      })
    end
    local workers = {}
    local names = call('zrevrange', 'ql:workers', 0, -1)
    for i = 1, #names do
      local key = 'ql:w:' .. names[i] .. ':jobs'
      workers[i] = {
        name = names[i],
        jobs = call('zcount', key, now, now + 8640000),
        stalled = call('zcount', key, 0, now)
      }
    end
    return encode(workers)
  end

  W['worker.deregister'] = function(now, argv)
    call('zrem', 'ql:workers', unpack(argv, 3))
    return nil
  end
end
