#!/usr/bin/env python3
"""Instructions Redis spends per script call, counted by valgrind's callgrind: put, pop (one
job), complete, their sum, and a job worked through settle calls; EVALSHA and FCALL, both
dialects. Counts do not vary with the machine's load, so two builds compare on a busy
machine too (a run takes about 20 s).

usage: script_cost.py <dir with qless.lua, qless-function.lua, reqless.lua, reqless-function.lua> [label]
  env N        calls per phase (default 300); the counts depend on it (a sorted set under
               128 members costs more per member), so compare runs with the same N
  env PORT     port of the redis-server it starts under valgrind (default 6431)
  env SETTLE   jobs per settle call (default 10)
  env REF      path of an original qless-core qless.lua: also measured, with the ratios
  env KEEP     keep each phase's callgrind dump in the current directory
micro mode:  script_cost.py micro <lua file>...  runs each file N times through EVALSHA
  (ARGV: config.get <now> application) and prints instructions per call; an argument
  CMD:<redis command with | between arguments> runs that command first.
The scripts are those the build assembles: qless-core-scripts/target/classes/io/qless/scripts.
"""
import os, re, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgredis import CallgrindRedis
D = sys.argv[1]; N = int(os.environ.get('N', '300')); PORT = int(os.environ.get('PORT', '6431'))
redis = CallgrindRedis(PORT, 'script-cost')
OUT = redis.out
cmd, many, zero, dump = redis.cmd, redis.many, redis.zero, redis.dump
# The time of the calls, with milliseconds, as clients send it.
START = 1700000000.123
def run(kind, dialect):
    reqless = dialect == 'reqless'
    name = (lambda q, r: r if reqless else q)
    base = 'reqless' if reqless else 'qless'
    if dialect == 'ref':
        sha = cmd('SCRIPT', 'LOAD', open(os.environ['REF']).read())
        pre = ['EVALSHA', sha, '0']
    elif kind == 'evalsha':
        sha = cmd('SCRIPT', 'LOAD', open(D + '/' + base + '.lua').read())
        pre = ['EVALSHA', sha, '0']
    else:
        cmd('FUNCTION', 'LOAD', 'REPLACE', open(D + '/' + base + '-function.lua').read())
        pre = ['FCALL', base, '0']
    cmd('FLUSHALL')
    res = {}
    def phase(label, argss):
        zero(); many([pre + a for a in argss]); res[label] = dump() / len(argss)
        if os.environ.get('KEEP'): subprocess.run('cp $(ls -t %s/cg.out* | head -1) keep-%s-%s-%s.out' % (OUT, dialect, kind, label), shell=True)
    # warm-up
    many([pre + [name('put', 'queue.put'), START, 'w', 'warm', 'warm-%d' % i, 'K', '{}', '0'] for i in range(20)])
    phase('noop', [[ 'config.get', START, 'application'] for i in range(N)])
    phase('put', [[name('put', 'queue.put'), START, 'bench-worker', 'bench', 'jid-%d' % i, 'Bench', '{"n":1}', '0'] for i in range(N)])
    phase('pop', [[name('pop', 'queue.pop'), START + 1, 'bench', 'bench-worker', '1'] for i in range(N)])
    phase('complete', [[name('complete', 'job.complete'), START + 3, 'jid-%d' % i, 'bench-worker', 'bench', '{"n":2}'] for i in range(N)])
    res['p+p+c'] = res['put'] + res['pop'] + res['complete']
    if dialect == 'ref':
        res['settle/job'] = 0
        return res
    many([pre + [name('put', 'queue.put'), START + 4, 'bench-worker', 'settle', 's-%d' % i, 'Bench', '{"n":1}', '0'] for i in range(N)])
    zero(); held = []; calls = 0
    while True:
        a = pre + [name('settle', 'worker.settle'), START + 5, 'bench-worker', 'settle', os.environ.get('SETTLE', '10'), str(len(held))]
        for j in held: a += ['complete', j, 'settle', '', '', '']
        r = cmd(*a); calls += 1
        held = re.findall(r'"jid":"([^"]+)"', ' '.join(r[1::2]) if isinstance(r, list) else (r or ''))
        if not held: break
    res['settle/job'] = dump() / N
    if os.environ.get('KEEP'): subprocess.run('cp $(ls -t %s/cg.out* | head -1) keep-%s-%s-settle.out' % (OUT, dialect, kind), shell=True)
    res['p+p+c'] = res['put'] + res['pop'] + res['complete']
    return res
label = sys.argv[2] if len(sys.argv) > 2 else D
if D == 'micro':
    # micro: each further argument is a Lua file, run N times as EVALSHA with ARGV config.get now application
    for path in sys.argv[2:]:
        if path.startswith('CMD:'):
            cmd(*path[4:].split('|')); continue
        sha = cmd('SCRIPT', 'LOAD', open(path).read())
        many([['EVALSHA', sha, '0', 'config.get', START, 'application'] for i in range(20)])
        zero(); many([['EVALSHA', sha, '0', 'config.get', START, 'application'] for i in range(N)])
        print('%-50s %10.0f' % (path, dump() / N))
    redis.stop(); sys.exit(0)
allres = {}
if os.environ.get('REF'):
    allres[('ref', 'evalsha')] = run('evalsha', 'ref')
for dialect in ('qless', 'reqless'):
    for kind in ('evalsha', 'fcall'):
        allres[(dialect, kind)] = run(kind, dialect)
redis.stop()
keys = ['noop', 'put', 'pop', 'complete', 'p+p+c', 'settle/job']
print('%-18s' % label + ''.join('%12s' % k for k in keys))
ref = allres.get(('ref', 'evalsha'))
for (d, k), r in allres.items():
    print('%-18s' % (d + ' ' + k) + ''.join('%12.0f' % r[x] for x in keys) + (('   ratio %.3f' % (r['p+p+c'] / ref['p+p+c'])) if ref else ''))
