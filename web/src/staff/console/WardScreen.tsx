import { useEffect, useState } from 'react';
import { api, errorMessage, type StaffUser, type WardDetail } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { WardInfo } from '../../wards/WardInfo.tsx';
import { policeUnitName } from '../../wards/ward-text.ts';
import { AlarmPanel } from '../alarms/AlarmPanel.tsx';
import { StaffSection } from '../StaffShell.tsx';
import { HandoffsPanel } from './HandoffsPanel.tsx';
import { ReportsPanel } from './ReportsPanel.tsx';
import { Workspace } from './Workspace.tsx';

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

/** The ward officer's workspace: incidents, map and units of the ward, then alarms, hand-offs, reports and the unit's details. */
export function WardScreen({ user }: { user: StaffUser }) {
  const code = user.wardCode;
  const { detail, error } = useWardDetail(code);
  const ward = detail?.ward;
  const title = ward ? (detail.policeUnit?.name ?? policeUnitName(ward.name)) : 'Công an xã/phường';
  if (!code) {
    return (
      <>
        <h1 className="page-title">{title}</h1>
        <Alert kind="warning">Tài khoản chưa được gán xã/phường. Vui lòng liên hệ quản trị viên.</Alert>
      </>
    );
  }
  return (
    <Workspace
      user={user}
      title={<h1 className="cc-h1">{title}</h1>}
      links={[
        ['alarms', 'Báo cháy'],
        ['handoffs', 'Tiếp nhận, bàn giao'],
        ['reports', 'Tin báo'],
        ['info', 'Thông tin đơn vị'],
      ]}
      below={({ subscribe, nowMs, openIncident }) => (
        <div className="cc-below">
          <StaffSection id="alarms" title="Báo cháy, báo động">
            <AlarmPanel user={user} subscribe={subscribe} onOpenIncident={openIncident} />
          </StaffSection>
          <StaffSection id="handoffs" title="Người dân cần gặp cán bộ (chuyển từ trợ lý ảo)">
            <HandoffsPanel user={user} subscribe={subscribe} nowMs={nowMs} />
          </StaffSection>
          <StaffSection id="reports" title="Tin báo, tố giác của người dân">
            <ReportsPanel user={user} subscribe={subscribe} />
          </StaffSection>
          <StaffSection id="info" title="Thông tin đơn vị">
            {error && <Alert kind="error">{error}</Alert>}
            {!detail && !error && <Loading label="Đang tải thông tin xã/phường…" />}
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
        </div>
      )}
    />
  );
}
