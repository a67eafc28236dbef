import { useEffect, useId, useMemo, useState } from 'react';
import { api, errorMessage, type PoliceUnit, type Ward } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';
import { WardInfo } from './WardInfo.tsx';
import { fold } from './ward-text.ts';

const collator = new Intl.Collator('vi');

/** All current units, filterable by name (with or without diacritics), grouped phường / xã. */
export function WardList() {
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [police, setPolice] = useState<Map<string, PoliceUnit>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const filterId = useId();

  const load = () => {
    const c = new AbortController();
    setError(null);
    api
      .wards(c.signal)
      .then(setWards)
      .catch((e) => !c.signal.aborted && setError(errorMessage(e)));
    // Contacts are optional here: without them each unit says "chưa cập nhật".
    api
      .policeUnits(c.signal)
      .then((units) => setPolice(new Map(units.filter((u) => u.wardCode).map((u) => [u.wardCode!, u]))))
      .catch(() => undefined);
    return () => c.abort();
  };
  useEffect(load, []);

  const groups = useMemo(() => {
    if (!wards) return [];
    const f = fold(filter);
    const shown = wards.filter((w) => !f || fold(w.name).includes(f)).sort((a, b) => collator.compare(a.name, b.name));
    const phuong = shown.filter((w) => fold(w.type ?? w.name).startsWith('phuong'));
    const others = shown.filter((w) => !phuong.includes(w));
    return [
      { title: 'Phường', items: phuong },
      { title: 'Xã', items: others },
    ].filter((g) => g.items.length);
  }, [wards, filter]);

  const shownCount = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <div className="ward-list">
      <div className="field">
        <label htmlFor={filterId}>Lọc theo tên xã/phường</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="VD: Hoàn Kiếm" autoComplete="off" />
      </div>
      {error && (
        <Alert kind="error" title="Chưa tải được danh sách xã/phường">
          {error}{' '}
          <button type="button" className="btn btn-link" onClick={load}>
            Thử lại
          </button>
        </Alert>
      )}
      {!wards && !error && <Loading label="Đang tải danh sách xã/phường…" />}
      {wards && (
        <p className="list-count" role="status">
          {filter ? `Tìm thấy ${shownCount}/${wards.length} đơn vị` : `${wards.length} đơn vị hành chính cấp xã`}
        </p>
      )}
      {groups.map((g) => (
        <section key={g.title} aria-label={`${g.title} (${g.items.length})`}>
          <h3 className="list-group-title">
            {g.title} ({g.items.length})
          </h3>
          <ul className="ward-items">
            {g.items.map((w) => (
              <li key={w.code}>
                <details>
                  <summary>{w.name}</summary>
                  <WardInfo ward={w} police={police.get(w.code)} showStats />
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
