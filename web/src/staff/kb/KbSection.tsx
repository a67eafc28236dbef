import { useEffect, useRef } from 'react';
import type { StaffUser } from '../../api.ts';
import { Link, useLocation } from '../../router.tsx';
import { EntryEditor } from './EntryEditor.tsx';
import { EntryView } from './EntryView.tsx';
import { FeedbackScreen } from './FeedbackScreen.tsx';
import { KbDataProvider, useKb } from './kb-data.tsx';
import { kbHref } from './kb-text.ts';
import { LoadReportScreen } from './LoadReportScreen.tsx';
import { ProcedureList } from './ProcedureList.tsx';
import { ReviewDetail } from './ReviewDetail.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import './kb.css';

type Tab = 'list' | 'review' | 'feedback' | 'files';

function Tabs({ current }: { current: Tab }) {
  const { open, report } = useKb();
  const inReview = open?.filter((v) => v.state === 'review').length ?? 0;
  const fileProblems = (report?.errors.length ?? 0) + (report?.conflicts.length ?? 0);
  const tabs: Array<{ id: Tab; to: string; label: string; count?: number; alert?: boolean }> = [
    { id: 'list', to: kbHref.list(), label: 'Thủ tục' },
    { id: 'review', to: kbHref.queue(), label: 'Hàng chờ duyệt', count: inReview },
    { id: 'feedback', to: kbHref.feedback(), label: 'Phản hồi và câu hỏi' },
    { id: 'files', to: kbHref.files(), label: 'Nạp tệp', count: fileProblems, alert: fileProblems > 0 },
  ];
  return (
    <nav className="kb-tabs" aria-label="Chức năng cơ sở tri thức">
      {tabs.map((t) => (
        <Link key={t.id} to={t.to} aria-current={t.id === current ? 'page' : undefined}>
          {t.label}
          {t.count ? (
            <span className={`kb-count${t.alert ? ' kb-count-alert' : ''}`}>
              {t.count}
              <span className="visually-hidden">{t.id === 'files' ? ' vấn đề' : ' mục'}</span>
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}

function Screen() {
  const { query } = useLocation();
  const view = query.get('kb') ?? 'list';
  const slug = query.get('slug');
  const id = Number(query.get('v')) || null;
  const date = query.get('date');

  if (view === 'entry' && slug) return <EntryView key={slug} slug={slug} date={date} />;
  if (view === 'history' && slug) return <VersionHistory key={slug} slug={slug} />;
  if (view === 'edit' && id) return <EntryEditor key={id} versionId={id} />;
  if (view === 'review' && id) return <ReviewDetail key={id} versionId={id} />;
  if (view === 'review') return <ReviewQueue />;
  if (view === 'feedback') return <FeedbackScreen />;
  if (view === 'files') return <LoadReportScreen />;
  return <ProcedureList />;
}

const TAB_OF: Record<string, Tab> = { list: 'list', entry: 'list', history: 'list', edit: 'list', review: 'review', feedback: 'feedback', files: 'files' };

/**
 * The knowledge-base admin (the `#kb` section of /admin): procedures, entry view, editor, review queue,
 * history, feedback, load report. Screens are addressed by the query string (`?kb=entry&slug=...`), so the
 * browser's back button and links work; see kbHref.
 */
export function KbSection({ me }: { me: StaffUser }) {
  const { query } = useLocation();
  const view = query.get('kb');
  const key = `${view}|${query.get('slug')}|${query.get('v')}`;
  const root = useRef<HTMLDivElement>(null);
  const first = useRef(true);

  // On a move between screens (or a deep link into one), bring the section into view and put the focus on the
  // screen's heading, as App does for page changes.
  useEffect(() => {
    const wasFirst = first.current;
    first.current = false;
    if (wasFirst && !view) return;
    const el = root.current;
    if (!el) return;
    if (el.getBoundingClientRect().top < 0 || wasFirst) el.closest('section')?.scrollIntoView({ block: 'start' });
    el.querySelector<HTMLElement>('.kb-screen-title')?.focus({ preventScroll: true });
  }, [key, view]);

  return (
    <KbDataProvider me={me}>
      <div ref={root} className="kb">
        <Tabs current={TAB_OF[view ?? 'list'] ?? 'list'} />
        <Screen />
      </div>
    </KbDataProvider>
  );
}
