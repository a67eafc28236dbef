import type { Classification, EmergencyKind, Entities } from '../nlp/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { Act, CitizenHandoffView, Reply } from './chat.types.ts';
import type { Channel, DialogueState, Lang } from './dialogue-state.ts';
import type { Knowledge } from './knowledge.ts';
import type { Templates } from './replies/index.ts';

/** One citizen message being handled: everything a flow reads, and the state it may change. */
export interface Turn {
  conversationId: string;
  channel: Channel;
  /** Conversation status when the message arrived. */
  status: 'active' | 'handed_off' | 'closed';
  wardCode: string | null;
  text: string;
  lang: Lang;
  t: Templates;
  now: Date;
  location?: { lat: number; lon: number };
  /** Mutable copy of the dialogue state; saved with the turn. */
  state: DialogueState;
  knowledge: Knowledge;
  classification: Classification;
  entities: Entities;
  log: Logger;
}

/** What a flow answers. The service turns it into the ChatResponse and stores it. */
export interface TurnResult {
  reply: Reply;
  intent: string;
  act: Act;
  band?: Classification['band'];
  confidence?: number;
  procedure?: { slug: string; title: string };
  emergency?: { kind: EmergencyKind; hotline: '114' | '113' | '115' };
  ward?: { code: string; name: string };
  incident?: { id: string; code?: string };
  handoff?: CitizenHandoffView;
  report?: { trackingCode: string; secret: string };
  /** Stored instead of `reply.text` (secrets masked). */
  storedText?: string;
  /** Facts for the message meta (feedback, audits): the KB version answered. */
  answered?: { slug: string; versionId: number | null };
  /** Conversation's ward from now on (find-ward, report, emergency). */
  wardCode?: string;
  /** Set when the conversation's status changed during the turn (hand-off requested). */
  status?: 'active' | 'handed_off';
  /** Counts as a low-confidence turn (unsure or unknown). */
  low?: boolean;
}
