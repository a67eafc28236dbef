import { lazy, Suspense } from 'react';
import { Loading } from '../components/Status.tsx';
import { StaffShell } from './StaffShell.tsx';

// The workspace code (and Leaflet) loads only for signed-in officers, not on citizen pages.
const WardScreen = lazy(() => import('./console/WardScreen.tsx').then((m) => ({ default: m.WardScreen })));

/** `/ward`: a ward officer's workspace, scoped by the server to the one ward of their account. */
export function WardOfficerPage() {
  return (
    <StaffShell page="/ward" sections={() => []}>
      {(user) => (
        <Suspense fallback={<Loading label="Đang tải màn hình làm việc…" />}>
          <WardScreen user={user} />
        </Suspense>
      )}
    </StaffShell>
  );
}
