import { APPLICATION_STATUS, ASK_HUMAN, FOLLOWUP, GREETING, SMALLTALK, THANKS_BYE } from './conversation.ts';
import { FIND_WARD, REPORT_CRIME } from './domain.ts';
import { OUT_OF_SCOPE } from './out-of-scope.ts';

/** Meta intents the engine recognises besides the procedure slugs. */
export const META_INTENTS = [
  'greeting',
  'thanks_bye',
  'smalltalk',
  'find_ward',
  'report_crime',
  'application_status',
  'ask_human',
  'followup',
  'out_of_scope',
] as const;
export type MetaIntent = (typeof META_INTENTS)[number];

export interface IntentExamples {
  intent: MetaIntent;
  examples: string[];
}

/** The default training utterances, one list per meta intent. */
export const DEFAULT_INTENTS: IntentExamples[] = [
  { intent: 'greeting', examples: GREETING },
  { intent: 'thanks_bye', examples: THANKS_BYE },
  { intent: 'smalltalk', examples: SMALLTALK },
  { intent: 'find_ward', examples: FIND_WARD },
  { intent: 'report_crime', examples: REPORT_CRIME },
  { intent: 'application_status', examples: APPLICATION_STATUS },
  { intent: 'ask_human', examples: ASK_HUMAN },
  { intent: 'followup', examples: FOLLOWUP },
  { intent: 'out_of_scope', examples: OUT_OF_SCOPE },
];

/**
 * Meta intents that overlap procedures: when one wins, the engine also names the best procedure of its
 * family (report_crime → tố giác / lừa đảo / trình báo mất; find_ward → tìm công an xã/phường).
 */
export const INTENT_FAMILIES: Partial<Record<MetaIntent, string[]>> = {
  report_crime: ['to-giac.tin-bao-toi-pham', 'to-giac.lua-dao-truc-tuyen', 'trinh-bao.mat-giay-to-tai-san'],
  find_ward: ['ho-tro.tim-cong-an-xa-phuong'],
};
