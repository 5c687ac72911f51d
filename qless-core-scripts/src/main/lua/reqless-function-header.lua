#!lua name=reqless
-- Redis Function library build of the reqless script: FUNCTION LOAD once,
-- then FCALL reqless 0 <command> <now> <args...>.
