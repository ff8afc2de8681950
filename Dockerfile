# syntax=docker/dockerfile:1
# After Next.js's own example (examples/with-docker): dependencies, a build, then a small image with
# only the standalone server. Migrations run from the build stage, which has the tools
# (compose.yaml's "migrate" service). Not built on the development machines, which have no Docker.

FROM node:24-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1

FROM base AS deps
WORKDIR /app
# npm ci generates the Prisma client (postinstall), which needs the schema and its script.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci

FROM base AS builder
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM base AS runner
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    # Replies in progress settle on SIGTERM before the process exits (instrumentation.ts).
    NEXT_MANUAL_SIG_HANDLE=true
RUN groupadd --system --gid 1001 nodejs && useradd --system --uid 1001 --gid nodejs nextjs
# The standalone server with the static files and public/ beside it (scripts/prepare-standalone.ts).
COPY --from=builder --chown=nextjs:nodejs /app/.next/standalone ./
USER nextjs
EXPOSE 3000
CMD ["node", "server.js"]
