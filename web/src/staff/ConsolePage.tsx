import { useState } from 'react';
import { Alert, ComingSoon } from '../components/Status.tsx';
import { WardMap } from '../wards/LazyWardMap.tsx';
import { StaffSection, StaffShell } from './StaffShell.tsx';

/** `/console`: the city command center for dispatchers, admins and (read-only) leaders. */
export function ConsolePage() {
  const [selected, setSelected] = useState<{ code: string; name: string } | null>(null);
  return (
    <StaffShell
      page="/console"
      sections={() => [
        { id: 'incidents', label: 'Hàng đợi sự việc' },
        { id: 'map', label: 'Bản đồ' },
        { id: 'alarms', label: 'Báo cháy, báo động' },
        { id: 'units', label: 'Lực lượng' },
      ]}
    >
      {(user) => (
        <>
          <h1 className="page-title">Trung tâm chỉ huy Công an TP Hà Nội</h1>
          {user.role === 'leader' && <Alert kind="info">Chế độ xem dành cho lãnh đạo: chỉ xem, không thao tác điều phối. Thống kê sẽ được bổ sung.</Alert>}
          <div className="console-grid">
            <StaffSection id="incidents" title="Hàng đợi sự việc">
              {/* Slot: live incident queue (GET /api/v1/incidents + WebSocket) — filled by the dispatch issue. */}
              <ComingSoon>Danh sách sự việc mới tiếp nhận từ tổng đài, trợ lý ảo và thiết bị báo cháy sẽ hiển thị tại đây theo thời gian thực.</ComingSoon>
            </StaffSection>
            <StaffSection id="map" title="Bản đồ 126 xã/phường">
              <WardMap highlightCode={selected?.code ?? null} zoomToHighlight={false} onSelect={(code, name) => setSelected({ code, name })} />
              <p className="muted" aria-live="polite">
                {selected ? `Đang chọn: ${selected.name} (mã ${selected.code})` : 'Chọn một xã/phường trên bản đồ để đánh dấu.'}
              </p>
            </StaffSection>
          </div>
          <StaffSection id="alarms" title="Báo cháy, báo động">
            {/* Slot: alarm events from the DC-09 receiver — filled by the alarms issue. */}
            <ComingSoon>Tín hiệu từ thiết bị báo cháy (chuẩn SIA DC-09) sẽ hiển thị tại đây.</ComingSoon>
          </StaffSection>
          <StaffSection id="units" title="Lực lượng">
            {/* Slot: units and their status — filled by the dispatch issue. */}
            <ComingSoon>Tình trạng các tổ công tác, công an xã/phường sẵn sàng điều động sẽ hiển thị tại đây.</ComingSoon>
          </StaffSection>
        </>
      )}
    </StaffShell>
  );
}
