import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StaffUser } from '../../api.ts';
import { Loading } from '../../components/Status.tsx';
import { roleCan } from './can.ts';
import { dispatchApi } from './client.ts';
import { Dialog } from './Dialog.tsx';
import { timeOf } from './format.ts';
import { beep, isTyping, unlockAudio, useNow } from './hooks.ts';
import { IncidentDetail, type DetailActions } from './IncidentDetail.tsx';
import { IncidentQueue, optionId } from './IncidentQueue.tsx';
import { NewIncidentForm } from './NewIncidentForm.tsx';
import { applyFilter, EMPTY_FILTER, type QueueFilter } from './queue.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { overdueAt, useDispatchStore } from './store.ts';
import type { Incident, IncidentSummary, LiveEvent, Unit } from './types.ts';
import { UnitBoard } from './UnitBoard.tsx';
import { useWards } from './wards.ts';
import './console.css';
import './panels.css';

// Leaflet is loaded only with the map.
const ConsoleMap = lazy(() => import('./ConsoleMap.tsx').then((m) => ({ default: m.ConsoleMap })));

export interface BelowContext {
  /** The incident open in the detail pane. */
  opened: Incident | null;
  /** Listen on the workspace's live connection (no second WebSocket). */
  subscribe: (h: (e: LiveEvent) => void) => () => void;
  /** Server time, ticking every second. */
  nowMs: number;
  /** Opens an incident in the detail pane and scrolls back up to it. */
  openIncident: (id: string) => void;
}

interface WorkspaceProps {
  user: StaffUser;
  title: ReactNode;
  /** Anchor links in the bar (section id → label), after the built-in ones. */
  links?: Array<[string, string]>;
  /** Sections under the working area (alarms, warnings, stats, hand-offs...). */
  below?: (ctx: BelowContext) => ReactNode;
}

function Pane({ id, title, actions, className = '', children }: { id: string; title: string; actions?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section id={id} className={`cc-pane ${className}`} aria-labelledby={`${id}-title`}>
      <div className="cc-pane-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      <div className="cc-pane-body">{children}</div>
    </section>
  );
}

/** The dispatch workspace shared by /console (city-wide) and /ward (the server scopes it to one ward). */
export function Workspace({ user, title, links = [], below }: WorkspaceProps) {
  const can = roleCan(user);
  const [sound, setSound] = useState(true);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  // Fire alarms ring in the alarm panel (with its own reminder); the queue rings for other urgent reports.
  const onArrived = useCallback((i: IncidentSummary) => {
    if (soundRef.current && i.source !== 'alarm' && i.priority <= 2) beep(i.priority === 1);
  }, []);
  const store = useDispatchStore({ onArrived });
  const now = useNow(store.live.clockOffsetMs);
  const { names: wardNames, list: wards } = useWards();

  const [filter, setFilter] = useState<QueueFilter>(EMPTY_FILTER);
  const [cursor, setCursor] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const actions = useRef<DetailActions | null>(null);
  const shownPosted = useRef(new Set<string>());

  // Overdue is recomputed every tick, but the Set (and so the queue filter and the map's marker pass) only
  // changes when the overdue incidents do.
  const overdueIds = store.incidents.filter((i) => overdueAt(i, now)).map((i) => i.id).join(',');
  const overdue = useMemo(() => new Set(overdueIds ? overdueIds.split(',') : []), [overdueIds]);
  const items = useMemo(() => applyFilter(store.incidents, filter, wardNames, overdue), [store.incidents, filter, wardNames, overdue]);
  const openedIncident = opened ? (store.incidentById[opened] ?? null) : null;
  const unitsKey = useMemo(() => store.units.map((u) => `${u.id}:${u.status}`).join(','), [store.units]);
  const newCount = store.incidents.filter((i) => i.status === 'new').length;
  const newAlarms = store.incidents.filter((i) => i.status === 'new' && i.source === 'alarm').length;

  // NFPA 72 "shown" measure: the first time an incident is on a console screen.
  const onDisplayed = useCallback(
    (ids: string[]) => {
      if (!can.write) return;
      for (const id of ids) {
        const i = store.incidentById[id];
        if (!i || i.times?.shownAt || shownPosted.current.has(id)) continue;
        shownPosted.current.add(id);
        dispatchApi.shown(id).then(
          (r) => store.upsertIncident(r.incident),
          () => shownPosted.current.delete(id),
        );
      }
    },
    [can.write, store],
  );

  // Opening from the queue or the keyboard moves focus to the detail heading (once it has loaded).
  const [focusReq, setFocusReq] = useState<{ id: string; n: number } | null>(null);
  const open = useCallback((id: string, focus = true) => {
    setOpened(id);
    setCursor(id);
    if (focus) setFocusReq((r) => ({ id, n: (r?.n ?? 0) + 1 }));
  }, []);

  const move = useCallback(
    (delta: number | 'first' | 'last') => {
      if (!items.length) return;
      const idx = items.findIndex((i) => i.id === cursor);
      const next = delta === 'first' ? 0 : delta === 'last' ? items.length - 1 : idx < 0 ? 0 : Math.min(items.length - 1, Math.max(0, idx + delta));
      const id = items[next]!.id;
      setCursor(id);
      const el = document.getElementById(optionId(id));
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: 'nearest' });
    },
    [items, cursor],
  );

  // Keyboard shortcuts (see ShortcutHelp).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      unlockAudio();
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (newOpen || helpOpen || isTyping(e.target)) return;
      const target = e.target as HTMLElement;
      const inQueue = Boolean(target.closest?.('.q-list'));
      const onControl = Boolean(target.closest?.('button, a, summary, [role="region"]')) && !inQueue;
      const k = e.key;
      const handled = () => e.preventDefault();
      if (k === 'j' || (k === 'ArrowDown' && inQueue)) return handled(), move(1);
      if (k === 'k' || (k === 'ArrowUp' && inQueue)) return handled(), move(-1);
      if (inQueue && k === 'Home') return handled(), move('first');
      if (inQueue && k === 'End') return handled(), move('last');
      if (k === 'Enter' && !onControl && !inQueue && cursor) return handled(), open(cursor);
      if (k === '/') return handled(), searchRef.current?.focus();
      if (k === '?') return handled(), setHelpOpen(true);
      if (k === 'm') return handled(), document.getElementById('map')?.scrollIntoView({ block: 'nearest' }), document.querySelector<HTMLElement>('.cmap-map')?.focus();
      if (k === 'u') return handled(), document.getElementById('units')?.scrollIntoView({ block: 'nearest' });
      if (!can.write) return;
      if (k === 'n') return handled(), setNewOpen(true);
      if (k === 'a') return handled(), actions.current?.acknowledge();
      if (k === 'd') return handled(), actions.current?.dispatchRecommended();
    };
    const unlock = () => unlockAudio();
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', unlock, { once: true });
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', unlock);
    };
  }, [move, open, cursor, newOpen, helpOpen, can.write]);

  const live = store.live;
  const down = live.status === 'reconnecting';
  const retryIn = live.retryAt ? Math.max(0, Math.ceil((live.retryAt + live.clockOffsetMs - now) / 1000)) : 0;

  return (
    <div className="cc" data-live={live.status}>
      <div className="cc-bar">
        <div className="cc-title">{title}</div>
        <span className={`live-dot live-${live.status}`} role="status" aria-live="polite">
          {live.status === 'open' ? 'Trực tuyến' : live.status === 'connecting' ? 'Đang kết nối…' : 'Mất kết nối'}
        </span>
        <span className="cc-clock" title="Giờ máy chủ (Hà Nội)">
          {timeOf(new Date(now).toISOString())}
        </span>
        <span className="cc-counter">
          Mới: <strong>{newCount}</strong>
        </span>
        <span className={`cc-counter ${overdue.size ? 'cc-counter-bad' : ''}`}>
          Quá hạn: <strong>{overdue.size}</strong>
        </span>
        {newAlarms > 0 && (
          <a className="cc-counter cc-counter-bad cc-counter-link" href="#alarms">
            Báo cháy mới: <strong>{newAlarms}</strong>
          </a>
        )}
        {links.length > 0 && (
          <nav className="cc-links" aria-label="Phần dưới của trang">
            {links.map(([id, label]) => (
              <a key={id} href={`#${id}`}>
                {label}
              </a>
            ))}
          </nav>
        )}
        <div className="cc-actions">
          {can.write && (
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setNewOpen(true)} aria-keyshortcuts="n">
              Sự việc mới <kbd>n</kbd>
            </button>
          )}
          <button type="button" className="btn btn-light btn-sm" aria-pressed={sound} onClick={() => (unlockAudio(), setSound((s) => !s))}>
            {sound ? 'Âm báo: bật' : 'Âm báo: tắt'}
          </button>
          <button type="button" className="btn btn-light btn-sm" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            Phím tắt <kbd>?</kbd>
          </button>
        </div>
      </div>
      {down && (
        <p className="cc-banner" role="alert">
          <strong>Mất kết nối</strong> với máy chủ — dữ liệu trên màn hình có thể chưa cập nhật. Đang thử kết nối lại
          {retryIn > 0 ? ` sau ${retryIn} giây` : '…'} (lần {live.attempt}). Khi có kết nối, hàng đợi sẽ tự tải lại.
        </p>
      )}
      {store.error && (
        <p className="alert alert-error" role="alert">
          Chưa tải được dữ liệu: {store.error}{' '}
          <button type="button" className="btn-link" onClick={store.resync}>
            Thử lại
          </button>
        </p>
      )}
      {!can.write && <p className="cc-readonly">Chế độ chỉ xem: anh/chị xem được toàn bộ diễn biến nhưng không thao tác điều phối.</p>}

      <div className="cc-grid">
        <Pane id="incidents" title="Hàng đợi sự việc" className="cc-queue">
          <IncidentQueue
            items={items}
            total={store.incidents.length}
            filter={filter}
            onFilter={setFilter}
            wardNames={wardNames}
            wardOptions={can.scope ? null : wards.map((w) => ({ code: w.code, name: w.name }))}
            nowMs={now}
            overdue={overdue}
            fresh={store.fresh}
            dupes={store.dupes}
            cursorId={cursor}
            openedId={opened}
            onCursor={setCursor}
            onOpen={(id) => open(id)}
            onDisplayed={onDisplayed}
            searchRef={searchRef}
            loaded={store.loaded}
          />
        </Pane>
        <Pane id="detail" title="Chi tiết sự việc" className="cc-detail">
          {opened ? (
            <IncidentDetail
              key={opened}
              id={opened}
              version={store.versions[opened] ?? 0}
              unitsKey={unitsKey}
              canWrite={can.write}
              wardNames={wardNames}
              nowMs={now}
              onUpsert={store.upsertIncident}
              onUnits={(us: Unit[]) => us.forEach(store.upsertUnit)}
              onOpen={(id) => open(id)}
              actionsRef={actions}
              headingRef={headingRef}
              focusRequest={focusReq?.id === opened ? focusReq.n : 0}
            />
          ) : (
            <div className="detail-empty">
              <p>Chọn một sự việc trong hàng đợi hoặc trên bản đồ để xem chi tiết.</p>
              <p className="muted small">
                Phím <kbd>j</kbd>/<kbd>k</kbd> để di chuyển, <kbd>Enter</kbd> để mở, <kbd>?</kbd> để xem mọi phím tắt.
              </p>
            </div>
          )}
        </Pane>
        <div className="cc-side">
          <Pane id="map" title={can.scope ? 'Bản đồ địa bàn' : 'Bản đồ 126 xã/phường'} className="cc-map">
            <Suspense fallback={<Loading label="Đang tải bản đồ…" />}>
              <ConsoleMap
                incidents={store.incidents}
                units={store.units}
                selectedId={opened}
                onSelect={(id) => open(id, false)}
                wardNames={wardNames}
                homeWard={can.scope}
                overdue={overdue}
                label={can.scope ? 'Bản đồ địa bàn: sự việc và lực lượng' : 'Bản đồ Hà Nội: ranh giới 126 xã/phường, sự việc, báo cháy và lực lượng'}
              />
            </Suspense>
          </Pane>
          <Pane id="units" title="Lực lượng" className="cc-units">
            <UnitBoard
              units={store.units}
              incidentById={store.incidentById}
              wardNames={wardNames}
              nowMs={now}
              canCommand={(u) => can.write && (can.scope === null || u.wardCode === can.scope)}
              onUnit={store.upsertUnit}
              onOpenIncident={(id) => open(id)}
              loaded={store.loaded}
            />
          </Pane>
        </div>
      </div>

      {below?.({
        opened: openedIncident,
        subscribe: store.subscribe,
        nowMs: now,
        openIncident: (id) => {
          open(id);
          document.getElementById('detail')?.scrollIntoView({ block: 'nearest' });
        },
      })}

      <Dialog open={newOpen} title="Nhập sự việc mới" onClose={() => setNewOpen(false)} wide>
        <NewIncidentForm
          wards={wards}
          fixedWard={can.scope}
          onCreated={(i) => {
            store.upsertIncident(i);
            setNewOpen(false);
            setFilter(EMPTY_FILTER);
            open(i.id);
          }}
        />
      </Dialog>
      <Dialog open={helpOpen} title="Phím tắt" onClose={() => setHelpOpen(false)}>
        <ShortcutHelp canWrite={can.write} />
      </Dialog>
    </div>
  );
}
