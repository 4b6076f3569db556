# One image for every kt service; the command selects the app:
#   docker run kt gateway | ledger | prober | reporting | provider-sim
# The TypeScript sources run through SWC's loader (a production dependency), so there is no
# separate build output to keep in step with the sources.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY apps ./apps
COPY libs ./libs
COPY packs ./packs
# Read-only root filesystem friendly: nothing is written under /app; the gateway's event spool
# goes to KT_SPOOL_DIR (mount a volume or an emptyDir there).
ENV KT_SPOOL_DIR=/var/lib/kt/spool
RUN mkdir -p /var/lib/kt/spool && chown -R node:node /var/lib/kt
USER node
ENTRYPOINT ["node", "bin/kt-service.js"]
CMD ["gateway"]
