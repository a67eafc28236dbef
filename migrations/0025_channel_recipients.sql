-- Where to deliver officers' replies on a messaging channel (Zalo OA): the channel's user id of a
-- conversation, encrypted (AES-256-GCM, key derived from ZALO_OA_SECRET) because conversations store that id
-- only as an HMAC. Deleted with the conversation by the retention job. See src/assistant/channels/zalo/README.md.

create table channel_recipients (
  conversation_id uuid primary key references conversations(id) on delete cascade,
  channel text not null check (channel in ('zalo')),
  -- base64url(iv) "." base64url(tag) "." base64url(ciphertext)
  recipient_enc text not null,
  updated_at timestamptz not null
);
