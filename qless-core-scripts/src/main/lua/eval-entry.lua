return qless(KEYS, ARGV)
