// Headers for the shell's HTML, shared by the static server and the gateway. nginx
// (docker/nginx/static.conf, gateway.conf) sends the same; keep them in step.
import { createHash } from 'node:crypto'

/**
 * Scripts only from this origin (the shell and the remotes it federates are all served through
 * the one gateway origin); inline scripts only when their hash is listed. Styles allow inline
 * because the component library sets style attributes. Nobody may frame the app.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
]

/** `'sha256-…'` for each inline `<script>` of a page (those without `src`). */
export function inlineScriptHashes(html) {
  const hashes = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2].trim()) continue
    hashes.push(`'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`)
  }
  return hashes
}

export function contentSecurityPolicy(html = '') {
  const hashes = inlineScriptHashes(html)
  return CSP_DIRECTIVES.map((d) =>
    d.startsWith('script-src') && hashes.length ? `${d} ${hashes.join(' ')}` : d,
  ).join('; ')
}

/** Headers for an HTML page: the CSP (with its inline-script hashes) and no framing. */
export function htmlSecurityHeaders(html) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(html),
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
  }
}
