"""What the callgrind benchmarks share: a private redis-server run under valgrind's
callgrind, whose counters they zero before and dump after the calls they count, and a
small RESP client for it (no dependency beyond Python 3)."""
import glob, os, re, socket, subprocess, time


class CallgrindRedis:
    """A redis-server under callgrind on `port`, its dumps in /tmp/<name>-<port>; with
    `plain`, the same server without valgrind, whose CPU time `cpu()` reads."""

    def __init__(self, port, name, binary='redis-server', plain=False):
        self.out = '/tmp/%s-%d' % (name, port)
        os.makedirs(self.out, exist_ok=True)
        for f in glob.glob(self.out + '/*'):
            os.remove(f)
        tool = [] if plain else ['valgrind', '--tool=callgrind', '--callgrind-out-file=' + self.out + '/cg.out']
        self.process = subprocess.Popen(tool + [binary, '--port', str(port), '--save', '', '--appendonly', 'no'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                self.socket = socket.create_connection(('127.0.0.1', port))
                break
            except OSError:
                time.sleep(0.1)
        self.reader = self.socket.makefile('rb')

    @staticmethod
    def encode(args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b'$%d\r\n%s\r\n' % (len(a), a))
        return b''.join(out)

    def read(self):
        line = self.reader.readline()
        t, rest = line[:1], line[1:-2]
        if t == b'+': return rest.decode()
        if t == b'-': return Exception(rest.decode())
        if t == b':': return int(rest)
        if t == b'$':
            n = int(rest)
            return None if n < 0 else self.reader.read(n + 2)[:-2].decode()
        if t == b'*':
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise Exception('bad reply ' + repr(line))

    def cmd(self, *args):
        """One command; an error reply raises."""
        self.socket.sendall(self.encode(args))
        reply = self.read()
        if isinstance(reply, Exception):
            raise reply
        return reply

    def many(self, argss, batch=100):
        """Commands pipelined `batch` at a time; their replies, an error reply raising."""
        replies = []
        for i in range(0, len(argss), batch):
            chunk = argss[i:i + batch]
            self.socket.sendall(b''.join(self.encode(a) for a in chunk))
            for _ in chunk:
                reply = self.read()
                if isinstance(reply, Exception):
                    raise reply
                replies.append(reply)
        return replies

    def cpu(self):
        """The server's CPU seconds so far, user and system (`INFO cpu`)."""
        info = self.cmd('INFO', 'cpu')
        return sum(float(re.search(r'%s:([\d.]+)' % f, info).group(1)) for f in ('used_cpu_user', 'used_cpu_sys'))

    def zero(self):
        subprocess.run(['callgrind_control', '-z', str(self.process.pid)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

    def dump(self, keep=None):
        """Instructions counted since the last zero; `keep` copies the dump to that file."""
        before = set(glob.glob(self.out + '/cg.out*'))
        subprocess.run(['callgrind_control', '-d', str(self.process.pid)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        for _ in range(200):
            new = set(glob.glob(self.out + '/cg.out*')) - before
            if new:
                break
            time.sleep(0.05)
        time.sleep(0.3)
        path = sorted(new)[-1]
        if keep:
            subprocess.run(['cp', path, keep])
        return int(re.search(r'^(?:summary|totals): (\d+)', open(path).read(), re.M).group(1))

    def stop(self):
        self.process.terminate()
        self.process.wait()
