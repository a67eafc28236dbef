import type { KbEntry } from './kb-api.ts';
import { CHANNEL_LABELS, formatDateVi, formatVnd, LEVEL_LABELS, ONLINE_CHANNEL_LABELS, SOURCE_KIND_LABELS } from './kb-text.ts';
import { Unverified } from './kb-ui.tsx';
import { Link } from '../../router.tsx';
import { kbHref } from './kb-text.ts';

type Fact = { text: string; sources?: string[]; verified: boolean };

/** Source keys as small chips; the title of the source on hover and for screen readers. */
export function SourceRefs({ refs, entry }: { refs: string[] | undefined; entry: KbEntry }) {
  if (!refs?.length) return null;
  return (
    <span className="kb-refs">
      {refs.map((r) => (
        <span key={r} className={`kb-ref${entry.sources[r] ? '' : ' kb-ref-missing'}`} title={entry.sources[r]?.title ?? 'Không có trong danh sách nguồn'}>
          {r}
          <span className="visually-hidden"> ({entry.sources[r]?.title ?? 'không có trong danh sách nguồn'})</span>
        </span>
      ))}
    </span>
  );
}

function Facts({ items, entry }: { items: Fact[]; entry: KbEntry }) {
  return (
    <ul className="kb-raw-list">
      {items.map((f, i) => (
        <li key={i}>
          {f.text} <SourceRefs refs={f.sources} entry={entry} /> <Unverified show={!f.verified} />
        </li>
      ))}
    </ul>
  );
}

const feeValidOn = (f: { from?: string; to?: string }, day: string) => (!f.from || f.from <= day) && (!f.to || day <= f.to);

/** Every field of an entry as stored (screen 2, "Dữ liệu gốc"), with sources and verification marks. */
export function RawEntry({ entry, day, titleOf }: { entry: KbEntry; day: string; titleOf: (slug: string) => string }) {
  return (
    <div className="kb-raw">
      <dl className="kb-dl">
        <dt>Mã định danh</dt>
        <dd>
          <code>{entry.slug}</code>
        </dd>
        <dt>Tên chính thức</dt>
        <dd>{entry.officialName}</dd>
        <dt>Mã thủ tục</dt>
        <dd>{entry.procedureCode ?? '—'}</dd>
        <dt>Cấp thực hiện</dt>
        <dd>{LEVEL_LABELS[entry.level] ?? entry.level}</dd>
        <dt>Ngày kiểm tra</dt>
        <dd>{formatDateVi(entry.lastChecked)}</dd>
      </dl>

      <h5>Lệ phí — tất cả các dòng ({entry.fees.length})</h5>
      <div className="table-wrap">
        <table className="data data-compact">
          <caption className="visually-hidden">Các dòng lệ phí đã lưu</caption>
          <thead>
            <tr>
              <th scope="col">Dòng</th>
              <th scope="col">Số tiền</th>
              <th scope="col">Hình thức</th>
              <th scope="col">Hiệu lực</th>
              <th scope="col">Điều kiện</th>
              <th scope="col">Nguồn</th>
            </tr>
          </thead>
          <tbody>
            {entry.fees.map((f, i) => {
              const valid = feeValidOn(f, day);
              return (
                <tr key={i} className={valid ? undefined : 'kb-row-off'}>
                  <th scope="row">
                    {f.label} <Unverified show={!f.verified} />
                  </th>
                  <td className="nowrap">{f.amountVnd !== undefined ? formatVnd(f.amountVnd) : <em>Chưa rõ</em>}{f.text && <span className="kb-sub-block">{f.text}</span>}</td>
                  <td>{CHANNEL_LABELS[f.channel]}</td>
                  <td className="nowrap">
                    {f.from || f.to ? `${f.from ? formatDateVi(f.from) : '…'} – ${f.to ? formatDateVi(f.to) : '…'}` : 'Không thời hạn'}
                    <span className="kb-sub-block">{valid ? 'Áp dụng ngày đã chọn' : 'Không áp dụng ngày đã chọn'}</span>
                  </td>
                  <td>{f.condition ?? '—'}</td>
                  <td>
                    <SourceRefs refs={f.sources} entry={entry} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h5>Đối tượng</h5>
      <Facts items={entry.audience} entry={entry} />
      <h5>Giấy tờ ({entry.papers.length})</h5>
      <ul className="kb-raw-list">
        {entry.papers.map((p, i) => (
          <li key={i}>
            {p.form && <span className="kb-form-code">{p.form}</span>} {p.text} <SourceRefs refs={p.sources} entry={entry} /> <Unverified show={!p.verified} />
            {p.when && <span className="kb-sub-block">Áp dụng khi: {p.when}</span>}
            {p.note && <span className="kb-sub-block">Ghi chú: {p.note}</span>}
          </li>
        ))}
      </ul>
      <h5>Thời hạn, nơi thực hiện, trực tuyến</h5>
      <ul className="kb-raw-list">
        <li>
          <strong>Thời hạn:</strong> {entry.processingTime.text} <SourceRefs refs={entry.processingTime.sources} entry={entry} />{' '}
          <Unverified show={!entry.processingTime.verified} />
        </li>
        <li>
          <strong>Nơi thực hiện:</strong> {entry.where.text} <SourceRefs refs={entry.where.sources} entry={entry} /> <Unverified show={!entry.where.verified} />
        </li>
      </ul>
      <p>
        <strong>Trực tuyến:</strong> {entry.online.available ? `có (${entry.online.channels.map((c) => ONLINE_CHANNEL_LABELS[c]).join(', ')})` : 'không'}
        {entry.online.url && <> — <span className="kb-url">{entry.online.url}</span></>} <SourceRefs refs={entry.online.sources} entry={entry} />{' '}
        <Unverified show={!entry.online.verified} />
      </p>
      <h5>Căn cứ pháp lý</h5>
      <Facts items={entry.legalBasis} entry={entry} />
      {entry.notes.length > 0 && (
        <>
          <h5>Lưu ý</h5>
          <Facts items={entry.notes} entry={entry} />
        </>
      )}

      <h5>Nguồn ({Object.keys(entry.sources).length})</h5>
      <div className="table-wrap">
        <table className="data data-compact">
          <caption className="visually-hidden">Danh sách nguồn trích dẫn</caption>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tiêu đề</th>
              <th scope="col">Ngày</th>
              <th scope="col">Loại</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(entry.sources).map(([key, s]) => (
              <tr key={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                <td>
                  {s.url ? (
                    <a href={s.url} target="_blank" rel="noopener noreferrer">
                      {s.title}
                    </a>
                  ) : (
                    s.title
                  )}
                  {s.note && <span className="kb-sub-block">{s.note}</span>}
                </td>
                <td className="nowrap">{formatDateVi(s.date)}</td>
                <td>{SOURCE_KIND_LABELS[s.kind] ?? s.kind}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <details className="kb-details">
        <summary>Câu hỏi mẫu ({entry.questions.length})</summary>
        <ul className="kb-questions">
          {entry.questions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ul>
      </details>
      {entry.related.length > 0 && (
        <p>
          Thủ tục liên quan:{' '}
          {entry.related.map((r, i) => (
            <span key={r}>
              {i > 0 && '; '}
              <Link to={kbHref.entry(r)}>{titleOf(r)}</Link>
            </span>
          ))}
        </p>
      )}
      {entry.en && (
        <details className="kb-details" lang="en">
          <summary>
            <span lang="vi">Bản tiếng Anh</span>: {entry.en.title}
          </summary>
          <p>{entry.en.summary}</p>
          {entry.en.papers && (
            <ul>
              {entry.en.papers.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
          {entry.en.steps && (
            <ol>
              {entry.en.steps.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          )}
          {entry.en.processingTime && <p>{entry.en.processingTime}</p>}
          {entry.en.where && <p>{entry.en.where}</p>}
          {entry.en.online && <p>{entry.en.online}</p>}
        </details>
      )}
    </div>
  );
}
