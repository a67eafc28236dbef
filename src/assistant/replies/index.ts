import type { Lang } from '../dialogue-state.ts';
import { en } from './en.ts';
import type { Templates } from './templates.ts';
import { vi } from './vi.ts';

export type { Templates, ReportStatus } from './templates.ts';

export function templates(lang: Lang): Templates {
  return lang === 'en' ? en : vi;
}
