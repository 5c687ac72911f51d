redis.register_function('qless', function(keys, args)
  return qless(keys, args)
end)
