import { useEffect, useState } from 'react';
import { policeUnitName } from '../wards/ward-text.ts';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import { ProcedureCardView } from './ProcedureCardView.tsx';
import type { ChatItem, LiveHandoff } from './use-conversation.ts';
import type {
  Action,
  Card,
  EmergencyCard,
  HandoffCard,
  ReportCreatedCard,
  ReportFormCard,
  ReportStatusCard,
  ReportStep,
  WardCard,
  WardChoicesCard,
} from './types.ts';

// The assistant's typed cards. Text answers stay in the bubble; a card adds what reads better as structure.

export interface CardContext {
  /** Chat inside the widget's iframe: links to other pages open in a new tab. */
  embedded: boolean;
  shareLocation: () => void;
  locating: boolean;
}

const HOTLINES: Array<{ tel: '113' | '114' | '115'; label: string }> = [
  { tel: '113', label: 'Công an' },
  { tel: '114', label: 'Cứu hỏa, cứu nạn' },
  { tel: '115', label: 'Cấp cứu' },
];

const linkProps = (embedded: boolean) => (embedded ? { target: '_blank', rel: 'noopener' } : {});

export function CopyButton({ value, label, text = 'Sao chép' }: { value: string; label: string; text?: string }) {
  const [done, setDone] = useState<'ok' | 'fail' | null>(null);
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), 2500);
    return () => clearTimeout(t);
  }, [done]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone('ok');
    } catch {
      setDone('fail');
    }
  };
  return (
    <button type="button" className="cw-btn cw-btn-light cw-btn-sm" onClick={() => void copy()} aria-label={label}>
      {done === 'ok' ? 'Đã sao chép' : done === 'fail' ? 'Hãy chép tay' : text}
    </button>
  );
}

function EmergencyView({ card, ctx }: { card: EmergencyCard; ctx: CardContext }) {
  const others = HOTLINES.filter((h) => h.tel !== card.hotline);
  return (
    <article className="cw-card cw-emergency" aria-label={`Khẩn cấp: gọi ${card.hotline}`}>
      <a className="cw-call cw-call-main" href={`tel:${card.hotline}`}>
        <span className="cw-call-number">Gọi {card.hotline}</span>
        <span className="cw-call-label">{card.hotlineLabel}</span>
      </a>
      <div className="cw-call-row">
        {others.map((h) => (
          <a key={h.tel} className="cw-call" href={`tel:${h.tel}`}>
            <span className="cw-call-number">{h.tel}</span>
            <span className="cw-call-label">{h.label}</span>
          </a>
        ))}
      </div>
      {card.steps.length > 0 && (
        <>
          <h3 className="cw-card-subtitle">Việc cần làm ngay</h3>
          <ol className="cw-steps-now">
            {card.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      )}
      {card.incident && (
        <p className="cw-note">
          Thông tin đã được chuyển tới Trung tâm chỉ huy Công an thành phố (mã sự cố <strong>{card.incident.code}</strong>). Gọi điện vẫn là cách nhanh nhất.
        </p>
      )}
      {card.missing.includes('location') && (
        <button type="button" className="cw-btn cw-btn-secondary cw-btn-block" onClick={ctx.shareLocation} disabled={ctx.locating}>
          {ctx.locating ? 'Đang lấy vị trí…' : 'Gửi vị trí hiện tại của tôi'}
        </button>
      )}
    </article>
  );
}

function WardView({ card, ctx }: { card: WardCard; ctx: CardContext }) {
  const phone = card.police.phone;
  return (
    <article className="cw-card cw-ward" aria-label={card.name}>
      <header className="cw-card-head">
        <span className="cw-kicker">Đơn vị hành chính từ 1/7/2025</span>
        <h3 className="cw-card-title">{card.name}</h3>
      </header>
      {card.via && (
        <p className="cw-note">
          Địa chỉ cũ: {card.via.oldName} ({card.via.oldDistrict}){card.via.wordingText ? ` — ${card.via.wordingText}` : ''}.
        </p>
      )}
      <dl className="cw-dl">
        <dt>Công an phụ trách</dt>
        <dd>{card.police.name}</dd>
        <dt>Địa chỉ trụ sở công an</dt>
        <dd>{card.police.address ?? <span className="cw-muted">Chưa được cập nhật trên hệ thống</span>}</dd>
        <dt>Điện thoại</dt>
        <dd>
          {phone ? (
            <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
          ) : (
            <span className="cw-muted">
              Chưa được cập nhật. Khẩn cấp xin gọi <a href="tel:113">113</a>.
            </span>
          )}
        </dd>
        <dt>Trụ sở UBND (không phải trụ sở công an)</dt>
        <dd>{card.adminSeat}</dd>
      </dl>
      {card.formerUnits.length > 0 && (
        <details className="cw-sec">
          <summary>
            Hình thành từ {card.formerUnits.length} đơn vị cũ ({card.resolution}
            {card.clause ? `, khoản ${card.clause} Điều 1` : ''})
          </summary>
          <ul className="cw-list">
            {card.formerUnits.map((f, i) => (
              <li key={i}>
                {f.name} ({f.district}): {f.wordingText}
                {f.alsoTo.length > 0 && <span className="cw-muted"> · phần còn lại thuộc {f.alsoTo.map((a) => a.name).join(', ')}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <a className="cw-link" href={`/wards?q=${encodeURIComponent(card.name)}`} {...linkProps(ctx.embedded)}>
        Xem chi tiết và bản đồ {card.name} →
      </a>
    </article>
  );
}

function WardChoicesView({ card }: { card: WardChoicesCard }) {
  return (
    <article className="cw-card" aria-label="Các xã/phường có thể liên quan">
      <p className="cw-card-subtitle">{card.reason === 'split' ? 'Đơn vị cũ này đã được chia cho nhiều xã/phường:' : 'Có thể là một trong các xã/phường sau:'}</p>
      <ul className="cw-list">
        {card.candidates.map((c) => (
          <li key={c.code}>
            <strong>{c.name}</strong>
            {c.via && <span className="cw-muted"> — từ {c.via.oldName}{c.via.wordingText ? ` (${c.via.wordingText})` : ''}</span>}
          </li>
        ))}
      </ul>
      {card.notes.map((n, i) => (
        <p key={i} className="cw-note">
          {n}
        </p>
      ))}
    </article>
  );
}

const STEPS: Array<[ReportStep, string]> = [
  ['what', 'Sự việc'],
  ['when', 'Thời gian'],
  ['where', 'Địa điểm'],
  ['who', 'Người liên quan'],
  ['contact', 'Liên hệ'],
  ['confirm', 'Xác nhận'],
];

function ReportFormView({ card }: { card: ReportFormCard }) {
  const at = Math.max(0, STEPS.findIndex(([s]) => s === card.step));
  return (
    <article className="cw-card cw-report-form" aria-label={`Đang soạn ${card.kindLabel}`}>
      <p className="cw-kicker">
        Gửi {card.kindLabel} · bước {at + 1}/{STEPS.length}
      </p>
      <ol className="cw-progress">
        {STEPS.map(([s, label], i) => (
          <li key={s} className={i < at ? 'is-done' : i === at ? 'is-current' : undefined} aria-current={i === at ? 'step' : undefined}>
            <span className="cw-progress-dot" aria-hidden="true" />
            <span className="cw-progress-label">{label}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}

function ReportCreatedView({ card, item, ctx }: { card: ReportCreatedCard; item: ChatItem; ctx: CardContext }) {
  const secret = item.report?.trackingCode === card.trackingCode ? item.report.secret : null;
  const upload = item.actions?.find((a): a is Extract<Action, { type: 'upload' }> => a.type === 'upload');
  return (
    <article className="cw-card cw-report-created" aria-label={`Đã gửi ${card.kindLabel}`}>
      <header className="cw-card-head">
        <span className="cw-kicker">Đã gửi {card.kindLabel}</span>
        <h3 className="cw-card-title">{card.ward ? `Gửi tới ${policeUnitName(card.ward.name)}` : 'Gửi tới trực ban Công an thành phố'}</h3>
      </header>
      <div className="cw-codes">
        <div className="cw-code">
          <span className="cw-code-label">Mã theo dõi</span>
          <strong className="cw-code-value">{card.trackingCode}</strong>
          <CopyButton value={card.trackingCode} label="Sao chép mã theo dõi" />
        </div>
        {secret && (
          <div className="cw-code">
            <span className="cw-code-label">Mã bí mật</span>
            <strong className="cw-code-value">{secret}</strong>
            <CopyButton value={secret} label="Sao chép mã bí mật" />
          </div>
        )}
      </div>
      {secret ? (
        <>
          <p className="cw-save-warning" role="alert">
            <strong>Hãy lưu lại hai mã này ngay</strong> (chụp màn hình hoặc ghi ra giấy). Mã bí mật chỉ hiển thị <strong>một lần</strong>, hệ thống không lưu và
            không cấp lại được. Không đưa mã bí mật cho người khác.
          </p>
          <CopyButton value={`Mã theo dõi: ${card.trackingCode}\nMã bí mật: ${secret}`} label="Sao chép cả hai mã" text="Sao chép cả hai mã" />
        </>
      ) : (
        <p className="cw-note">Mã bí mật chỉ hiển thị một lần, lúc gửi. Dùng mã anh/chị đã lưu để tra cứu hoặc gửi thêm chứng cứ.</p>
      )}
      <p className="cw-note">Tình trạng: {card.statusLabel}.</p>
      {secret && upload && <EvidenceUpload trackingCode={card.trackingCode} secret={secret} maxBytes={upload.maxBytes} accept={upload.accept} maxFiles={upload.maxFiles} />}
      <a className="cw-link" href="/tra-cuu" {...linkProps(ctx.embedded)}>
        Tra cứu tình trạng xử lý →
      </a>
    </article>
  );
}

function ReportStatusView({ card }: { card: ReportStatusCard }) {
  return <ReportStatusBody trackingCode={card.trackingCode} kindLabel={card.kindLabel} status={card.status} statusLabel={card.statusLabel} note={card.noteForCitizen} history={card.history} />;
}

const dateTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
};

/** A report's status as the citizen reads it (chat card and /tra-cuu). */
export function ReportStatusBody(p: { trackingCode: string; kindLabel: string; status: string; statusLabel: string; note: string | null; history: Array<{ status: string; statusLabel: string; at: string; note: string | null }> }) {
  return (
    <article className="cw-card cw-report-status" aria-label={`Tin báo ${p.trackingCode}`}>
      <header className="cw-card-head">
        <span className="cw-kicker">
          {p.kindLabel.charAt(0).toUpperCase() + p.kindLabel.slice(1)} · {p.trackingCode}
        </span>
        <h3 className="cw-card-title">
          <span className={`cw-status cw-status-${p.status}`}>{p.statusLabel}</span>
        </h3>
      </header>
      {p.note && (
        <div className="cw-officer-note">
          <span className="cw-code-label">Cán bộ nhắn</span>
          <p>{p.note}</p>
        </div>
      )}
      {p.history.length > 0 && (
        <ul className="cw-timeline" aria-label="Quá trình xử lý, mới nhất trước">
          {[...p.history].reverse().map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{dateTime(h.at)}</time> — {h.statusLabel}
              {h.note && <span className="cw-note"> «{h.note}»</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Minutes waited, ticking every second from the server's figure. */
function useWaited(live: LiveHandoff | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const ticking = live?.view.status === 'queued';
  useEffect(() => {
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [ticking]);
  if (!live || live.view.status !== 'queued' || live.view.waitingSinceMs === undefined) return null;
  return live.view.waitingSinceMs + Math.max(0, now - live.receivedAt);
}

export function waitedText(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'chưa đến 1 phút' : `${m} phút`;
}

const unitOf = (ward: { name: string } | null) => (ward ? policeUnitName(ward.name) : 'Công an thành phố');

/** Hand-off state: live (queue time ticking, the unit once taken) for the current hand-off; an earlier one is over. */
export function HandoffView({ card, live, officer, current }: { card: HandoffCard; live: LiveHandoff | null; officer: string | null; current: boolean }) {
  const status = current ? (live?.view.status ?? card.status) : 'closed';
  const ward = live?.view.ward ?? card.ward;
  const waited = useWaited(live);
  const position = live?.view.queuePosition ?? card.queuePosition;
  return (
    <article className={`cw-card cw-handoff cw-handoff-${status}`} aria-label="Chuyển cho cán bộ">
      <p className="cw-kicker">Gặp cán bộ · {unitOf(ward)}</p>
      {status === 'queued' && (
        <>
          <p className="cw-handoff-line" aria-live="off">
            <span className="cw-pulse" aria-hidden="true" />
            Đang chờ cán bộ{waited !== null ? ` ${waitedText(waited)}` : ''}
          </p>
          {position ? <p className="cw-note">Vị trí trong hàng chờ: {position}. Trong lúc chờ, trợ lý ảo vẫn trả lời anh/chị.</p> : null}
          <p className="cw-note">Anh/chị có thể đóng trang và quay lại sau; cuộc trò chuyện được giữ nguyên trên trình duyệt này.</p>
        </>
      )}
      {status === 'taken' && (
        <p className="cw-handoff-line">
          <span className="cw-dot-ok" aria-hidden="true" />
          {officer ? `Cán bộ ${officer}` : `Cán bộ ${unitOf(ward)}`} đã tiếp nhận và đang trả lời anh/chị.
        </p>
      )}
      {status === 'closed' && <p className="cw-handoff-line">Cán bộ đã kết thúc trao đổi. Trợ lý ảo tiếp tục hỗ trợ anh/chị.</p>}
    </article>
  );
}

export function CardView({ item, ctx, live, officer, current }: { item: ChatItem; ctx: CardContext; live: LiveHandoff | null; officer: string | null; current: boolean }) {
  const card: Card | undefined = item.card;
  if (!card) return null;
  switch (card.type) {
    case 'procedure':
      return <ProcedureCardView card={card} />;
    case 'ward':
      return <WardView card={card} ctx={ctx} />;
    case 'ward_choices':
      return <WardChoicesView card={card} />;
    case 'emergency':
      return <EmergencyView card={card} ctx={ctx} />;
    case 'report_form':
      return <ReportFormView card={card} />;
    case 'report_created':
      return <ReportCreatedView card={card} item={item} ctx={ctx} />;
    case 'report_status':
      return <ReportStatusView card={card} />;
    case 'handoff':
      return <HandoffView card={card} live={live} officer={officer} current={current} />;
    default:
      return null;
  }
}
