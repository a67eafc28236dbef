import { useState } from 'react';
import { INCIDENT_STATUS_LABELS, INCIDENT_STATUSES, TRANSITIONS, UNIT_KIND_LABELS } from '../../../../src/dispatch/model.ts';
import { STANDARD_INFO, timeStandards } from '../../../../src/dispatch/standards.ts';
import { clockDuration, dateTimeOf, distance, timeOf, wordsDuration } from './format.ts';
import { Glyph, KIND_PATHS, TYPE_PATHS } from './icons.tsx';
import { timesOf } from './store.ts';
import { actorText, LINK_LABELS, timelineText, UNIT_STATUS_SHORT } from './timeline-text.ts';
import type { AssignmentView, Incident, IncidentStatus, LinkView, MergeCandidateView, Recommendation, TimelineEntryView, VerifyResultView } from './types.ts';
import { wardLabel } from './wards.ts';

/** The lifecycle as a stepper: reached steps, the current one, what is still ahead. */
export function Lifecycle({ incident }: { incident: Incident }) {
  const t = incident.times;
  const reachedAt: Partial<Record<IncidentStatus, string | null>> = {
    new: incident.receivedAt,
    acknowledged: t?.acknowledgedAt,
    dispatched: t?.dispatchedAt,
    en_route: t?.firstEnrouteAt,
    on_scene: t?.firstOnSceneAt,
    resolved: t?.resolvedAt,
    closed: t?.closedAt,
  };
  const cur = INCIDENT_STATUSES.indexOf(incident.status);
  return (
    <ol className="lifecycle" aria-label="Các bước xử lý">
      {INCIDENT_STATUSES.map((s, i) => {
        const state = s === incident.status ? 'current' : reachedAt[s] || i < cur ? 'done' : 'todo';
        return (
          <li key={s} className={`lc-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="lc-label">{INCIDENT_STATUS_LABELS[s]}</span>
            <span className="lc-time">{reachedAt[s] ? timeOf(reachedAt[s]) : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function transitionLabel(from: IncidentStatus, to: IncidentStatus): string {
  switch (to) {
    case 'acknowledged':
      return from === 'new' ? 'Tiếp nhận' : from === 'resolved' ? 'Mở lại' : 'Thu hồi lực lượng';
    case 'en_route':
      return 'Lực lượng đang đến';
    case 'on_scene':
      return 'Lực lượng tại hiện trường';
    case 'resolved':
      return from === 'acknowledged' ? 'Đã xử lý (không cần điều động)' : 'Đã xử lý';
    case 'closed':
      return from === 'new' || from === 'acknowledged' ? 'Đóng (báo nhầm, trùng)' : 'Đóng';
    default:
      return INCIDENT_STATUS_LABELS[to];
  }
}

/** Transitions offered as buttons: `dispatched` is reached only by dispatching units. */
export const offeredTransitions = (s: IncidentStatus) => TRANSITIONS[s].filter((t) => t !== 'dispatched');
export const needsConfirm = (from: IncidentStatus, to: IncidentStatus) => to === 'closed' || (to === 'acknowledged' && from !== 'new' && from !== 'resolved');

export function TransitionButtons({ incident, busy, onTransition }: { incident: Incident; busy: boolean; onTransition: (to: IncidentStatus, note?: string) => void }) {
  const [confirm, setConfirm] = useState<IncidentStatus | null>(null);
  const [note, setNote] = useState('');
  const offered = offeredTransitions(incident.status);
  if (!offered.length) return <p className="muted small">Sự việc đã đóng; không còn thao tác chuyển trạng thái.</p>;
  if (confirm) {
    return (
      <form
        className="confirm-box"
        onSubmit={(e) => {
          e.preventDefault();
          onTransition(confirm, note.trim() || undefined);
          setConfirm(null);
          setNote('');
        }}
      >
        <p>
          <strong>{transitionLabel(incident.status, confirm)}</strong> sự việc {incident.code}?{' '}
          {confirm === 'closed' ? 'Sự việc đã đóng không mở lại được.' : 'Các lực lượng đang được điều động sẽ quay về.'}
        </p>
        <label className="field-compact">
          Ghi chú (không bắt buộc)
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoFocus />
        </label>
        <div className="button-row">
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
            Xác nhận
          </button>
          <button type="button" className="btn btn-light btn-sm" onClick={() => setConfirm(null)}>
            Hủy
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="button-row">
      {offered.map((to) => (
        <button
          key={to}
          type="button"
          className={`btn btn-sm ${to === 'acknowledged' && incident.status === 'new' ? 'btn-primary' : 'btn-secondary'}`}
          disabled={busy}
          onClick={() => (needsConfirm(incident.status, to) ? setConfirm(to) : onTransition(to))}
          aria-keyshortcuts={to === 'acknowledged' && incident.status === 'new' ? 'a' : undefined}
        >
          {transitionLabel(incident.status, to)}
          {to === 'acknowledged' && incident.status === 'new' && <kbd>a</kbd>}
        </button>
      ))}
    </div>
  );
}

const STATE_TEXT = { pending: 'Chưa bắt đầu', running: 'Đang tính', overdue: 'Quá hạn', met: 'Đạt', exceeded: 'Vượt chuẩn', not_applicable: 'Không áp dụng' } as const;
const SHORT: Record<string, string> = { shown: 'Hiển thị', answer: 'Tiếp nhận', processing: 'Xử lý', turnout: 'Xuất phát', travel: 'Di chuyển' };

/** Time-standard badges, recomputed every second from the incident's time stamps. */
export function StandardBadges({ incident, nowMs }: { incident: Incident; nowMs: number }) {
  const times = timesOf(incident);
  if (!times) return null;
  const { measures } = timeStandards(times, new Date(nowMs));
  return (
    <ul className="std-list">
      {measures.map((m) => (
        <li key={m.key} className={`std std-${m.state}`} title={`${m.label} — ${STANDARD_INFO[m.key].standard}`}>
          <span className="std-label">
            {SHORT[m.key] ?? m.label}
            <span className="visually-hidden"> ({m.label})</span>
          </span>
          <span className="std-ref">{m.standard}</span>
          <span className="std-value">
            {m.durationMs === null ? '—' : clockDuration(m.durationMs)}
            <span className="std-limit">/{clockDuration(m.limitMs)}</span>
          </span>
          <span className="std-state">{STATE_TEXT[m.state]}</span>
        </li>
      ))}
    </ul>
  );
}

export function Recommendations(props: {
  recs: Recommendation[] | null;
  error: string | null;
  canDispatch: boolean;
  busy: boolean;
  onDispatch: (unitId: string) => void;
}) {
  if (props.error) return <p className="muted small">{props.error}</p>;
  if (!props.recs) return <p className="muted small">Đang tính lực lượng phù hợp…</p>;
  if (!props.recs.length) return <p className="muted small">Không còn lực lượng sẵn sàng phù hợp với loại sự việc này trong phạm vi của anh/chị.</p>;
  return (
    <ol className="rec-list">
      {props.recs.map((r, i) => (
        <li key={r.unit.id} className={i === 0 ? 'rec rec-first' : 'rec'}>
          <span className="rec-kind" title={UNIT_KIND_LABELS[r.unit.kind]}>
            <Glyph d={KIND_PATHS[r.unit.kind]} />
          </span>
          <span className="rec-main">
            <strong>{r.unit.callSign}</strong> {i === 0 && <span className="rec-tag">Đề xuất</span>}
            {r.unit.isDemo && <span className="demo-tag">DEMO</span>}
            <span className="rec-sub">{r.unit.name}</span>
          </span>
          <span className="rec-eta">
            <strong>{wordsDuration(r.etaSeconds * 1000)}</strong>
            <span className="rec-sub">{distance(r.roadDistanceM)} đường đi</span>
          </span>
          {props.canDispatch && (
            <button type="button" className={`btn btn-sm ${i === 0 ? 'btn-primary' : 'btn-secondary'}`} disabled={props.busy} onClick={() => props.onDispatch(r.unit.id)} aria-keyshortcuts={i === 0 ? 'd' : undefined}>
              Điều động {i === 0 && <kbd>d</kbd>}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

export function Assignments({ units }: { units: AssignmentView[] }) {
  if (!units.length) return <p className="muted small">Chưa điều động lực lượng nào.</p>;
  return (
    <ul className="assign-list">
      {units.map((a) => (
        <li key={`${a.unitId}-${a.dispatchedAt}`} className={a.clearedAt ? 'assign cleared' : 'assign'}>
          <strong>{a.callSign}</strong> <span className={`unit-status us-${a.clearedAt ? 'off_duty' : a.unitStatus}`}>{a.clearedAt ? 'Đã kết thúc' : UNIT_STATUS_SHORT[a.unitStatus]}</span>
          <span className="rec-sub">
            Điều động {timeOf(a.dispatchedAt)} bởi {actorText(a.dispatchedBy)}
            {a.etaSeconds !== null && ` · dự kiến ${wordsDuration(a.etaSeconds * 1000)} (${distance(a.distanceM)})`}
            {a.enrouteAt && ` · xuất phát ${timeOf(a.enrouteAt)}`}
            {a.onSceneAt && ` · tới nơi ${timeOf(a.onSceneAt)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function MergeCandidates(props: { candidates: MergeCandidateView[]; wardNames: Record<string, string>; canMerge: boolean; busy: boolean; onMerge: (c: MergeCandidateView) => void; onOpen: (id: string) => void }) {
  if (!props.candidates.length) return null;
  return (
    <ul className="merge-list">
      {props.candidates.map((c) => (
        <li key={c.id} className="merge">
          <span className="rec-kind">
            <Glyph d={TYPE_PATHS[c.incident.type]} />
          </span>
          <span className="rec-main">
            <button type="button" className="btn-link" onClick={() => props.onOpen(c.id)}>
              {c.incident.code}
            </button>{' '}
            {c.incident.typeLabel} · {c.incident.statusLabel}
            <span className="rec-sub">
              {wardLabel(props.wardNames, c.incident.wardCode)} · cách {c.minutesApart} phút
              {c.distanceM !== null && ` · cách ${distance(c.distanceM)}`}
              {c.addressSimilarity !== null && c.reasons.includes('address') && ` · địa chỉ giống ${Math.round(c.addressSimilarity * 100)} %`}
            </span>
          </span>
          {props.canMerge && (
            <button type="button" className="btn btn-secondary btn-sm" disabled={props.busy} onClick={() => props.onMerge(c)}>
              Gộp vào sự việc này
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Links({ links }: { links: LinkView[] }) {
  if (!links.length) return <p className="muted small">Không có nguồn tin liên kết (nhập trực tiếp).</p>;
  return (
    <ul className="link-list">
      {links.map((l) => (
        <li key={`${l.kind}-${l.refId}`}>
          <span className="link-kind">{LINK_LABELS[l.kind] ?? l.kind}</span> <code>{l.refId}</code>
          {l.viaIncidentId && <span className="rec-sub"> (từ sự việc đã gộp)</span>}
        </li>
      ))}
    </ul>
  );
}

export function Timeline({ entries, verify }: { entries: TimelineEntryView[]; verify: VerifyResultView | null | 'error' }) {
  return (
    <>
      <p className={`verify ${verify === 'error' ? 'verify-unknown' : verify?.ok ? 'verify-ok' : verify ? 'verify-bad' : 'verify-unknown'}`} role="status">
        {verify === null && 'Đang kiểm tra chuỗi băm nhật ký…'}
        {verify === 'error' && 'Chưa kiểm tra được chuỗi băm nhật ký.'}
        {verify && verify !== 'error' && verify.ok && (
          <>
            ✓ Nhật ký toàn vẹn: {verify.entries} mục, chuỗi băm SHA-256 khớp. Đầu chuỗi <code title={verify.headHash ?? ''}>{verify.headHash?.slice(0, 12)}…</code>
          </>
        )}
        {verify && verify !== 'error' && !verify.ok && <>✗ Nhật ký bị thay đổi: chuỗi băm đứt tại mục {verify.broken?.seq} ({verify.broken?.reason}). Báo ngay cho quản trị viên.</>}
      </p>
      <ol className="timeline">
        {[...entries].reverse().map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at} title={dateTimeOf(e.at)}>
              {timeOf(e.at)}
            </time>
            <span className="tl-text">{timelineText(e)}</span>
            <span className="tl-actor">{actorText(e.actor)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
