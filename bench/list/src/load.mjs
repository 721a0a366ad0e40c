// A small keep-alive HTTP client: sequential samples for latency percentiles, and N concurrent
// connections for a fixed time for throughput. Every answer must be 200.
import http from 'node:http'

function get(agent, url, headers) {
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

function summary(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: seconds ? sorted.length / seconds : undefined,
  }
}

/** One connection, one request after another: up to `count` requests or `seconds`, after warm-ups. */
export async function sample(url, headers, { count = 40, seconds = 8, warmups = 3 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
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

/** `connections` keep-alive connections requesting as fast as answers come, for `seconds`. */
export async function load(url, headers, { connections = 50, seconds = 8 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  const started = performance.now()
  const until = started + seconds * 1000
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) latencies.push(await get(agent, url, headers))
      }),
    )
    return summary(latencies, (performance.now() - started) / 1000)
  } finally {
    agent.destroy()
  }
}
