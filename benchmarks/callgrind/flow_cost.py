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
"""
import glob, os, re, socket, subprocess, sys, time


class R:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port)); self.f = self.s.makefile('rb')
    def enc(self, args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b'$%d\r\n%s\r\n' % (len(a), a))
        return b''.join(out)
    def read(self):
        line = self.f.readline(); t, rest = line[:1], line[1:-2]
        if t == b'+': return rest.decode()
        if t == b'-': return Exception(rest.decode())
        if t == b':': return int(rest)
        if t == b'$':
            n = int(rest)
            if n < 0: return None
            return self.f.read(n + 2)[:-2].decode()
        if t == b'*':
            n = int(rest); return None if n < 0 else [self.read() for _ in range(n)]
    def __call__(self, *args):
        self.s.sendall(self.enc(args)); return self.read()


D = sys.argv[1]; KIND = sys.argv[2] if len(sys.argv) > 2 else 'fcall'
JOBS = int(os.environ.get('JOBS', '5000')); PORT = int(os.environ.get('PORT', '6433'))
OUT = '/tmp/flow-%d' % PORT; os.makedirs(OUT, exist_ok=True)
for f in glob.glob(OUT + '/*'): os.remove(f)
p = subprocess.Popen(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + OUT + '/cg.out',
    os.environ.get('BIN', 'redis-server'), '--port', str(PORT), '--save', '', '--appendonly', 'no'],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(300):
    try: r = R(PORT); break
    except OSError: time.sleep(0.1)
def zero(): subprocess.run(['callgrind_control', '-z', str(p.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def dump(label):
    before = set(glob.glob(OUT + '/cg.out*'))
    subprocess.run(['callgrind_control', '-d', str(p.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        new = set(glob.glob(OUT + '/cg.out*')) - before
        if new: break
        time.sleep(0.05)
    time.sleep(0.3); path = sorted(new)[-1]
    if os.environ.get('KEEP'): subprocess.run(['cp', path, 'flow-%s-%s.out' % (KIND, label)])
    return int(re.search(r'^(?:summary|totals): (\d+)', open(path).read(), re.M).group(1))
if KIND == 'evalsha':
    sha = r('SCRIPT', 'LOAD', open(D + '/qless.lua').read()); pre = ['EVALSHA', sha, '0']
else:
    r('FUNCTION', 'LOAD', 'REPLACE', open(D + '/qless-function.lua').read()); pre = ['FCALL', 'qless', '0']
def many(argss, batch=200):
    for i in range(0, len(argss), batch):
        chunk = argss[i:i+batch]
        r.s.sendall(b''.join(r.enc(a) for a in chunk))
        for _ in chunk:
            x = r.read()
            if isinstance(x, Exception): raise x
T = 1700000000.0
def now(i): return '%.3f' % (T + (i // 25) * 0.001)
many([pre + ['put', now(i), 'w', 'warm', 'warm-%d' % i, 'K', '{"n":1}', '0'] for i in range(100)])
zero()
PUT_MANY = int(os.environ.get('PUT_MANY', '100'))
if PUT_MANY > 0:
    calls = []
    for first in range(0, JOBS, PUT_MANY):
        a = pre + ['put.many', now(first), 'w', 'bench', str(min(PUT_MANY, JOBS - first))]
        for i in range(first, min(JOBS, first + PUT_MANY)):
            a += ['jid-%d' % i, 'bench.NoOp', '{"n":1}', '0', '0']
        calls.append(a)
    many(calls, batch=10)
else:
    many([pre + ['put', now(i), 'w', 'bench', 'jid-%d' % i, 'bench.NoOp', '{"n":1}', '0'] for i in range(JOBS)])
put = dump('put') / JOBS
zero(); held = []; t = T + 10; calls = 0; B = os.environ.get('SETTLE', '64')
while True:
    a = pre + ['settle', '%.3f' % t, 'worker-1', 'bench', B, str(len(held))]
    for j in held: a += ['complete', j, 'bench', '', '', '']
    x = r(*a); calls += 1; t += 0.003
    if isinstance(x, Exception): raise x
    held = re.findall(r'"jid":"([^"]+)"', x or '')
    if not held: break
process = dump('process') / JOBS
p.terminate(); p.wait()
print('%-10s %-8s put %7.1fK  process %7.1fK  total %7.1fK  (%d settle calls)' % (os.environ.get('LABEL', ''), KIND, put/1000, process/1000, (put+process)/1000, calls))
