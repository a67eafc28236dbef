import type { ReactNode } from 'react';
import { Link } from '../../router.tsx';
import type { VersionSummary } from './kb-api.ts';
import type { OpenWork } from './kb-data.tsx';
import { isFileConflict, STATE_LABELS } from './kb-text.ts';

/** The heading of a screen; receives the focus after an in-section navigation (see KbSection). */
export function ScreenTitle({ children }: { children: ReactNode }) {
  return (
    <h3 className="kb-screen-title" tabIndex={-1}>
      {children}
    </h3>
  );
}

/** "‹ Back" link above a screen. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="kb-back">
      <Link to={to}>‹ {children}</Link>
    </p>
  );
}

export function StateTag({ v }: { v: Pick<VersionSummary, 'state' | 'isCurrent'> & Partial<VersionSummary> }) {
  const conflict = v.source !== undefined && isFileConflict(v as VersionSummary);
  return (
    <>
      <span className={`kb-state kb-state-${v.state}`}>{STATE_LABELS[v.state]}</span>
      {conflict && <span className="kb-state kb-state-conflict">Xung đột tệp</span>}
      {v.stale && <span className="kb-state kb-state-stale" title="Phiên bản đang áp dụng đã thay đổi kể từ khi bản này được soạn">Bản gốc đã đổi</span>}
    </>
  );
}

/** Badges of a procedure in lists: live, drafts, in review, file conflict. */
export function WorkBadges({ work }: { work: OpenWork | undefined }) {
  return (
    <span className="kb-badges">
      <span className="kb-state kb-state-published">Đang áp dụng</span>
      {work && work.drafts.length > 0 && <span className="kb-state kb-state-draft">Bản nháp{work.drafts.length > 1 ? ` (${work.drafts.length})` : ''}</span>}
      {work && work.review.length > 0 && <span className="kb-state kb-state-review">Chờ duyệt{work.review.length > 1 ? ` (${work.review.length})` : ''}</span>}
      {work && work.conflicts.length > 0 && <span className="kb-state kb-state-conflict">Xung đột tệp</span>}
    </span>
  );
}

/** "Chưa xác minh" marker for a fact. */
export function Unverified({ show = true }: { show?: boolean }) {
  return show ? <span className="kb-unverified">Chưa xác minh</span> : null;
}
