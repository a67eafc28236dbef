import type { PoliceContact, Ward } from '../api.ts';
import { formatNumber, policeUnitName } from './ward-text.ts';

const UNKNOWN_POLICE = 'chưa cập nhật — vui lòng liên hệ 113 khi khẩn cấp';

interface WardInfoProps {
  ward: Partial<Ward> & { name: string };
  police?: (PoliceContact & { isDemo?: boolean }) | null;
  showStats?: boolean;
}

/** Addresses of one unit: the commune government seat (clearly not the police post) and the police contact if known. */
export function WardInfo({ ward, police, showStats = false }: WardInfoProps) {
  const hasPolice = Boolean(police?.address || police?.phone);
  return (
    <dl className="facts">
      <div>
        <dt>Trụ sở UBND (không phải trụ sở công an)</dt>
        <dd>{ward.adminCenter || 'chưa cập nhật'}</dd>
      </div>
      <div>
        <dt>{police?.name || policeUnitName(ward.name)}</dt>
        <dd>
          {hasPolice ? (
            <>
              {police?.address && <span className="fact-line">Địa chỉ: {police.address}</span>}
              {police?.phone && (
                <span className="fact-line">
                  Điện thoại: <a href={`tel:${police.phone.replace(/[^\d+]/g, '')}`}>{police.phone}</a>
                </span>
              )}
              {police?.isDemo && <span className="fact-line muted">(dữ liệu minh họa, không phải thông tin thật)</span>}
            </>
          ) : (
            UNKNOWN_POLICE
          )}
        </dd>
      </div>
      {showStats && ward.areaKm2 != null && (
        <div>
          <dt>Diện tích</dt>
          <dd>{formatNumber(ward.areaKm2)} km²</dd>
        </div>
      )}
      {showStats && ward.population != null && (
        <div>
          <dt>Dân số</dt>
          <dd>{formatNumber(ward.population)} người</dd>
        </div>
      )}
    </dl>
  );
}
