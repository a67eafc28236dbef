import { AlarmAccountsSection } from './alarms/AlarmAccountsSection.tsx';
import { AuditSection } from './AuditSection.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { KbSection } from './kb/KbSection.tsx';
import { PoliceUnitsSection } from './PoliceUnitsSection.tsx';
import { StaffSection, StaffShell } from './StaffShell.tsx';
import { UsersSection } from './UsersSection.tsx';

/** `/admin`: administrators (users, audit, alarm accounts) and knowledge editors (knowledge base). */
export function AdminPage() {
  return (
    <StaffShell
      page="/admin"
      sections={(u) =>
        u.role === 'admin'
          ? [
              { id: 'users', label: 'Tài khoản cán bộ' },
              { id: 'police-units', label: 'Liên hệ công an xã/phường' },
              { id: 'audit', label: 'Nhật ký hệ thống' },
              { id: 'alarm-accounts', label: 'Tài khoản báo cháy' },
              { id: 'kb', label: 'Cơ sở tri thức' },
              { id: 'account', label: 'Tài khoản của tôi' },
            ]
          : [
              { id: 'kb', label: 'Cơ sở tri thức' },
              { id: 'account', label: 'Tài khoản của tôi' },
            ]
      }
    >
      {(user) => (
        <>
          <h1 className="page-title">{user.role === 'admin' ? 'Quản trị hệ thống' : 'Biên tập cơ sở tri thức'}</h1>
          {user.role === 'admin' && (
            <>
              <StaffSection id="users" title="Tài khoản cán bộ">
                <UsersSection me={user} />
              </StaffSection>
              <StaffSection id="police-units" title="Liên hệ công an xã/phường">
                <PoliceUnitsSection />
              </StaffSection>
              <StaffSection id="audit" title="Nhật ký hệ thống">
                <AuditSection />
              </StaffSection>
              <StaffSection id="alarm-accounts" title="Tài khoản báo cháy (thiết bị báo động)">
                <AlarmAccountsSection />
              </StaffSection>
            </>
          )}
          <StaffSection id="kb" title="Cơ sở tri thức thủ tục hành chính">
            <KbSection me={user} />
          </StaffSection>
          <StaffSection id="account" title="Tài khoản của tôi">
            <ChangePassword />
          </StaffSection>
        </>
      )}
    </StaffShell>
  );
}
