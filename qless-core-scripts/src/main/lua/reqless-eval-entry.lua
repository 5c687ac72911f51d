return reqless(KEYS, ARGV)
