import { navigate, useLocation } from '../router.tsx';
import { WardList } from '../wards/WardList.tsx';
import { WardSearch } from '../wards/WardSearch.tsx';
import { CitizenLayout } from './CitizenLayout.tsx';

/** `/wards`: the ward directory — resolve an old or new address, locate, and the list of all units. */
export function WardsPage() {
  const { query } = useLocation();
  const initial = query.get('q') ?? '';
  return (
    <CitizenLayout>
      <h1 className="page-title">Tra cứu xã/phường và công an xã/phường</h1>
      <p className="lead">
        Từ ngày 1/7/2025, thành phố Hà Nội có 126 đơn vị hành chính cấp xã (51 phường, 75 xã) theo Nghị quyết 1656/NQ-UBTVQH15. Mỗi
        xã/phường có công an xã/phường phụ trách.
      </p>
      <div className="wards-grid">
        <section className="card" aria-labelledby="resolve-title">
          <h2 id="resolve-title" className="card-title">
            Địa chỉ của tôi nay thuộc xã/phường nào?
          </h2>
          <WardSearch
            initialQuery={initial}
            onQueryChange={(q) => navigate(q ? `/wards?q=${encodeURIComponent(q)}` : '/wards', { replace: true })}
          />
        </section>
        <section className="card" aria-labelledby="list-title">
          <h2 id="list-title" className="card-title">
            Danh sách 126 xã/phường
          </h2>
          <WardList />
        </section>
      </div>
    </CitizenLayout>
  );
}
