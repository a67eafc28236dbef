import { lazy, Suspense } from 'react';
import { Loading } from '../components/Status.tsx';
import { StaffShell } from './StaffShell.tsx';

// The console code (and Leaflet, further down) loads only for staff who open it, not on citizen pages.
const ConsoleScreen = lazy(() => import('./console/ConsoleScreen.tsx').then((m) => ({ default: m.ConsoleScreen })));

/** `/console`: the city command center for dispatchers, admins and (read-only) leaders. */
export function ConsolePage() {
  return (
    <StaffShell page="/console" sections={() => []}>
      {(user) => (
        <Suspense fallback={<Loading label="Đang tải màn hình chỉ huy…" />}>
          <ConsoleScreen user={user} />
        </Suspense>
      )}
    </StaffShell>
  );
}
