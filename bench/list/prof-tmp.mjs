import autocannon from 'autocannon'
import { startService } from './src/harness.mjs'
const user = process.argv[2] ?? 'admin'
const path = process.argv[3] ?? '/customers?limit=20'
const service = await startService('postgres://postgres@127.0.0.1:5432/mosaic_bench_sales', [user])
const url = service.base + path
for (let i = 0; i < 200; i++) await fetch(url, { headers: service.auth(user) }).then((r) => r.text())
const r = await autocannon({ url, connections: 10, duration: 10, headers: service.auth(user) })
console.log(user, path, 'req/s', r.requests.average, 'p99', r.latency.p99, 'errors', r.errors, r.non2xx)
await service.stop()
