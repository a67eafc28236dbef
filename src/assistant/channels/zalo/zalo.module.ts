import type { RouteModule } from '../../../http/server.ts';
import type { Db } from '../../../db/db.ts';
import type { EventBus } from '../../../shared/bus.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { ConversationService } from '../../conversation.service.ts';
import { createZaloChannel, type ZaloChannel } from './zalo.channel.ts';
import { createZaloClient, type ZaloClientDeps } from './zalo-client.ts';
import { createRecipientRepository, recipientCipher } from './zalo-recipients.ts';
import { zaloRoutes } from './zalo.routes.ts';

/**
 * The Zalo OA channel, composed from the configuration (ZALO_APP_ID, ZALO_OA_SECRET, ZALO_OA_ACCESS_TOKEN,
 * ZALO_API_BASE). Without the app id and OA secret the webhook route still exists and answers 503
 * ZALO_NOT_CONFIGURED; without the access token events are handled but replies cannot be delivered (logged).
 */

export interface ZaloModuleDeps {
  config: { appId: string | undefined; secret: string | undefined; accessToken: string | undefined; apiBase: string };
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  conversations: Pick<ConversationService, 'handleMessage' | 'repository'>;
  /** Tests: a fake fetch, no-op sleep, short timeouts. */
  client?: Partial<Pick<ZaloClientDeps, 'fetch' | 'sleep' | 'timeoutMs' | 'attempts' | 'backoffMs'>>;
  maxSkewMs?: number;
}

export function createZaloModule(deps: ZaloModuleDeps) {
  const { appId, secret, accessToken, apiBase } = deps.config;
  const log = deps.log.child({ module: 'zalo' });
  const channel: ZaloChannel | null =
    appId && secret
      ? createZaloChannel({
          conversations: deps.conversations,
          client: createZaloClient({ apiBase, accessToken, log, ...deps.client }),
          recipients: createRecipientRepository(deps.db, recipientCipher(secret)),
          bus: deps.bus,
          log,
          now: deps.now,
        })
      : null;
  const routes: RouteModule = {
    prefix: '/api/v1',
    plugin: zaloRoutes({ channel, appId, oaSecret: secret, now: deps.now, log, ...(deps.maxSkewMs !== undefined ? { maxSkewMs: deps.maxSkewMs } : {}) }),
  };
  return {
    channel,
    routes,
    async start() {
      if (!channel) return;
      if (!accessToken) log.warn('ZALO_OA_ACCESS_TOKEN is not set: Zalo messages are received but replies cannot be sent');
      await channel.start();
    },
    async stop() {
      await channel?.stop();
    },
  };
}

export type ZaloModule = ReturnType<typeof createZaloModule>;
