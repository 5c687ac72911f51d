#!lua name=qless
-- Redis Function library build of the qless script: FUNCTION LOAD once,
-- then FCALL qless 0 <command> <now> <args...>.
