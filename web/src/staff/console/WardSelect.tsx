import type { Ward } from '../../api.ts';

/** City roles' ward filter: "Toàn thành phố" (empty value) or one of the 126 wards. */
export function WardSelect({ wards, value, onChange, className }: { wards: Ward[]; value: string; onChange: (code: string) => void; className?: string }) {
  return (
    <label className={className}>
      Xã/phường{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Toàn thành phố</option>
        {wards.map((w) => (
          <option key={w.code} value={w.code}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
