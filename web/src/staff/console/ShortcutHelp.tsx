export const SHORTCUTS: Array<[string, string, boolean]> = [
  ['j hoặc ↓', 'Sự việc tiếp theo trong hàng đợi', false],
  ['k hoặc ↑', 'Sự việc phía trên', false],
  ['Home / End', 'Đầu / cuối hàng đợi', false],
  ['Enter', 'Mở chi tiết sự việc đang chọn', false],
  ['a', 'Tiếp nhận sự việc đang mở', true],
  ['d', 'Điều động lực lượng đề xuất đầu tiên', true],
  ['n', 'Nhập sự việc mới', true],
  ['/', 'Tìm trong hàng đợi', false],
  ['m', 'Đến bản đồ', false],
  ['u', 'Đến bảng lực lượng', false],
  ['?', 'Mở bảng phím tắt này', false],
  ['Esc', 'Đóng hộp thoại, xoá ô tìm kiếm', false],
];

export function ShortcutHelp({ canWrite }: { canWrite: boolean }) {
  return (
    <>
      <table className="keys">
        <tbody>
          {SHORTCUTS.filter(([, , write]) => canWrite || !write).map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                {k.split(' ').map((part, i, all) => ((part === 'hoặc' || part === '/') && all.length > 1 ? <span key={i}> {part} </span> : <kbd key={i}>{part}</kbd>))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Phím tắt không hoạt động khi đang gõ trong ô nhập liệu. Mọi thao tác đều làm được bằng chuột hoặc phím Tab.</p>
    </>
  );
}
