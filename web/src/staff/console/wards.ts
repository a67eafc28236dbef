import { useEffect, useMemo, useState } from 'react';
import { api, type Ward } from '../../api.ts';

let cache: Promise<Ward[]> | null = null;

/** The 126 current wards (GET /wards), loaded once per page load; code → name. */
export function useWards(): { names: Record<string, string>; list: Ward[] } {
  const [list, setList] = useState<Ward[]>([]);
  useEffect(() => {
    let live = true;
    cache ??= api.wards().catch((e: unknown) => {
      cache = null;
      throw e;
    });
    cache.then(
      (w) => live && setList(w),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const names = useMemo(() => Object.fromEntries(list.map((w) => [w.code, w.name])), [list]);
  return { names, list };
}

export const wardLabel = (names: Record<string, string>, code: string | null) => (code ? (names[code] ?? `Mã ${code}`) : 'Chưa xác định xã/phường');
