// The BullMQ side of the side-by-side benchmark: the work of ContainerBenchmark and
// QlessPutBenchmark, written with BullMQ's own API (Queue.addBulk, Worker, Queue.add).
// Run against a private Redis that it may empty (it runs FLUSHDB):
//   npm install && node bench.js <port> [jobs=20000] [latencyJobs=1000] [concurrencies=1,8]
// Prints jobs/s per concurrency with Redis CPU µs per job (INFO cpu deltas), put -> handler
// start with an idle worker (p50/p90/p99), and single and bulk put rates. Like
// ContainerBenchmark, it first runs one uncounted round at each concurrency (JIT warm-up),
// and one uncounted latency round of 10,000 jobs 1 ms apart before the measured one, on the
// same worker.
const { Queue, Worker } = require('bullmq');
const IORedis = require('ioredis');
const port = +process.argv[2] || 6399, jobs = +process.argv[3] || 20000, latencyJobs = +process.argv[4] || 1000;
const conc = (process.argv[5] || '1,8').split(',').map(Number);
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const info = new IORedis(connection);
async function cpu() { const t = await info.info('cpu'); const u = +/used_cpu_user:([\d.]+)/.exec(t)[1], s = +/used_cpu_sys:([\d.]+)/.exec(t)[1]; return u + s; }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function pct(a) { a = a.slice().sort((x, y) => x - y); const n = a.length; const f = (v) => (v / 1000).toFixed(2); return `p50 ${f(a[n >> 1])} ms, p90 ${f(a[Math.floor(n * 0.9)])} ms, p99 ${f(a[Math.floor(n * 0.99)])} ms, max ${f(a[n - 1])} ms`; }
async function putAll(q, n) { for (let i = 0; i < n; i += 1000) { const b = []; for (let j = i; j < Math.min(n, i + 1000); j++) b.push({ name: 'noop', data: { i: j } }); await q.addBulk(b); } }
// One round: put the jobs in bulk, then a worker of concurrency c works through them.
async function round(c, label) {
    await info.flushdb();
    const name = 'bench-c' + c;
    const q = new Queue(name, { connection });
    const c0 = await cpu(); await putAll(q, jobs); const c1 = await cpu();
    let done = 0; let resolve; const finished = new Promise((r) => (resolve = r));
    const t0 = process.hrtime.bigint(); const p0 = await cpu();
    const w = new Worker(name, async () => {}, { connection, concurrency: c });
    w.on('completed', () => { if (++done === jobs) resolve(); });
    await finished; const secs = Number(process.hrtime.bigint() - t0) / 1e9; const p1 = await cpu();
    console.log(`${label}bullmq concurrency ${c}: ${jobs} jobs in ${secs.toFixed(2)} s = ${Math.round(jobs / secs)} jobs/s; Redis CPU put ${((c1 - c0) * 1e6 / jobs).toFixed(1)} µs/job, process ${((p1 - p0) * 1e6 / jobs).toFixed(1)} µs/job, put+process ${((c1 - c0 + p1 - p0) * 1e6 / jobs).toFixed(1)} µs/job`);
    await w.close(); await q.close();
}
(async () => {
  // As ContainerBenchmark does: one round at each concurrency first, for the JIT, not counted.
  for (const c of conc) {
    await round(c, 'warm-up round (not counted): ');
  }
  for (const c of conc) {
    await round(c, '');
  }
  await info.flushdb();
  // As ContainerBenchmark does: one uncounted latency round of 10,000 jobs 1 ms apart first,
  // on the same worker as the measured one.
  const lq = new Queue('bench-latency', { connection });
  let startedAt = 0n, wake;
  const lw = new Worker('bench-latency', async () => { startedAt = process.hrtime.bigint(); wake(); }, { connection, concurrency: 1 });
  await lw.waitUntilReady(); await sleep(500);
  for (const [label, count, pause] of [['latency warm-up round (not counted): ', 10000, 1], ['', latencyJobs, 2]]) {
    const lat = [], putLat = [];
    for (let i = 0; i < count; i++) {
      const started = new Promise((r) => (wake = r));
      const t = process.hrtime.bigint(); await lq.add('noop', { i }); const ret = process.hrtime.bigint();
      await started; lat.push(Number(startedAt - t) / 1000); putLat.push(Number(ret - t) / 1000);
      await sleep(pause);
    }
    console.log(`${label}bullmq put -> handler start, idle worker, ${count} jobs: ${pct(lat)}`);
    console.log(`  of which the put call returned after: ${pct(putLat)}`);
  }
  await lw.close(); await lq.close();
  await info.flushdb();
  { // puts
    const q = new Queue('bench-put', { connection }); const n = 5000;
    let t = process.hrtime.bigint(); for (let i = 0; i < n; i++) await q.add('noop', { i });
    let s = Number(process.hrtime.bigint() - t) / 1e9; console.log(`bullmq single put: ${Math.round(n / s)} jobs/s`);
    t = process.hrtime.bigint(); await putAll(q, 20000); s = Number(process.hrtime.bigint() - t) / 1e9;
    console.log(`bullmq bulk put (1000 per call): ${Math.round(20000 / s)} jobs/s`);
    await q.close();
  }
  await info.flushdb(); info.disconnect(); process.exit(0);
})();
