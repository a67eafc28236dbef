import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../../db/db.ts';

/**
 * The Zalo user id behind a conversation, kept so that an officer's reply (which arrives as a `chat.message`
 * event carrying only identifiers) can be pushed to the right follower. Conversations keep the id only as an
 * HMAC, so here it is stored encrypted (AES-256-GCM, key = sha256 of a label and the OA secret) in
 * `channel_recipients` (migration 0025), and deleted with the conversation.
 */

export interface RecipientCipher {
  seal(plain: string): string;
  /** null when the value was sealed with another key (the OA secret changed) or is damaged. */
  open(sealed: string): string | null;
}

export function recipientCipher(secret: string): RecipientCipher {
  const key = createHash('sha256').update(`binh-yen/zalo-recipient/v1\u0000${secret}`).digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return [iv, c.getAuthTag(), ct].map((b) => b.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv, tag, ct] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
      if (!iv || !tag || !ct || iv.length !== 12 || tag.length !== 16) return null;
      try {
        const d = createDecipheriv('aes-256-gcm', key, iv);
        d.setAuthTag(tag);
        return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export function createRecipientRepository(db: Queryable, cipher: RecipientCipher) {
  return {
    async remember(conversationId: string, userId: string, at: Date): Promise<void> {
      await db.query(
        `insert into channel_recipients (conversation_id, channel, recipient_enc, updated_at) values ($1, 'zalo', $2, $3)
         on conflict (conversation_id) do update set recipient_enc = excluded.recipient_enc, updated_at = excluded.updated_at`,
        [conversationId, cipher.seal(userId), at],
      );
    },
    async recipientOf(conversationId: string): Promise<string | null> {
      const rows = await db.query<{ enc: string }>(`select recipient_enc as enc from channel_recipients where conversation_id = $1 and channel = 'zalo'`, [conversationId]);
      return rows[0] ? cipher.open(rows[0].enc) : null;
    },
  };
}

export type RecipientRepository = ReturnType<typeof createRecipientRepository>;
