import { lazy, Suspense } from 'react';
import { Loading } from '../components/Status.tsx';
import type { WardMapProps } from './WardMap.tsx';

// Leaflet is loaded only on the pages that show a map, keeping the citizen pages light on phones.
const WardMapImpl = lazy(() => import('./WardMap.tsx').then((m) => ({ default: m.WardMap })));

export function WardMap(props: WardMapProps) {
  return (
    <Suspense fallback={<Loading label="Đang tải bản đồ…" />}>
      <WardMapImpl {...props} />
    </Suspense>
  );
}
