import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { INCIDENT_SOURCE_LABELS, INCIDENT_TYPE_LABELS, INCIDENT_TYPES, PRIORITY_LABELS } from '../../../../src/dispatch/model.ts';
import { clockDuration } from './format.ts';
import { ALARM_PATH, Glyph, TYPE_PATHS } from './icons.tsx';
import { EMPTY_FILTER, filterActive, STATUS_GROUPS, type QueueFilter, type StatusGroup } from './queue.ts';
import { exceededAt, FRESH_MS } from './store.ts';
import type { Incident, IncidentSource, IncidentType } from './types.ts';
import { wardLabel } from './wards.ts';

interface QueueProps {
  /** Already filtered and sorted. */
  items: Incident[];
  total: number;
  filter: QueueFilter;
  onFilter: (f: QueueFilter) => void;
  wardNames: Record<string, string>;
  wardOptions: Array<{ code: string; name: string }> | null;
  nowMs: number;
  /** Ids of the incidents overdue now. */
  overdue: ReadonlySet<string>;
  fresh: Record<string, number>;
  /** Possible duplicates (id → other open incidents). */
  dupes: Record<string, string[]>;
  cursorId: string | null;
  openedId: string | null;
  onCursor: (id: string) => void;
  onOpen: (id: string) => void;
  /** Rows on screen, reported after each render (the first display is recorded for NFPA 72). */
  onDisplayed?: (ids: string[]) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  loaded: boolean;
}

export const optionId = (id: string) => `q-${id}`;

export function IncidentQueue(p: QueueProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const ids = p.items.map((i) => i.id).join(',');
  const displayed = useRef(p.onDisplayed);
  displayed.current = p.onDisplayed;
  useEffect(() => {
    if (ids) displayed.current?.(ids.split(','));
  }, [ids]);

  const set = <K extends keyof QueueFilter>(k: K, v: QueueFilter[K]) => p.onFilter({ ...p.filter, [k]: v });

  const onKey = (e: KeyboardEvent<HTMLLIElement>, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      p.onOpen(id);
    }
  };

  return (
    <div className="q">
      <div className="q-filters" role="search" aria-label="Lọc hàng đợi">
        <input
          ref={p.searchRef}
          type="search"
          className="q-search"
          placeholder="Tìm mã, loại, xã/phường, địa chỉ… (phím /)"
          aria-label="Tìm trong hàng đợi"
          value={p.filter.q}
          onChange={(e) => set('q', e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              set('q', '');
              listRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
            }
            if (e.key === 'Enter' && p.items[0]) {
              e.preventDefault();
              p.onCursor(p.items[0].id);
              p.onOpen(p.items[0].id);
            }
          }}
        />
        <select aria-label="Lọc theo trạng thái" value={p.filter.group} onChange={(e) => set('group', e.target.value as StatusGroup)}>
          {Object.entries(STATUS_GROUPS).map(([k, g]) => (
            <option key={k} value={k} title={g.title}>
              {g.label}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo loại sự việc" value={p.filter.type} onChange={(e) => set('type', e.target.value as IncidentType | '')}>
          <option value="">Mọi loại</option>
          {INCIDENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {INCIDENT_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo mức ưu tiên" value={p.filter.priority} onChange={(e) => set('priority', e.target.value)}>
          <option value="">Mọi ưu tiên</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={String(n)}>
              {n} – {PRIORITY_LABELS[n]}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo nguồn tin" value={p.filter.source} onChange={(e) => set('source', e.target.value as IncidentSource | '')}>
          <option value="">Mọi nguồn tin</option>
          {Object.entries(INCIDENT_SOURCE_LABELS).map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
        {p.wardOptions && (
          <select aria-label="Lọc theo xã/phường" value={p.filter.ward} onChange={(e) => set('ward', e.target.value)}>
            <option value="">Mọi xã/phường</option>
            {p.wardOptions.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        )}
        <label className="q-check">
          <input type="checkbox" checked={p.filter.overdueOnly} onChange={(e) => set('overdueOnly', e.target.checked)} /> Chỉ quá hạn
        </label>
      </div>
      <p className="q-count" aria-live="polite">
        {p.loaded ? (filterActive(p.filter) ? `${p.items.length} / ${p.total} sự việc khớp bộ lọc` : `${p.total} sự việc chưa đóng`) : 'Đang tải hàng đợi…'}
        {filterActive(p.filter) && (
          <button type="button" className="btn-link q-clear" onClick={() => p.onFilter(EMPTY_FILTER)}>
            Bỏ lọc
          </button>
        )}
      </p>
      <ul ref={listRef} className="q-list" role="listbox" aria-label="Hàng đợi sự việc" aria-describedby="q-help">
        {p.items.map((i) => {
          const overdue = p.overdue.has(i.id);
          const exceeded = !overdue && exceededAt(i, p.nowMs);
          const isFresh = (p.fresh[i.id] ?? 0) > Date.now() - FRESH_MS;
          const selected = p.cursorId === i.id;
          const cls = ['q-row', `prio-${i.priority}`, overdue && 'is-overdue', isFresh && 'is-fresh', p.openedId === i.id && 'is-open'].filter(Boolean).join(' ');
          return (
            <li
              key={i.id}
              id={optionId(i.id)}
              role="option"
              aria-selected={selected}
              tabIndex={selected || (!p.cursorId && i === p.items[0]) ? 0 : -1}
              className={cls}
              data-incident={i.id}
              onClick={() => {
                p.onCursor(i.id);
                p.onOpen(i.id);
              }}
              onKeyDown={(e) => onKey(e, i.id)}
            >
              <span className="q-prio" title={`Ưu tiên ${i.priority}: ${i.priorityLabel}`}>
                <Glyph d={TYPE_PATHS[i.type]} />
                <span className="q-prio-n">P{i.priority}</span>
              </span>
              <span className="q-main">
                <span className="q-line1">
                  <strong className="q-type">{i.typeLabel}</strong>
                  {i.source === 'alarm' && (
                    <span className="q-alarm" title="Tín hiệu từ thiết bị báo cháy/báo động">
                      <Glyph d={ALARM_PATH} />
                    </span>
                  )}
                  {i.isDemo && <span className="demo-tag">DEMO</span>}
                  {p.dupes[i.id] && (
                    <span className="dupe-tag" title="Có báo cáo khác gần đó về cùng loại sự việc: mở chi tiết để xem đề xuất gộp">
                      Có thể trùng
                    </span>
                  )}
                </span>
                <span className="q-line2">
                  <span className="q-code">{i.code}</span> · {wardLabel(p.wardNames, i.wardCode)} · {i.sourceLabel}
                </span>
              </span>
              <span className="q-side">
                <span className={`status-badge st-${i.status}`}>{i.statusLabel}</span>
                <span className="q-age" title="Thời gian từ khi nhận tin">
                  {overdue && <span className="overdue-tag">Quá hạn</span>}
                  {exceeded && (
                    <span className="exceeded-tag" title="Một bước xử lý đã vượt chuẩn thời gian">
                      Vượt chuẩn
                    </span>
                  )}
                  <time dateTime={i.receivedAt}>{clockDuration(p.nowMs - Date.parse(i.receivedAt))}</time>
                </span>
              </span>
              <span className="visually-hidden">
                {', '}ưu tiên {i.priorityLabel}
                {isFresh ? ', mới đến' : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {p.loaded && p.items.length === 0 && <p className="q-empty">{p.total ? 'Không có sự việc nào khớp bộ lọc.' : 'Chưa có sự việc nào đang mở.'}</p>}
      <p id="q-help" className="visually-hidden">
        Dùng phím j, k hoặc mũi tên lên, xuống để di chuyển; Enter để mở chi tiết.
      </p>
    </div>
  );
}
