# syntax=docker/dockerfile:1
# Any Mosaic front end as static files on nginx. Build from the repo root:
#   docker build -f docker/app.Dockerfile --build-arg APP=sales --build-arg SERVE_AT=/remotes/sales .
# SERVE_AT is the path the app was built for (a remote's Vite `base`; the shell owns `/`).
FROM node:24-slim AS build
ARG APP
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# npm rather than corepack (corepack leaves Node after 24). pnpm's package picks its native binary in an
# install script; recent npm asks for it to be allowed (older npm ignores the flag with a warning).
RUN npm install -g --allow-scripts=pnpm "pnpm@$(node -p "(require('./package.json').packageManager || 'pnpm@12').split('@')[1]")"
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm exec turbo run build --filter=@mosaic/app-${APP}...

FROM nginx:1.27-alpine
ARG APP
ARG SERVE_AT=/
COPY docker/nginx/static.conf /etc/nginx/conf.d/default.conf
# Served under the path it was built for, so the gateway forwards requests unchanged; client-side
# routes fall back to index.html (static.conf).
COPY --from=build /repo/apps/${APP}/dist /usr/share/nginx/html${SERVE_AT}
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -q --spider http://127.0.0.1/healthz || exit 1
