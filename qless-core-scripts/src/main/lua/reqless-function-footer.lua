redis.register_function('reqless', function(keys, args)
  return reqless(keys, args)
end)
