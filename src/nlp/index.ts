/** Public API of the Vietnamese language engine. See README.md in this folder. */
export { normalize, type NormalizedText, type Ambiguity, type Expansion } from './normalize.ts';
export { foldDiacritics, hasDiacritics, canonicalTone, canonicalTones } from './tone.ts';
export {
  createEngine,
  type Engine,
  type EngineOptions,
  type ProcedureInput,
  type Classification,
  type Candidate,
  type Clarification,
  type Band,
  type Intent,
} from './engine.ts';
export { detectFacets, type Facet } from './facets.ts';
export { detectEmergency, type Emergency, type EmergencyKind, type EmergencyOptions } from './emergency.ts';
export {
  extractEntities,
  type Entities,
  type EntityOptions,
  type PhoneEntity,
  type IdNumberEntity,
  type PlateEntity,
  type AddressEntity,
  type DateEntity,
  type TimeEntity,
} from './entities.ts';
export { DEFAULT_INTENTS, META_INTENTS, INTENT_FAMILIES, type MetaIntent, type IntentExamples } from './intents/index.ts';
export { proceduresFromEntries } from './kb-adapter.ts';
