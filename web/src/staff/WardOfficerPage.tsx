import { useEffect, useState } from 'react';
import { api, errorMessage, type Ward } from '../api.ts';
import { Alert, ComingSoon, Loading } from '../components/Status.tsx';
import { WardInfo } from '../wards/WardInfo.tsx';
import { WardMap } from '../wards/LazyWardMap.tsx';
import { policeUnitName } from '../wards/ward-text.ts';
import { StaffSection, StaffShell } from './StaffShell.tsx';

function useWard(code: string | null) {
  const [ward, setWard] = useState<Ward | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    const c = new AbortController();
    api.wards(c.signal).then(
      (list) => {
        const w = list.find((x) => x.code === code);
        if (w) setWard(w);
        else setError('Không tìm thấy xã/phường được gán cho tài khoản này.');
      },
      (e) => !c.signal.aborted && setError(errorMessage(e)),
    );
    return () => c.abort();
  }, [code]);
  return { ward, error };
}

function WardHome({ code }: { code: string | null }) {
  const { ward, error } = useWard(code);
  return (
    <>
      <h1 className="page-title">{ward ? policeUnitName(ward.name) : 'Công an xã/phường'}</h1>
      {!code && <Alert kind="warning">Tài khoản chưa được gán xã/phường. Vui lòng liên hệ quản trị viên.</Alert>}
      <StaffSection id="info" title="Thông tin đơn vị">
        {error && <Alert kind="error">{error}</Alert>}
        {code && !ward && !error && <Loading label="Đang tải thông tin xã/phường…" />}
        {ward && (
          <div className="card">
            <p className="ward-name-line">
              <strong>{ward.name}</strong> <span className="muted">(mã {ward.code})</span>
            </p>
            <WardInfo ward={ward} showStats />
          </div>
        )}
      </StaffSection>
      <StaffSection id="map" title="Bản đồ địa bàn">
        <WardMap highlightCode={code} label={ward ? `Bản đồ địa bàn ${ward.name}` : undefined} />
      </StaffSection>
      <StaffSection id="incidents" title="Sự việc trên địa bàn">
        {/* Slot: incidents of this ward (GET /api/v1/incidents is scoped to the officer's ward). */}
        <ComingSoon>Các sự việc được chuyển về xã/phường sẽ hiển thị tại đây.</ComingSoon>
      </StaffSection>
      <StaffSection id="handoffs" title="Tiếp nhận, bàn giao">
        {/* Slot: hand-offs between the command center and the ward. */}
        <ComingSoon>Tiếp nhận sự việc do Trung tâm chỉ huy chuyển xuống và báo cáo kết quả xử lý.</ComingSoon>
      </StaffSection>
      <StaffSection id="reports" title="Báo cáo">
        {/* Slot: ward reports. */}
        <ComingSoon>Báo cáo, thống kê của xã/phường sẽ được bổ sung tại đây.</ComingSoon>
      </StaffSection>
    </>
  );
}

/** `/ward`: a ward officer's page, scoped to the one ward of their account. */
export function WardOfficerPage() {
  return (
    <StaffShell
      page="/ward"
      sections={() => [
        { id: 'info', label: 'Thông tin đơn vị' },
        { id: 'map', label: 'Bản đồ địa bàn' },
        { id: 'incidents', label: 'Sự việc' },
        { id: 'handoffs', label: 'Tiếp nhận, bàn giao' },
        { id: 'reports', label: 'Báo cáo' },
      ]}
    >
      {(user) => <WardHome code={user.wardCode} />}
    </StaffShell>
  );
}
