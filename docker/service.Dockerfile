# syntax=docker/dockerfile:1
# Any Mosaic service. Build from the repo root:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=sales --build-arg PORT=3002 .
FROM node:24-slim AS build
ARG SERVICE
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# npm rather than corepack (corepack leaves Node after 24). pnpm's package picks its native binary in an
# install script; recent npm asks for it to be allowed (older npm ignores the flag with a warning).
RUN npm install -g --allow-scripts=pnpm "pnpm@$(node -p "(require('./package.json').packageManager || 'pnpm@12').split('@')[1]")"
# The store is filled from the lockfile alone, so this layer survives source edits.
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm exec turbo run build --filter=@mosaic/svc-${SERVICE}...
RUN pnpm deploy --filter=@mosaic/svc-${SERVICE} --prod /out

FROM node:24-slim
ARG PORT
ENV NODE_ENV=production PORT=${PORT}
WORKDIR /app
COPY --from=build --chown=node:node /out ./
# A volume mounted here (service files such as attachments) takes this owner, so `node` may write.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://localhost:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
