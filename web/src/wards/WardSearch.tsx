import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, type Ward, type WardMatch } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';
import { WardMatches } from './WardMatches.tsx';
import { formatNumber } from './ward-text.ts';

type Result =
  | { kind: 'idle' }
  | { kind: 'loading'; label: string }
  | { kind: 'found'; matches: WardMatch[]; notes: string[]; source: 'search' | 'location' }
  | { kind: 'empty'; source: 'search' | 'location' }
  | { kind: 'error'; message: string };

/** A located unit with its police unit (the locate answer carries only the unit). */
async function withPolice(ward: Ward, signal: AbortSignal): Promise<WardMatch> {
  try {
    const detail = await api.ward(ward.code, signal);
    return { ...ward, policeUnit: detail.policeUnit };
  } catch {
    return ward;
  }
}

const GEO_ERRORS: Record<number, string> = {
  1: 'Anh/chị chưa cho phép trang web truy cập vị trí. Vui lòng cho phép trong cài đặt trình duyệt hoặc nhập địa chỉ vào ô tìm kiếm.',
  2: 'Chưa xác định được vị trí của thiết bị. Vui lòng thử lại hoặc nhập địa chỉ vào ô tìm kiếm.',
  3: 'Lấy vị trí quá lâu. Vui lòng thử lại hoặc nhập địa chỉ vào ô tìm kiếm.',
};

/** Finds the current unit for an old or new address, or for the device's location. */
export function WardSearch({ initialQuery = '', onQueryChange }: { initialQuery?: string; onQueryChange?: (q: string) => void }) {
  const [q, setQ] = useState(initialQuery);
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const inputId = useId();
  const hintId = useId();
  const pending = useRef<AbortController | null>(null);

  const start = () => {
    pending.current?.abort();
    const c = new AbortController();
    pending.current = c;
    return c;
  };

  async function search(text: string) {
    const query = text.trim();
    if (!query) {
      setResult({ kind: 'error', message: 'Vui lòng nhập địa chỉ hoặc tên xã/phường cần tìm.' });
      return;
    }
    const c = start();
    setResult({ kind: 'loading', label: 'Đang tra cứu…' });
    try {
      const { matches, notes } = await api.resolveWard(query, c.signal);
      setResult(matches.length ? { kind: 'found', matches, notes, source: 'search' } : { kind: 'empty', source: 'search' });
    } catch (e) {
      if (!c.signal.aborted) setResult({ kind: 'error', message: errorMessage(e) });
    }
  }

  useEffect(() => {
    if (initialQuery.trim()) void search(initialQuery);
    return () => pending.current?.abort();
    // Only the query the page was opened with.
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onQueryChange?.(q.trim());
    void search(q);
  };

  const locate = () => {
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setResult({ kind: 'error', message: 'Trình duyệt này không hỗ trợ lấy vị trí (cần kết nối bảo mật https). Vui lòng nhập địa chỉ vào ô tìm kiếm.' });
      return;
    }
    const c = start();
    setResult({ kind: 'loading', label: 'Đang lấy vị trí của anh/chị…' });
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        if (c.signal.aborted) return;
        setResult({ kind: 'loading', label: 'Đang xác định xã/phường tại vị trí này…' });
        try {
          const r = await api.locateWard(pos.coords.latitude, pos.coords.longitude, c.signal);
          const notes = r.note ? [r.note] : [];
          if (r.candidates.length || r.ward) {
            const wards = r.candidates.length ? r.candidates : [r.ward!];
            setResult({ kind: 'found', matches: await Promise.all(wards.map((w) => withPolice(w, c.signal))), notes, source: 'location' });
          } else if (r.nearest) {
            const near = `Vị trí của anh/chị nằm ngoài ranh giới đã biết; đơn vị gần nhất (cách khoảng ${formatNumber(r.nearest.distanceM)} m) là ${r.nearest.name}.`;
            setResult({ kind: 'found', matches: [await withPolice(r.nearest, c.signal)], notes: [near, ...notes], source: 'location' });
          } else {
            setResult({ kind: 'empty', source: 'location' });
          }
        } catch (e) {
          if (c.signal.aborted) return;
          if (e instanceof ApiError && e.code === 'BOUNDARIES_UNAVAILABLE')
            setResult({ kind: 'error', message: 'Chức năng tìm theo vị trí tạm thời chưa sẵn sàng. Vui lòng nhập địa chỉ vào ô tìm kiếm.' });
          else if (e instanceof ApiError && e.status === 404) setResult({ kind: 'empty', source: 'location' });
          else setResult({ kind: 'error', message: errorMessage(e) });
        }
      },
      (err) => {
        if (!c.signal.aborted) setResult({ kind: 'error', message: GEO_ERRORS[err.code] ?? GEO_ERRORS[2]! });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div className="ward-search">
      <form className="search-form" role="search" onSubmit={onSubmit}>
        <label htmlFor={inputId} className="search-label">
          Nhập địa chỉ cũ hoặc mới (VD: phường Hàng Bạc, quận Hoàn Kiếm)
        </label>
        <p id={hintId} className="hint">
          Có thể nhập tên xã/phường, quận/huyện trước 1/7/2025 hoặc tên đơn vị mới, có dấu hoặc không dấu.
        </p>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            name="q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="VD: phường Hàng Bạc, quận Hoàn Kiếm"
            aria-describedby={hintId}
            autoComplete="street-address"
            maxLength={300}
            enterKeyHint="search"
          />
          <button type="submit" className="btn btn-primary">
            Tra cứu
          </button>
        </div>
      </form>
      <button type="button" className="btn btn-secondary btn-locate" onClick={locate}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
          <path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
        </svg>
        Dùng vị trí của tôi
      </button>

      <div className="search-result" aria-live="polite">
        {result.kind === 'loading' && <Loading label={result.label} />}
        {result.kind === 'error' && <Alert kind="error">{result.message}</Alert>}
        {result.kind === 'empty' &&
          (result.source === 'search' ? (
            <Alert kind="warning" title="Chưa tìm thấy xã/phường phù hợp">
              Anh/chị vui lòng kiểm tra lại tên (VD: “phường Hàng Bạc, quận Hoàn Kiếm”), hoặc chọn trong danh sách 126 xã/phường.
            </Alert>
          ) : (
            <Alert kind="warning" title="Chưa xác định được xã/phường tại vị trí này">
              Vị trí có thể nằm ngoài địa bàn Hà Nội hoặc dữ liệu ranh giới chưa được cập nhật. Vui lòng nhập địa chỉ vào ô tìm kiếm.
            </Alert>
          ))}
        {result.kind === 'found' && (
          <>
            <p className="result-intro">
              {result.source === 'location' ? 'Theo vị trí hiện tại của anh/chị:' : `Kết quả tra cứu (${result.matches.length}):`}
            </p>
            <WardMatches matches={result.matches} notes={result.notes} />
          </>
        )}
      </div>
    </div>
  );
}
