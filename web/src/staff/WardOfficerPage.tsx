import { useEffect, useState } from 'react';
import { api, errorMessage, type WardDetail } from '../api.ts';
import { Alert, ComingSoon, Loading } from '../components/Status.tsx';
import { WardInfo } from '../wards/WardInfo.tsx';
import { WardMap } from '../wards/LazyWardMap.tsx';
import { policeUnitName } from '../wards/ward-text.ts';
import { StaffSection, StaffShell } from './StaffShell.tsx';

function useWardDetail(code: string | null) {
  const [detail, setDetail] = useState<WardDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    const c = new AbortController();
    api.ward(code, c.signal).then(setDetail, (e) => !c.signal.aborted && setError(errorMessage(e)));
    return () => c.abort();
  }, [code]);
  return { detail, error };
}

function FormerUnits({ detail }: { detail: WardDetail }) {
  if (detail.formerUnits.length === 0) return null;
  return (
    <details className="former-units">
      <summary>
        Hình thành từ {detail.formerUnits.length} đơn vị cũ
        {detail.clause ? ` (khoản ${detail.clause.number} Điều 1 Nghị quyết ${detail.clause.resolution})` : ''}
      </summary>
      <ul>
        {detail.formerUnits.map((f) => (
          <li key={f.oldCode}>
            <strong>{f.name}</strong> ({f.district}) — {f.wordingText}
            {f.alsoTo.length > 0 && <span className="muted"> · phần khác thuộc {f.alsoTo.map((a) => a.name).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function WardHome({ code }: { code: string | null }) {
  const { detail, error } = useWardDetail(code);
  const ward = detail?.ward;
  return (
    <>
      <h1 className="page-title">{ward ? (detail.policeUnit?.name ?? policeUnitName(ward.name)) : 'Công an xã/phường'}</h1>
      {!code && <Alert kind="warning">Tài khoản chưa được gán xã/phường. Vui lòng liên hệ quản trị viên.</Alert>}
      <StaffSection id="info" title="Thông tin đơn vị">
        {error && <Alert kind="error">{error}</Alert>}
        {code && !detail && !error && <Loading label="Đang tải thông tin xã/phường…" />}
        {ward && (
          <div className="card">
            <p className="ward-name-line">
              <strong>{ward.name}</strong> <span className="muted">(mã {ward.code})</span>
            </p>
            <WardInfo ward={ward} police={detail.policeUnit} showStats />
            {!detail.policeUnit?.address && !detail.policeUnit?.phone && (
              <p className="hint">Địa chỉ, số điện thoại của công an xã/phường do quản trị viên cập nhật; người dân sẽ thấy thông tin này khi tra cứu.</p>
            )}
            <FormerUnits detail={detail} />
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
