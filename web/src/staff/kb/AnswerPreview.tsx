import type { AnswerView } from './kb-api.ts';
import { formatDateVi } from './kb-text.ts';
import { Unverified } from './kb-ui.tsx';

function FactList({ items }: { items: Array<{ text: string; verified: boolean }> }) {
  return (
    <ul>
      {items.map((f, i) => (
        <li key={i}>
          {f.text} <Unverified show={!f.verified} />
        </li>
      ))}
    </ul>
  );
}

/** The entry as the assistant presents it to a citizen on `answer.date` (GET /kb/procedures/:slug/answer). */
export function AnswerPreview({ answer, titleOf }: { answer: AnswerView; titleOf: (slug: string) => string }) {
  return (
    <article className="kb-answer" aria-label={`Nội dung người dân nhận được: ${answer.title}`}>
      <h4 className="kb-answer-title">{answer.title}</h4>
      <p className="kb-sub">
        {answer.officialName}
        {answer.procedureCode && !answer.officialName.includes(answer.procedureCode) ? ` (mã ${answer.procedureCode})` : ''}
      </p>
      <p className="kb-answer-summary">{answer.summary}</p>

      {answer.cautions.length > 0 && (
        <div className="kb-cautions" role="note" aria-label="Lưu ý về thông tin chưa xác minh">
          <p className="kb-cautions-title">Thông tin chưa xác minh ({answer.cautions.length})</p>
          <ul>
            {answer.cautions.map((c) => (
              <li key={c.field}>{c.text}</li>
            ))}
          </ul>
        </div>
      )}

      <h5>Lệ phí (áp dụng ngày {formatDateVi(answer.date)})</h5>
      {answer.fees.lines.length > 0 ? (
        <ul className="kb-fee-lines">
          {answer.fees.lines.map((l) => (
            <li key={l.index}>
              {l.text} <span className="kb-channel">{l.channelLabel}</span> <Unverified show={!l.verified} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Không có dòng lệ phí nào áp dụng vào ngày này.</p>
      )}
      {answer.fees.unknownText && <p className="kb-fee-unknown">{answer.fees.unknownText}</p>}

      <h5>Ai cần làm</h5>
      <FactList items={answer.audience} />

      {answer.papers.length > 0 && (
        <>
          <h5>Giấy tờ cần chuẩn bị</h5>
          <ul>
            {answer.papers.map((p, i) => (
              <li key={i}>
                {p.form && <span className="kb-form-code">{p.form}</span>} {p.text}
                {p.when && <span className="kb-sub-block">Áp dụng khi: {p.when}</span>}
                {p.note && <span className="kb-sub-block">{p.note}</span>}
                <Unverified show={!p.verified} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h5>Các bước</h5>
      <ol>
        {answer.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>

      <dl className="kb-answer-facts">
        <dt>Thời hạn giải quyết</dt>
        <dd>
          {answer.processingTime.text} <Unverified show={!answer.processingTime.verified} />
        </dd>
        <dt>Nơi thực hiện</dt>
        <dd>
          {answer.where.text} <Unverified show={!answer.where.verified} />
        </dd>
        <dt>Nộp trực tuyến</dt>
        <dd>
          {answer.online.available ? `Có — ${answer.online.channels.join(', ')}` : 'Không có dịch vụ trực tuyến'}
          {answer.online.url && (
            <>
              {' '}
              (<span className="kb-url">{answer.online.url}</span>)
            </>
          )}{' '}
          <Unverified show={!answer.online.verified} />
          {answer.online.howTo.length > 0 && (
            <ol className="kb-howto">
              {answer.online.howTo.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          )}
        </dd>
      </dl>

      <h5>Căn cứ pháp lý</h5>
      <FactList items={answer.legalBasis} />

      {answer.notes.length > 0 && (
        <>
          <h5>Lưu ý</h5>
          <FactList items={answer.notes} />
        </>
      )}

      {answer.related.length > 0 && (
        <p className="kb-sub">Thủ tục liên quan: {answer.related.map(titleOf).join('; ')}</p>
      )}
      <p className="kb-sub">Thông tin được kiểm tra lần cuối ngày {answer.lastChecked}.</p>
    </article>
  );
}
