#!/usr/bin/env python3
"""Instructions Redis spends per job on the calls a listener container makes, counted by
valgrind's callgrind: bulk puts as `putAll` sends them (`put.many` calls of PUT_MANY jobs;
with PUT_MANY=0 single `put` calls, `now` advancing 1 ms every 25 puts), then `settle`
calls of SETTLE jobs each (the completes of the jobs the previous call handed out, and the
next pop), until the queue is empty. Complements script_cost.py, whose
phases call one command many times over: here the work set is large and the leases few,
as in a running container. Counts do not vary with the machine's load.

usage: flow_cost.py <dir with qless.lua and qless-function.lua> [fcall|evalsha]
  env JOBS     jobs put and processed (default 5000)
  env SETTLE   jobs per settle call (default 64, the container's default batch)
  env PUT_MANY jobs per put.many call (default 100, as putAll sends them; 0: single puts)
  env PORT     port of the redis-server it starts under valgrind (default 6433)
  env BIN      the redis-server binary (default redis-server on the PATH)
  env KEEP     keep the put and process callgrind dumps in the current directory
  env LABEL    a label printed with the figures
  env DATA_BYTES  jobs carry {"text":"xxx..."} with this many x (default: {"n":1})
  env SUBSCRIBE  1: a client subscribes to ql:log meanwhile, as each container's wake-up
               subscription does (Redis then writes it every put and complete event)
  env CPU      1: the server runs without valgrind, and the figures are its CPU time per
               job (`INFO cpu`, µs) rather than instructions; they vary with the machine
"""
import os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgredis import CallgrindRedis
D = sys.argv[1]; KIND = sys.argv[2] if len(sys.argv) > 2 else 'fcall'
DATA = ('{"text":"%s"}' % ('x' * int(os.environ['DATA_BYTES']))) if os.environ.get('DATA_BYTES') else '{"n":1}'
JOBS = int(os.environ.get('JOBS', '5000')); PORT = int(os.environ.get('PORT', '6433'))
CPU = os.environ.get('CPU') == '1'
redis = CallgrindRedis(PORT, 'flow-cost', os.environ.get('BIN', 'redis-server'), plain=CPU)
r = redis.cmd
if os.environ.get('SUBSCRIBE') == '1':
    import socket, threading
    listener = socket.create_connection(('127.0.0.1', PORT))
    listener.sendall(CallgrindRedis.encode(['SUBSCRIBE', 'ql:log']))
    def drain():
        while listener.recv(65536):
            pass
    threading.Thread(target=drain, daemon=True).start()
since = 0
def zero():
    global since
    if CPU: since = redis.cpu()
    else: redis.zero()
def dump(label):
    if CPU: return (redis.cpu() - since) * 1e9  # reads as thousands of µs below
    return redis.dump(('flow-%s-%s.out' % (KIND, label)) if os.environ.get('KEEP') else None)
if KIND == 'evalsha':
    sha = r('SCRIPT', 'LOAD', open(D + '/qless.lua').read()); pre = ['EVALSHA', sha, '0']
else:
    r('FUNCTION', 'LOAD', 'REPLACE', open(D + '/qless-function.lua').read()); pre = ['FCALL', 'qless', '0']
many = redis.many
T = 1700000000.0
def now(i): return '%.3f' % (T + (i // 25) * 0.001)
many([pre + ['put', now(i), 'w', 'warm', 'warm-%d' % i, 'K', DATA, '0'] for i in range(100)])
zero()
PUT_MANY = int(os.environ.get('PUT_MANY', '100'))
if PUT_MANY > 0:
    calls = []
    for first in range(0, JOBS, PUT_MANY):
        a = pre + ['put.many', now(first), 'w', 'bench', str(min(PUT_MANY, JOBS - first))]
        for i in range(first, min(JOBS, first + PUT_MANY)):
            a += ['jid-%d' % i, 'bench.NoOp', DATA, '0', '0']
        calls.append(a)
    many(calls, batch=10)
else:
    many([pre + ['put', now(i), 'w', 'bench', 'jid-%d' % i, 'bench.NoOp', DATA, '0'] for i in range(JOBS)])
put = dump('put') / JOBS
zero(); held = []; t = T + 10; calls = 0; B = os.environ.get('SETTLE', '64')
while True:
    a = pre + ['settle', '%.3f' % t, 'worker-1', 'bench', B, str(len(held))]
    for j in held: a += ['complete', j, 'bench', '', '', '']
    x = r(*a); calls += 1; t += 0.003
    if isinstance(x, Exception): raise x
    # a settle reply: the outcomes, then each job's text and its data
    held = re.findall(r'"jid":"([^"]+)"', ' '.join(x[1::2]) if isinstance(x, list) else (x or ''))
    if not held: break
process = dump('process') / JOBS
redis.stop()
unit = 'µs' if CPU else 'K'
print('%-10s %-8s put %7.1f%s  process %7.1f%s  total %7.1f%s  (%d settle calls)' % (os.environ.get('LABEL', ''), KIND,
    put/1000, unit, process/1000, unit, (put+process)/1000, unit, calls))
