import { useCallback, useEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import { errorMessage } from '../../api.ts';
import { dispatchApi } from './client.ts';
import { Assignments, Lifecycle, Links, MergeCandidates, Recommendations, StandardBadges, Timeline, TransitionButtons } from './detail-parts.tsx';
import { dateTimeOf } from './format.ts';
import { ALARM_PATH, Glyph, TYPE_PATHS } from './icons.tsx';
import type { Incident, IncidentDetail as Detail, IncidentStatus, MergeCandidateView, Recommendation, Unit, VerifyResultView } from './types.ts';
import { wardLabel } from './wards.ts';
import './detail.css';

export interface DetailActions {
  acknowledge: () => void;
  dispatchRecommended: () => void;
}

interface Props {
  id: string;
  /** Bumped by live events about this incident. */
  version: number;
  /** Changes when any unit changes (recommendations depend on who is free). */
  unitsKey: string;
  canWrite: boolean;
  wardNames: Record<string, string>;
  nowMs: number;
  onUpsert: (i: Incident) => void;
  onUnits: (u: Unit[]) => void;
  onOpen: (id: string) => void;
  actionsRef: MutableRefObject<DetailActions | null>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Changes when the user asked to open this incident with focus (queue, keyboard). */
  focusRequest: number;
}

type Msg = { kind: 'ok' | 'error'; text: string } | null;

const ACTIVE: IncidentStatus[] = ['new', 'acknowledged', 'dispatched', 'en_route', 'on_scene'];

export function IncidentDetail(p: Props) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recs, setRecs] = useState<Recommendation[] | null>(null);
  const [recError, setRecError] = useState<string | null>(null);
  const [verify, setVerify] = useState<VerifyResultView | null | 'error'>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);
  const upsert = useRef(p.onUpsert);
  upsert.current = p.onUpsert;

  // A different incident: start clean.
  useEffect(() => {
    setDetail(null);
    setError(null);
    setRecs(null);
    setRecError(null);
    setVerify(null);
    setMsg(null);
  }, [p.id]);

  const load = useCallback((id: string, signal: AbortSignal) => {
    dispatchApi.detail(id, signal).then(
      (d) => {
        if (signal.aborted) return;
        setDetail(d);
        setError(null);
        upsert.current(d.incident);
      },
      (e) => !signal.aborted && setError(errorMessage(e)),
    );
    dispatchApi.verify(id, signal).then(
      (v) => !signal.aborted && setVerify(v),
      () => !signal.aborted && setVerify('error'),
    );
  }, []);

  useEffect(() => {
    const c = new AbortController();
    const t = setTimeout(() => load(p.id, c.signal), p.version ? 150 : 0);
    return () => {
      clearTimeout(t);
      c.abort();
    };
  }, [p.id, p.version, load]);

  const status = detail?.incident.id === p.id ? detail.incident.status : null;
  const wantsRecs = status !== null && ACTIVE.includes(status);
  useEffect(() => {
    if (!wantsRecs) return;
    const c = new AbortController();
    const t = setTimeout(() => {
      dispatchApi.recommend(p.id, c.signal).then(
        (r) => {
          if (c.signal.aborted) return;
          setRecs(r.recommendations);
          setRecError(null);
        },
        (e) => {
          if (c.signal.aborted) return;
          setRecs([]);
          setRecError(errorMessage(e));
        },
      );
    }, 200);
    return () => {
      clearTimeout(t);
      c.abort();
    };
  }, [p.id, wantsRecs, p.unitsKey, p.version]);

  const run = async (label: string, fn: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setMsg(null);
    try {
      setMsg({ kind: 'ok', text: await fn() });
      const c = new AbortController();
      load(p.id, c.signal);
    } catch (e) {
      setMsg({ kind: 'error', text: `${label}: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const inc = detail?.incident.id === p.id ? detail.incident : null;

  const focused = useRef(0);
  const loaded = Boolean(inc);
  useEffect(() => {
    if (!loaded || !p.focusRequest || focused.current === p.focusRequest) return;
    focused.current = p.focusRequest;
    p.headingRef.current?.focus();
  }, [loaded, p.focusRequest, p.headingRef]);

  const acknowledge = () =>
    inc &&
    inc.status === 'new' &&
    run('Chưa tiếp nhận được', async () => {
      const i = await dispatchApi.acknowledge(inc.id);
      p.onUpsert(i);
      return `Đã tiếp nhận sự việc ${i.code}.`;
    });

  const transition = (to: IncidentStatus, note?: string) =>
    inc &&
    run('Chưa chuyển được trạng thái', async () => {
      const i = to === 'acknowledged' && inc.status === 'new' ? await dispatchApi.acknowledge(inc.id) : await dispatchApi.transition(inc.id, to, note);
      p.onUpsert(i);
      return `Sự việc ${i.code}: ${i.statusLabel}.`;
    });

  const dispatchUnit = (unitId: string) =>
    inc &&
    run('Chưa điều động được', async () => {
      const r = await dispatchApi.dispatch(inc.id, [unitId]);
      p.onUpsert(r.incident);
      p.onUnits(r.units);
      return `Đã điều động ${r.units.map((u) => u.callSign).join(', ')} tới sự việc ${r.incident.code}.`;
    });

  const merge = (c: MergeCandidateView) =>
    inc &&
    run('Chưa gộp được', async () => {
      const r = await dispatchApi.merge(inc.id, c.id);
      p.onUpsert(r.primary);
      p.onUpsert(r.duplicate);
      return `Đã gộp ${r.duplicate.code} vào ${r.primary.code}.`;
    });

  p.actionsRef.current = p.canWrite
    ? {
        acknowledge: () => void acknowledge(),
        dispatchRecommended: () => {
          const first = recs?.[0];
          if (first && inc && ACTIVE.includes(inc.status)) void dispatchUnit(first.unit.id);
          else setMsg({ kind: 'error', text: 'Chưa có lực lượng đề xuất để điều động.' });
        },
      }
    : null;

  if (error && !inc) return <p className="alert alert-error" role="alert">{error}</p>;
  if (!inc || !detail) return <p className="loading" role="status"><span className="spinner" aria-hidden="true" /> Đang tải chi tiết sự việc…</p>;

  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className={`detail-head prio-${inc.priority}`}>
        <span className="detail-icon">
          <Glyph d={TYPE_PATHS[inc.type]} />
        </span>
        <div className="detail-title-wrap">
          <h3 id="detail-title" ref={p.headingRef} tabIndex={-1}>
            {inc.typeLabel} <span className="detail-code">{inc.code}</span>
          </h3>
          <p className="detail-sub">
            <span className={`prio-chip prio-${inc.priority}`}>Ưu tiên {inc.priority} – {inc.priorityLabel}</span>
            <span className={`status-badge st-${inc.status}`}>{inc.statusLabel}</span>
            {inc.source === 'alarm' && (
              <span className="alarm-chip">
                <Glyph d={ALARM_PATH} /> Báo cháy tự động
              </span>
            )}
            {inc.isDemo && <span className="demo-tag">{inc.demoLabel ?? 'DỮ LIỆU DEMO'}</span>}
          </p>
        </div>
        <a className="btn btn-light btn-sm" href={dispatchApi.eidoUrl(inc.id)} download={`${inc.code}.eido.json`} title="Xuất theo chuẩn NENA EIDO (JSON) để chuyển cho cơ quan khác">
          Xuất EIDO
        </a>
      </header>

      {msg && (
        <p className={`alert ${msg.kind === 'ok' ? 'alert-success' : 'alert-error'} detail-msg`} role={msg.kind === 'ok' ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}

      <dl className="detail-fields">
        <dt>Xã/phường</dt>
        <dd>{wardLabel(p.wardNames, inc.wardCode)}</dd>
        <dt>Địa điểm</dt>
        <dd>
          {inc.addressText || <span className="muted">Chưa có địa chỉ</span>}
          {inc.lat !== null && inc.lon !== null && (
            <span className="muted small">
              {' '}
              ({inc.lat.toFixed(5)}, {inc.lon.toFixed(5)})
            </span>
          )}
        </dd>
        <dt>Nguồn tin</dt>
        <dd>
          {inc.sourceLabel} · nhận lúc {dateTimeOf(inc.receivedAt)}
        </dd>
        {(inc.reporterName || inc.callbackPhone) && (
          <>
            <dt>Người báo</dt>
            <dd>
              {inc.reporterName ?? <span className="muted">Không rõ tên</span>}
              {inc.callbackPhone && (
                <>
                  {' · '}
                  <a href={`tel:${inc.callbackPhone.replace(/[^\d+]/g, '')}`}>{inc.callbackPhone}</a>
                </>
              )}
            </dd>
          </>
        )}
        {inc.description && (
          <>
            <dt>Nội dung</dt>
            <dd className="detail-desc">{inc.description}</dd>
          </>
        )}
      </dl>

      <Lifecycle incident={inc} />
      {p.canWrite && <TransitionButtons incident={inc} busy={busy} onTransition={transition} />}

      <h4>Chuẩn thời gian</h4>
      <StandardBadges incident={inc} nowMs={p.nowMs} />

      {ACTIVE.includes(inc.status) && (
        <>
          <h4>Lực lượng đề xuất (gần nhất, còn sẵn sàng)</h4>
          <Recommendations recs={recs} error={recError} canDispatch={p.canWrite} busy={busy} onDispatch={(id) => void dispatchUnit(id)} />
        </>
      )}

      <h4>Lực lượng đã điều động</h4>
      <Assignments units={detail.units} />

      {detail.mergeCandidates.length > 0 && (
        <>
          <h4>Có thể trùng ({detail.mergeCandidates.length}) — đề xuất gộp</h4>
          <MergeCandidates candidates={detail.mergeCandidates} wardNames={p.wardNames} canMerge={p.canWrite} busy={busy} onMerge={(c) => void merge(c)} onOpen={p.onOpen} />
        </>
      )}

      <h4>Nguồn tin liên kết</h4>
      <Links links={detail.links} />

      <h4>Nhật ký xử lý</h4>
      <Timeline entries={detail.timeline} verify={verify} />
    </article>
  );
}
