// The production files `pnpm topology` writes from topology.json (generate-deploy.mjs): the nginx
// gateway, the remotes list it serves, docker-compose.yml and the Postgres init script. Pure text in,
// text out, so a test can compare them with the committed files.
import { gatewayRoutes, remotesManifest, resolveTopology } from './topology.mjs'

export const GENERATED = 'Generated from topology.json by `pnpm topology`; do not edit.'
const DB_USER = 'mosaic'

/** Compose names: a service is its own name, a remote `<name>-remote`, the shell `shell`. */
export function composeHost(route) {
  if (route.kind === 'api') return route.name
  return route.kind === 'remote' ? `${route.name}-remote` : 'shell'
}

/** Where nginx sends a route: services listen on their fixed port, front ends on the image's port 80. */
export function composeUpstream(route) {
  const port = route.kind === 'api' ? new URL(route.target).port : '80'
  return `http://${composeHost(route)}:${port}`
}

const envName = (name) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_')
const indent = (text, spaces) => text.replace(/^(?=.)/gm, ' '.repeat(spaces))

// A plain YAML scalar may not start with an indicator, contain ": " or " #", or read as another type.
const YAML_NEEDS_QUOTES = /^[-?:,[\]{}#&*!|>'"%@`\s]|: |\s#|\s$|:$/
const YAML_TYPED = /^(true|false|yes|no|on|off|null|~|[-+.]?\d[\w.+-]*)$/i

/** A YAML value as prettier writes it: plain when it reads back as the same string, else single-quoted. */
function yamlScalar(value) {
  if (value === null) return ''
  const plain = value !== '' && !YAML_NEEDS_QUOTES.test(value) && !YAML_TYPED.test(value)
  return plain ? ` ${value}` : ` '${value.replaceAll("'", "''")}'`
}

const problem = (status, title, detail) =>
  `'{"type":"about:blank","title":"${title}","status":${status},"detail":"${detail}"}'`

function locationBlock(route) {
  return `    location ${route.prefix} {
        set $upstream ${composeUpstream(route)};
        proxy_pass $upstream;
    }
`
}

function notFoundBlock(prefix, detail) {
  return `    location ${prefix} {
        types { }
        default_type application/problem+json;
        return 404 ${problem(404, 'Not Found', detail)};
    }
`
}

export function renderGatewayConf(routes) {
  const blocks = (kind) => routes.filter((r) => r.kind === kind).map(locationBlock)
  return `# ${GENERATED}
# Production gateway: the one origin users open. Routes the table tools/runner/src/gateway.mjs routes
# (both come from topology.json; gateway-parity.test.ts checks they agree).
map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
}

# HTML (the shell's pages) may not be framed, whatever served it; empty values send no header.
map $upstream_http_content_type $gateway_frame_options {
    ~*^text/html DENY;
    default      "";
}

server {
    listen 80;
    server_name _;
    server_tokens off;
    client_max_body_size 25m;

    # Request heads over 16 KiB (a line or header) are refused: nginx's own 494 becomes the
    # standard 431 with a problem+json body, as the services and the dev gateway answer.
    large_client_header_buffers 4 16k;
    error_page 494 =431 @headers_too_large;
    add_header X-Frame-Options $gateway_frame_options always;

    # Upstreams are resolved per request (Docker's DNS) so nginx starts, and answers 502,
    # while a service or remote is down instead of refusing to boot.
    resolver 127.0.0.11 valid=10s ipv6=off;
    resolver_timeout 5s;

    proxy_http_version 1.1;
    proxy_set_header Host $host;
    # The gateway is the edge: the client address is the peer nginx saw, never what the client
    # claimed (services trust this header from the gateway only, and rate-limit by it).
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    proxy_buffering off;
    proxy_read_timeout 120s;

    error_page 502 503 504 = @upstream_down;
    # Problem bodies below get an empty \`types\` so a \`.js\` URI does not relabel them.

    # Service-to-service endpoints are never public. $uri is decoded and normalised, and
    # the match is case-insensitive like Express routing.
${notFoundBlock('~* ^/api/(.*/)?internal(/|$)', 'Internal endpoints are not reachable through the gateway.')}
    location = /remotes.json {
        root /usr/share/nginx/html;
        default_type application/json;
        add_header Cache-Control "no-cache";
    }

    # One block per service.
${[...blocks('api'), notFoundBlock('/api/', 'No service handles this path.')].join('\n')}
    # One block per remote; each image serves its files under /remotes/<name>/.
${[...blocks('remote'), notFoundBlock('/remotes/', 'No remote is mounted here.')].join('\n')}
${blocks('app').join('\n')}
    location @headers_too_large {
        types { }
        default_type application/problem+json;
        add_header Cache-Control "no-store" always;
        return 431 '{"type":"about:blank","title":"Request Header Fields Too Large","status":431,"detail":"The request headers are too large.","code":"http.headers_too_large"}';
    }

    location @upstream_down {
        types { }
        default_type application/problem+json;
        add_header Cache-Control "no-store" always;
        return 502 ${problem(502, 'Bad Gateway', 'The upstream is unavailable.')};
    }
}
`
}

export function renderRemotesJson(topology) {
  const { remotes } = remotesManifest(topology)
  const lines = remotes.map((r) => `    { "name": "${r.name}", "entry": "${r.entry}" }`)
  return `{
  "$comment": "${GENERATED}",
  "remotes": [
${lines.join(',\n')}
  ]
}
`
}

export function renderInitSql(services) {
  const lines = services.map((s) => `CREATE DATABASE ${s.database} OWNER ${DB_USER};`)
  return `-- ${GENERATED}
-- Runs once, on an empty volume: one database per service (DESIGN.md "Data"). A service added to
-- an installation that already has its volume needs its CREATE DATABASE run by hand.
${lines.join('\n')}
`
}

const healthcheck = (port) => `healthcheck:
  test:
    [
      'CMD',
      'node',
      '-e',
      "fetch('http://localhost:${port}/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
    ]
  interval: 10s
  timeout: 3s
  start_period: 60s
  retries: 5
`

function serviceEnvironment(service, jwksUrl) {
  const env = [
    `PORT: '${service.port}'`,
    'MOSAIC_MODE: production',
    `DATABASE_URL: postgres://${DB_USER}:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/${service.database}`,
    `JWKS_URL: ${jwksUrl}`,
    ...Object.entries(service.composeEnv ?? {}).map(([key, value]) => `${key}:${yamlScalar(value)}`),
  ]
  if (service.files)
    env.push('# Uploaded attachments live in DATA_DIR/files (local-disk storage adapter).', 'DATA_DIR: /data')
  return [...env, '<<: *peers'].join('\n')
}

function composeService(service, jwksUrl) {
  const volumes = service.files ? `  volumes:\n    - ${service.name}-files:/data\n` : ''
  return `${service.name}:
  build:
    context: .
    dockerfile: docker/service.Dockerfile
    args: { SERVICE: ${service.name}, PORT: '${service.port}' }
  image: mosaic/svc-${service.name}:\${MOSAIC_VERSION:-latest}
  <<: *restart
  environment:
${indent(serviceEnvironment(service, jwksUrl), 4)}
${volumes}  depends_on:
    postgres:
      condition: service_healthy
${indent(healthcheck(service.port), 2)}`
}

function composeApp(host, app, serveAt) {
  return `${host}:
  build:
    context: .
    dockerfile: docker/app.Dockerfile
    args: { APP: ${app}, SERVE_AT: ${serveAt} }
  image: mosaic/app-${app}:\${MOSAIC_VERSION:-latest}
  <<: *restart
`
}

/** The identity provider is the service named admin: every service fetches its signing keys. */
function jwksUrlOf(services) {
  const admin = services.find((s) => s.name === 'admin')
  return admin ? `http://admin:${admin.port}/api/admin/.well-known/jwks.json` : undefined
}

export function renderCompose({ gateway, shell, remotes, services }) {
  const jwksUrl = jwksUrlOf(services)
  const peers = services.map((s) => `${envName(s.name)}_SERVICE_URL: http://${s.name}:${s.port}`)
  const fileVolumes = services.filter((s) => s.files).map((s) => `${s.name}-files:`)
  const apps = [
    composeApp('shell', shell.name, '/'),
    ...remotes.map((r) => composeApp(`${r.name}-remote`, r.name, `/remotes/${r.name}`)),
  ]
  const gatewayNeeds = [...services.map((s) => s.name), 'shell', ...remotes.map((r) => `${r.name}-remote`)]
  return `# ${GENERATED}
# Production topology: Postgres, one image per service and per front end, nginx gateway.
# Required: POSTGRES_PASSWORD, INITIAL_ADMIN_PASSWORD. Optional, passed through when set:
# JWT_PRIVATE_JWK (else admin keeps a generated signing key in its database), INIT_TOKEN
# (secret for the first POST /api/admin/init), PUBLIC_ORIGIN, GATEWAY_PORT, MOSAIC_VERSION.
# SERVICE_SECRET (required): shared by the services to sign service-to-service calls (32+ chars).
x-restart: &restart
  restart: unless-stopped

# Every service knows its peers' internal addresses and the shared secret for service tokens.
x-peers: &peers
  SERVICE_SECRET: \${SERVICE_SECRET:?set SERVICE_SECRET}
${indent(peers.join('\n'), 2)}
  # Only the gateway (nginx on the compose network, which overwrites X-Forwarded-For with the
  # peer it saw) is believed about the client address; set TRUSTED_PROXY to its address to narrow it.
  TRUSTED_PROXY: \${TRUSTED_PROXY:-loopback, uniquelocal}

services:
  postgres:
    image: postgres:16
    <<: *restart
    environment:
      POSTGRES_USER: ${DB_USER}
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
      POSTGRES_DB: mosaic
    volumes:
      - pgdata:/var/lib/postgresql/data
      - ./docker/postgres/init.sql:/docker-entrypoint-initdb.d/10-databases.sql:ro
    healthcheck:
      test: ['CMD-SHELL', 'pg_isready -U ${DB_USER} -d mosaic']
      interval: 5s
      timeout: 3s
      retries: 20

${indent([...services.map((s) => composeService(s, jwksUrl)), ...apps].join('\n'), 2)}
  gateway:
    image: nginx:1.27-alpine
    <<: *restart
    ports:
      - '\${GATEWAY_PORT:-${gateway.port}}:80'
    volumes:
      - ./docker/nginx/gateway.conf:/etc/nginx/conf.d/default.conf:ro
      - ./docker/nginx/remotes.json:/usr/share/nginx/html/remotes.json:ro
    # Upstreams resolve per request, so the gateway only needs them created, not healthy.
    depends_on:
${indent(gatewayNeeds.map((n) => `- ${n}`).join('\n'), 6)}
    healthcheck:
      test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1/remotes.json']
      interval: 10s
      timeout: 3s
      retries: 3

volumes:
${indent(['pgdata:', ...fileVolumes].join('\n'), 2)}
`
}

/** Repo-relative path → content of every generated file. */
export function deployFiles(manifest) {
  const topology = resolveTopology({
    shell: manifest.shell,
    remotes: manifest.remotes,
    services: manifest.services,
  })
  return {
    'docker/nginx/gateway.conf': renderGatewayConf(gatewayRoutes(topology)),
    'docker/nginx/remotes.json': renderRemotesJson(topology),
    'docker-compose.yml': renderCompose(manifest),
    'docker/postgres/init.sql': renderInitSql(manifest.services),
  }
}
