import type { ReactNode } from 'react';
import type { ProcedureCard } from './types.ts';

// The procedure card: every fact from the knowledge base, with the part the citizen asked about open, fees
// as valid today (the server filters them by date), and facts not yet re-verified marked as such.

function Unverified({ verified }: { verified: boolean }) {
  if (verified) return null;
  return (
    <span className="cw-unverified" title="Thông tin này chưa được cán bộ xác minh lại; vui lòng kiểm tra tại cơ quan tiếp nhận.">
      Chưa xác minh
    </span>
  );
}

function Section({ title, open, children, count }: { title: string; open: boolean; children: ReactNode; count?: number }) {
  return (
    <details className="cw-sec" open={open}>
      <summary>
        {title}
        {count !== undefined && <span className="cw-count"> ({count})</span>}
      </summary>
      <div className="cw-sec-body">{children}</div>
    </details>
  );
}

/** Cautions come as sentences starting "Lưu ý:"; the box already says so. */
const withoutLead = (c: string) => {
  const t = c.replace(/^\s*(Lưu ý|Note)\s*:\s*/i, '');
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
};

export function ProcedureCardView({ card }: { card: ProcedureCard }) {
  // The bubble already answers the part asked about; the card starts folded then (papers open for a general question).
  const focus = card.focus;
  const anyFocus = !!focus;
  const unverifiedCount =
    card.papers.filter((p) => !p.verified).length + card.fees.lines.filter((l) => !l.verified).length + (card.processingTime.verified ? 0 : 1) + (card.where.verified ? 0 : 1);
  return (
    <article className="cw-card cw-proc" aria-label={`Thủ tục: ${card.title}`}>
      <header className="cw-card-head">
        <span className="cw-kicker">Thủ tục hành chính</span>
        <h3 className="cw-card-title">{card.title}</h3>
      </header>

      {card.processingTime.text && (
        <dl className="cw-facts">
          <div>
            <dt>Thời hạn giải quyết</dt>
            <dd>
              {card.processingTime.text} <Unverified verified={card.processingTime.verified} />
            </dd>
          </div>
          {card.online.available && (
            <div>
              <dt>Nộp trực tuyến</dt>
              <dd>Có</dd>
            </div>
          )}
        </dl>
      )}

      <Section title="Giấy tờ cần chuẩn bị" count={card.papers.length} open={!anyFocus}>
        <ul className="cw-list">
          {card.papers.map((p, i) => (
            <li key={i}>
              <span className="cw-item-main">
                {p.text}
                {p.form && <span className="cw-paper-form"> (mẫu {p.form})</span>} <Unverified verified={p.verified} />
              </span>
              {p.when && <span className="cw-when">Áp dụng khi: {p.when}</span>}
              {p.note && <span className="cw-note">{p.note}</span>}
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Lệ phí (áp dụng hôm nay)" open={false}>
        {card.fees.lines.length > 0 && (
          <ul className="cw-list cw-fees">
            {card.fees.lines.map((l, i) => (
              <li key={i}>
                <span className="cw-item-main">
                  <span className="cw-fee-amount">{l.amountText}</span> — {l.label} <Unverified verified={l.verified} />
                </span>
                {l.condition && <span className="cw-when">Điều kiện: {l.condition}</span>}
                {(l.validFrom || l.validTo) && (
                  <span className="cw-note">
                    Áp dụng{l.validFrom ? ` từ ${l.validFrom}` : ''}
                    {l.validTo ? ` đến hết ${l.validTo}` : ''}
                  </span>
                )}
                {l.note && <span className="cw-note">{l.note}</span>}
              </li>
            ))}
          </ul>
        )}
        {card.fees.unknownText && <p className="cw-note">{card.fees.unknownText}</p>}
      </Section>

      <Section title="Nơi nộp hồ sơ" open={false}>
        <p>
          {card.where.text} <Unverified verified={card.where.verified} />
        </p>
      </Section>

      {(card.online.available || focus === 'online') && (
        <Section title="Nộp trực tuyến" open={false}>
          {card.online.available ? (
            <>
              {card.online.channels.length > 0 && <p>Qua: {card.online.channels.join(', ')}.</p>}
              {card.online.howTo.length > 0 && (
                <ol className="cw-steps-small">
                  {card.online.howTo.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              )}
            </>
          ) : (
            <p>Thủ tục này chưa nộp trực tuyến được; anh/chị nộp trực tiếp tại nơi nêu trên.</p>
          )}
        </Section>
      )}

      {card.legalBasis.length > 0 && (
        <Section title="Căn cứ pháp lý" count={card.legalBasis.length} open={false}>
          <ul className="cw-list">
            {card.legalBasis.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </Section>
      )}

      {(card.cautions.length > 0 || unverifiedCount > 0) && (
        <div className="cw-caution" role="note">
          <p className="cw-caution-title">Lưu ý</p>
          <ul>
            {card.cautions.map((c, i) => (
              <li key={i}>{withoutLead(c)}</li>
            ))}
            {unverifiedCount > 0 && <li>Mục có nhãn «Chưa xác minh» chưa được cán bộ kiểm tra lại; vui lòng hỏi lại nơi tiếp nhận hồ sơ.</li>}
          </ul>
        </div>
      )}

      {card.online.available && card.online.url && (
        <a className="cw-btn cw-btn-primary cw-btn-block" href={card.online.url} target="_blank" rel="noopener noreferrer">
          Nộp hồ sơ trực tuyến <span className="visually-hidden">(mở trang mới)</span>
        </a>
      )}

      <footer className="cw-card-foot">
        Thông tin cập nhật ngày <time dateTime={card.lastChecked}>{card.lastCheckedText}</time>.
        {card.factsLanguage === 'vi' ? '' : ' Facts as published in English.'}
      </footer>
    </article>
  );
}
