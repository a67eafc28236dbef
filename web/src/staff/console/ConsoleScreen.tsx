import type { StaffUser } from '../../api.ts';
import { AlarmPanel } from '../alarms/AlarmPanel.tsx';
import { StaffSection } from '../StaffShell.tsx';
import { StatsView } from '../stats/StatsView.tsx';
import { roleCan } from './can.ts';
import { HandoffsPanel } from './HandoffsPanel.tsx';
import { ReportsPanel } from './ReportsPanel.tsx';
import { WarningForm } from './WarningForm.tsx';
import { useWards } from './wards.ts';
import { Workspace } from './Workspace.tsx';

/** The city command center: the workspace, then alarms, public warnings and statistics. */
export function ConsoleScreen({ user }: { user: StaffUser }) {
  const can = roleCan(user);
  const { list: wards } = useWards();
  const links: Array<[string, string]> = [
    ['alarms', 'Báo cháy'],
    ['handoffs', 'Gặp cán bộ'],
    ['reports', 'Tin báo'],
  ];
  if (can.warn) links.push(['warnings', 'Cảnh báo CAP']);
  if (can.stats) links.push(['stats', 'Thống kê']);
  return (
    <Workspace
      user={user}
      title={<h1 className="cc-h1">Trung tâm chỉ huy Công an TP Hà Nội</h1>}
      links={links}
      below={({ opened, subscribe, openIncident, nowMs }) => (
        <div className="cc-below">
          <StaffSection id="alarms" title="Báo cháy, báo động">
            <AlarmPanel user={user} subscribe={subscribe} onOpenIncident={openIncident} />
          </StaffSection>
          {/* City-wide: every ward's hand-offs and reports plus the city-level ones (no ward known). */}
          <StaffSection id="handoffs" title="Người dân cần gặp cán bộ (toàn thành phố)">
            <HandoffsPanel user={user} subscribe={subscribe} nowMs={nowMs} />
          </StaffSection>
          <StaffSection id="reports" title="Tin báo, tố giác của người dân (toàn thành phố)">
            <ReportsPanel user={user} subscribe={subscribe} />
          </StaffSection>
          {can.warn && (
            <StaffSection id="warnings" title="Cảnh báo công cộng (CAP 1.2)">
              <WarningForm wards={wards} incident={opened} />
            </StaffSection>
          )}
          {can.stats && (
            <StaffSection id="stats" title="Thống kê">
              <StatsView wards={wards} />
            </StaffSection>
          )}
        </div>
      )}
    />
  );
}
