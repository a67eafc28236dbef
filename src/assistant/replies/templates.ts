import type { EmergencyKind, Facet } from '../../nlp/index.ts';
import type { Lang, ReportDraft, ReportKind, ReportStep } from '../dialogue-state.ts';

/**
 * Everything the assistant says that does not come from the knowledge base, in one interface with a
 * Vietnamese and an English implementation (`vi.ts`, `en.ts`). Flows pick `templates(lang)`; facts
 * (procedures, wards, statuses) are passed in, never written here.
 */

export type ReportStatus = 'received' | 'verifying' | 'transferred' | 'resolved' | 'insufficient';

export interface WardLine {
  name: string;
  wordingText?: string;
}

export interface Templates {
  lang: Lang;
  // conversation
  greeting(): string;
  thanks(): string;
  smalltalk(): string;
  menu(): string[];
  fallback(guesses: string[]): string;
  clarify(options: string[]): string;
  needTopic(facet: Facet, examples: string[]): string;
  lowConfidenceOffer(): string;
  internalError(): string;
  // procedures
  facetLabel(facet: Facet): string;
  facetQuestions(): Record<Facet, string>;
  procedureIntro(title: string): string;
  facetIntro(facet: Facet, title: string): string;
  lastChecked(date: string): string;
  factsInVietnamese(): string;
  childVariant(title: string, age: number | undefined): string;
  otherAgeVariant(title: string, range: { min: number; max: number }): string;
  childSameProcedure(title: string, specifics: string[]): string;
  childUnknown(title: string): string;
  onlineAvailable(channels: string[], url: string | null): string;
  onlineUnavailable(where: string): string;
  startReportOffer(): string;
  // wards
  wardAnswer(w: {
    name: string;
    via?: { oldName: string; oldDistrict: string };
    police: { name: string; address: string | null; phone: string | null };
    adminSeat: string;
    resolution: string;
    formerUnits: Array<{ name: string; district: string; wordingText: string; alsoTo: string[] }>;
  }): string;
  wardSplit(oldName: string, oldDistrict: string, parts: WardLine[]): string;
  wardAmbiguous(names: string[]): string;
  askAddress(): string;
  wardNotFound(): string;
  locationUnavailable(): string;
  shareLocation(): string;
  // emergencies
  hotlineLabel(hotline: '114' | '113' | '115'): string;
  emergencySteps(kind: EmergencyKind): string[];
  emergencyFirst(hotline: '114' | '113' | '115', steps: string[]): string;
  emergencyAsk(missing: Array<'location' | 'phone'>): string;
  emergencyForwarded(code: string, wardName: string | null): string;
  emergencyDone(hotline: '114' | '113' | '115'): string;
  emergencyExtraHotline(hotline: '114' | '113' | '115'): string;
  call(hotline: string): string;
  // reports
  reportKindLabel(kind: ReportKind): string;
  reportIntro(kind: ReportKind): string;
  antiScamAdvice(): string[];
  reportPrompt(step: ReportStep, kind: ReportKind): string;
  reportConfirm(draft: ReportDraft, unit: string): string;
  reportCreated(kindLabel: string, unit: string, trackingCode: string, secret: string): string;
  reportCancelled(): string;
  reportStatusLabel(status: ReportStatus): string;
  cityUnit(): string;
  wardUnit(wardName: string): string;
  skip(): string;
  cancel(): string;
  send(): string;
  anonymous(): string;
  upload(): string;
  // status lookups
  statusAskCode(): string;
  statusAskSecret(trackingCode: string): string;
  statusResult(r: { trackingCode: string; kindLabel: string; statusLabel: string; updatedAt: string; note: string | null }): string;
  statusFailed(): string;
  statusTooMany(): string;
  portal(): string;
  // hand-off
  talkToOfficer(): string;
  yesOfficer(): string;
  noThanks(): string;
  askWardForHandoff(): string;
  handoffRequested(unit: string, position: number | null): string;
  handoffAlready(unit: string, position: number | null, waitingMs: number | null): string;
  handoffAckQueued(position: number | null, waitingMs: number | null): string;
  handoffAckTaken(): string;
  handoffDeclined(): string;
  officerTook(unit: string): string;
  officerClosed(): string;
  // formatting
  dateTime(d: Date): string;
  minutes(ms: number): string;
}

/** "HH:mm dd/mm/yyyy" in Hanoi time (UTC+7). */
export function hanoiDateTime(d: Date): { hh: string; mm: string; day: number; month: number; year: number } {
  const t = new Date(d.getTime() + 7 * 3600_000);
  return {
    hh: String(t.getUTCHours()).padStart(2, '0'),
    mm: String(t.getUTCMinutes()).padStart(2, '0'),
    day: t.getUTCDate(),
    month: t.getUTCMonth() + 1,
    year: t.getUTCFullYear(),
  };
}

export const bullet = (lines: string[]) => lines.map((l) => `• ${l}`).join('\n');
export const numbered = (lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
