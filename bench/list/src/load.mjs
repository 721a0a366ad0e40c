// A small keep-alive HTTP client for sequential samples and latency percentiles (throughput runs use
// autocannon: throughput.mjs). Every answer must be 200.
import http from 'node:http'

/** One connection kept open between requests. */
export const keepAliveAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 })

/** One GET on `agent`: its latency in ms; anything but 200 fails. */
export function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`))
        else resolve(performance.now() - started)
      })
    })
    req.on('error', reject)
  })
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** n, p50, p95, p99 of latencies in ms. */
export function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  }
}

/** One connection, one request after another: up to `count` requests or `seconds`, after warm-ups. */
export async function sample(url, headers, { count = 40, seconds = 8, warmups = 3 } = {}) {
  const agent = keepAliveAgent()
  try {
    for (let i = 0; i < warmups; i++) await get(agent, url, headers)
    const latencies = []
    const until = performance.now() + seconds * 1000
    while (latencies.length < count && performance.now() < until)
      latencies.push(await get(agent, url, headers))
    return summary(latencies)
  } finally {
    agent.destroy()
  }
}
