import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { UNIT_KIND_LABELS, UNIT_STATUS_LABELS } from '../../../../src/dispatch/model.ts';
import { dispatchApi } from './client.ts';
import { clockDuration } from './format.ts';
import { Glyph, KIND_PATHS } from './icons.tsx';
import type { Incident, Unit, UnitStatus } from './types.ts';
import { UNIT_STATUS_SHORT } from './timeline-text.ts';
import { wardLabel } from './wards.ts';

const GROUPS: Array<{ key: string; label: string; short: string; statuses: UnitStatus[] }> = [
  { key: 'busy', label: 'Đang điều động', short: 'Điều động', statuses: ['dispatched', 'en_route'] },
  { key: 'scene', label: 'Tại hiện trường', short: 'Hiện trường', statuses: ['on_scene'] },
  { key: 'available', label: 'Sẵn sàng', short: 'Sẵn sàng', statuses: ['available'] },
  { key: 'returning', label: 'Quay về', short: 'Quay về', statuses: ['returning'] },
  { key: 'off', label: 'Ngoài ca', short: 'Ngoài ca', statuses: ['off_duty'] },
];

type Settable = Exclude<UnitStatus, 'dispatched'>;


/** Statuses a unit may be set to from the board (the server has the final word). */
function choices(u: Unit): Settable[] {
  const working = Boolean(u.currentIncidentId);
  const all: Settable[] = working ? ['en_route', 'on_scene', 'returning', 'available'] : ['available', 'returning', 'off_duty'];
  return all.filter((s) => s !== u.status);
}

interface Props {
  units: Unit[];
  incidentById: Record<string, Incident>;
  wardNames: Record<string, string>;
  nowMs: number;
  /** May this user change the unit's status? */
  canCommand: (u: Unit) => boolean;
  onUnit: (u: Unit) => void;
  onOpenIncident: (id: string) => void;
  loaded: boolean;
}

export function UnitBoard(p: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const change = async (u: Unit, status: Settable) => {
    setBusy(u.id);
    setMsg(null);
    try {
      const next = await dispatchApi.setUnitStatus(u.id, status);
      p.onUnit(next);
      setMsg({ kind: 'ok', text: `${next.callSign}: ${next.statusLabel}.` });
    } catch (e) {
      setMsg({ kind: 'error', text: `Chưa đổi được trạng thái ${u.callSign}: ${errorMessage(e)}` });
    } finally {
      setBusy(null);
    }
  };

  if (!p.units.length) return <p className="ub-empty muted">{p.loaded ? 'Chưa có lực lượng nào trong phạm vi của anh/chị.' : 'Đang tải danh sách lực lượng…'}</p>;
  const counts = GROUPS.map((g) => ({ ...g, units: p.units.filter((u) => g.statuses.includes(u.status)) }));

  return (
    <div className="ub">
      <p className="ub-summary">
        {p.units.some((u) => u.isDemo) && <span className="demo-tag" title="DỮ LIỆU DEMO">DEMO</span>}
        {counts.map((g) => (
          <span key={g.key} className={`ub-count ubc-${g.key}`} title={g.label}>
            {g.short}: <strong>{g.units.length}</strong>
          </span>
        ))}
      </p>
      {msg && (
        <p className={`alert ${msg.kind === 'ok' ? 'alert-success' : 'alert-error'} detail-msg`} role={msg.kind === 'ok' ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
      <div className="ub-scroll">
        <table className="ub-table">
          <thead>
            <tr>
              <th scope="col">Hô hiệu</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Sự việc</th>
              <th scope="col">
                <span className="visually-hidden">Đổi trạng thái</span>
              </th>
            </tr>
          </thead>
          {counts
            .filter((g) => g.units.length)
            .map((g) => (
              <tbody key={g.key}>
                <tr className="ub-group">
                  <th colSpan={5} scope="colgroup">
                    {g.label} ({g.units.length})
                  </th>
                </tr>
                {g.units.map((u) => {
                  const inc = u.currentIncidentId ? p.incidentById[u.currentIncidentId] : undefined;
                  const opts = p.canCommand(u) ? choices(u) : [];
                  return (
                    <tr key={u.id} data-unit={u.callSign} className={`ub-row us-row-${u.status}`}>
                      <th scope="row" title={`${u.name} — ${UNIT_KIND_LABELS[u.kind]} — ${wardLabel(p.wardNames, u.wardCode)}`}>
                        <Glyph d={KIND_PATHS[u.kind]} className="glyph ub-glyph" />
                        {u.callSign}
                      </th>
                      <td>
                        <span className={`unit-status us-${u.status}`} title={UNIT_STATUS_LABELS[u.status]}>
                          {UNIT_STATUS_SHORT[u.status]}
                        </span>
                      </td>
                      <td className="ub-timer">
                        <time dateTime={u.statusSince ?? undefined}>{u.statusSince ? clockDuration(p.nowMs - Date.parse(u.statusSince)) : '—'}</time>
                      </td>
                      <td>
                        {u.currentIncidentId ? (
                          <button type="button" className="btn-link" onClick={() => p.onOpenIncident(u.currentIncidentId!)}>
                            {inc?.code ?? 'Mở sự việc'}
                          </button>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        {opts.length > 0 && (
                          <select
                            aria-label={`Đổi trạng thái ${u.callSign}`}
                            value=""
                            disabled={busy === u.id}
                            onChange={(e) => e.target.value && void change(u, e.target.value as Settable)}
                          >
                            <option value="">Đổi…</option>
                            {opts.map((s) => (
                              <option key={s} value={s}>
                                {UNIT_STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
        </table>
      </div>
    </div>
  );
}
