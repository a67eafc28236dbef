import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage, type ManagedUser, type Role, type StaffUser, type Ward } from '../api.ts';
import { Alert, Loading } from '../components/Status.tsx';

export const ROLE_OPTIONS: Array<{ role: Role; label: string }> = [
  { role: 'ward_officer', label: 'Cán bộ công an xã/phường' },
  { role: 'dispatcher', label: 'Điều phối viên Trung tâm chỉ huy' },
  { role: 'leader', label: 'Lãnh đạo' },
  { role: 'kb_editor', label: 'Biên tập viên cơ sở tri thức' },
  { role: 'admin', label: 'Quản trị hệ thống' },
];

const MIN_PASSWORD = 10;
const collator = new Intl.Collator('vi');

/** A random password an administrator can hand over (the officer must change it at first sign-in). */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function CreateUserForm({ wards, wardsError, onCreated }: { wards: Ward[] | null; wardsError: string | null; onCreated: (u: ManagedUser) => void }) {
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('ward_officer');
  const [wardCode, setWardCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (password.length < MIN_PASSWORD) return setError(`Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
    if (role === 'ward_officer' && !wardCode) return setError('Vui lòng chọn xã/phường cho cán bộ công an xã/phường.');
    setBusy(true);
    try {
      const u = await api.createUser({ username: username.trim(), fullName: fullName.trim(), password, role, wardCode: role === 'ward_officer' ? wardCode : null });
      onCreated(u);
      setUsername('');
      setFullName('');
      setPassword('');
      setWardCode('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card create-user" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card-title">
        Tạo tài khoản mới
      </h3>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-u`}>Tên đăng nhập</label>
          <input id={`${id}-u`} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" autoCapitalize="none" spellCheck={false} required minLength={3} maxLength={64} pattern="[a-zA-Z0-9._\-]+" aria-describedby={`${id}-u-hint`} />
          <p id={`${id}-u-hint`} className="hint">
            Chữ không dấu, số, dấu chấm, gạch (VD: ca.hoankiem.01)
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-n`}>Họ và tên</label>
          <input id={`${id}-n`} value={fullName} onChange={(e) => setFullName(e.target.value)} autoComplete="off" required minLength={2} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>Vai trò</label>
          <select id={`${id}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {role === 'ward_officer' && (
          <div className="field">
            <label htmlFor={`${id}-w`}>Xã/phường</label>
            <select id={`${id}-w`} value={wardCode} onChange={(e) => setWardCode(e.target.value)} required disabled={!wards}>
              <option value="">{wards ? '— Chọn xã/phường —' : wardsError ? 'Chưa tải được danh sách' : 'Đang tải…'}</option>
              {wards?.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
            {wardsError && <p className="hint hint-error">{wardsError}</p>}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-p`}>Mật khẩu ban đầu</label>
          <div className="input-with-button">
            <input id={`${id}-p`} type="text" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" spellCheck={false} required minLength={MIN_PASSWORD} aria-describedby={`${id}-p-hint`} />
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setPassword(randomPassword())}>
              Tạo ngẫu nhiên
            </button>
          </div>
          <p id={`${id}-p-hint`} className="hint">
            Ít nhất {MIN_PASSWORD} ký tự. Cán bộ sẽ phải đổi mật khẩu ở lần đăng nhập đầu tiên.
          </p>
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Đang tạo…' : 'Tạo tài khoản'}
      </button>
    </form>
  );
}

function ResetPassword({ user, onDone, onCancel }: { user: ManagedUser; onDone: (u: ManagedUser) => void; onCancel: () => void }) {
  const [password, setPassword] = useState(randomPassword);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(`Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
    setBusy(true);
    try {
      onDone(await api.updateUser(user.id, { password }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="card reset-password" onSubmit={onSubmit}>
      <h3 className="card-title">Đặt lại mật khẩu cho {user.username}</h3>
      <p>Các phiên đăng nhập hiện có của tài khoản sẽ bị đăng xuất; cán bộ phải đổi mật khẩu khi đăng nhập lại.</p>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="field">
        <label htmlFor={id}>Mật khẩu mới</label>
        <input ref={input} id={id} type="text" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" spellCheck={false} minLength={MIN_PASSWORD} required />
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Lưu mật khẩu mới
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

/** Admin: list, create, disable/enable and reset the password of staff accounts. */
export function UsersSection({ me }: { me: StaffUser }) {
  const [users, setUsers] = useState<ManagedUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [wardsError, setWardsError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);

  const reload = () => {
    setError(null);
    api.listUsers().then(setUsers, (e) => setError(errorMessage(e)));
  };
  useEffect(() => {
    reload();
    api.wards().then(
      (w) => setWards([...w].sort((a, b) => collator.compare(a.name, b.name))),
      (e) => setWardsError(errorMessage(e)),
    );
  }, []);

  const wardName = useMemo(() => new Map(wards?.map((w) => [w.code, w.name])), [wards]);

  const replace = (u: ManagedUser) => setUsers((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? [u]);

  async function toggle(u: ManagedUser) {
    setNotice(null);
    setError(null);
    try {
      const updated = await api.updateUser(u.id, { disabled: !u.disabled });
      replace(updated);
      setNotice(updated.disabled ? `Đã khóa tài khoản ${u.username}.` : `Đã mở khóa tài khoản ${u.username}.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <>
      <div aria-live="polite">
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert kind="error">{error}</Alert>}
      </div>
      {!users && !error && <Loading label="Đang tải danh sách tài khoản…" />}
      {users && (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Danh sách tài khoản cán bộ</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Xã/phường</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.disabled ? 'row-disabled' : undefined}>
                  <th scope="row">{u.username}</th>
                  <td>{u.fullName}</td>
                  <td>{u.roleLabel}</td>
                  <td>{u.wardCode ? (wardName.get(u.wardCode) ?? u.wardCode) : '—'}</td>
                  <td>
                    {u.disabled ? <span className="tag tag-off">Đã khóa</span> : <span className="tag tag-on">Đang hoạt động</span>}
                    {u.mustChangePassword && !u.disabled && <span className="tag">Chờ đổi mật khẩu</span>}
                  </td>
                  <td>
                    <div className="actions">
                      {u.id === me.id ? (
                        <span className="muted">Tài khoản của tôi</span>
                      ) : (
                        <>
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void toggle(u)} aria-label={`${u.disabled ? 'Mở khóa' : 'Khóa'} tài khoản ${u.username}`}>
                            {u.disabled ? 'Mở khóa' : 'Khóa'}
                          </button>
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setResetting(u)} aria-label={`Đặt lại mật khẩu cho ${u.username}`}>
                            Đặt lại mật khẩu
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {resetting && (
        <ResetPassword
          key={resetting.id}
          user={resetting}
          onCancel={() => setResetting(null)}
          onDone={(u) => {
            replace(u);
            setResetting(null);
            setNotice(`Đã đặt lại mật khẩu cho ${u.username}. Vui lòng chuyển mật khẩu mới cho cán bộ qua kênh an toàn.`);
          }}
        />
      )}
      <CreateUserForm
        wards={wards}
        wardsError={wardsError}
        onCreated={(u) => {
          setUsers((list) => [...(list ?? []), u]);
          setNotice(`Đã tạo tài khoản ${u.username} (${u.roleLabel}).`);
        }}
      />
    </>
  );
}
