import { useId, useMemo, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { Alert, Loading } from '../../components/Status.tsx';
import { Link } from '../../router.tsx';
import { kbApi, type UnansweredQuestion, type UnansweredStatus } from './kb-api.ts';
import { useKb, useLoad } from './kb-data.tsx';
import { formatTime, kbHref, UNANSWERED_STATUS_LABELS } from './kb-text.ts';
import { ScreenTitle } from './kb-ui.tsx';

const LIMIT = 200;
const FEEDBACK_LIMIT = 500;

const pct = (score: number) => (score <= 1 ? `${Math.round(score * 100)}%` : score.toFixed(2));

/** The actions offered for a question in each status. */
const ACTIONS: Record<UnansweredStatus, Array<{ to: UnansweredStatus; label: string }>> = {
  open: [
    { to: 'covered', label: 'Đã xử lý' },
    { to: 'ignored', label: 'Bỏ qua' },
  ],
  covered: [{ to: 'open', label: 'Mở lại' }],
  ignored: [{ to: 'open', label: 'Mở lại' }],
};

function Unanswered() {
  const { titleOf } = useKb();
  const [status, setStatus] = useState<UnansweredStatus | ''>('open');
  const list = useLoad((s) => kbApi.unanswered({ status: status || undefined, limit: LIMIT }, s), [status]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const id = useId();

  async function change(q: UnansweredQuestion, to: UnansweredStatus) {
    setBusyId(q.id);
    setError(null);
    try {
      const updated = await kbApi.setUnansweredStatus(q.id, to);
      list.setData((rows) => (rows ?? []).flatMap((r) => (r.id !== q.id ? [r] : status && updated.status !== status ? [] : [updated])));
      setNotice(`Đã chuyển câu hỏi “${q.question.length > 60 ? `${q.question.slice(0, 59)}…` : q.question}” sang “${UNANSWERED_STATUS_LABELS[to]}”.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  const total = list.data?.reduce((n, q) => n + q.count, 0) ?? 0;
  return (
    <section className="kb-panel" aria-labelledby={`${id}-title`}>
      <div className="kb-panel-head">
        <h4 id={`${id}-title`}>Câu hỏi trợ lý chưa trả lời được</h4>
        <div className="field field-inline">
          <label htmlFor={`${id}-status`}>Trạng thái</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as UnansweredStatus | '')}>
            <option value="open">{UNANSWERED_STATUS_LABELS.open}</option>
            <option value="covered">{UNANSWERED_STATUS_LABELS.covered}</option>
            <option value="ignored">{UNANSWERED_STATUS_LABELS.ignored}</option>
            <option value="">Tất cả</option>
          </select>
        </div>
      </div>
      <p className="hint">
        Câu hỏi đã được che số điện thoại, số giấy tờ trước khi lưu. “Đã xử lý”: đã bổ sung vào cơ sở tri thức (ví dụ thêm vào câu hỏi mẫu). Nếu câu hỏi
        xuất hiện lại, nó sẽ tự mở lại.
      </p>
      <div aria-live="polite">
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert kind="error">{error}</Alert>}
      </div>
      {list.error && <Alert kind="error">{list.error}</Alert>}
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.length === 0 && <p className="muted">Không có câu hỏi nào ở trạng thái này.</p>}
      {list.data && list.data.length > 0 && (
        <>
          <p className="list-count">
            {list.data.length} câu hỏi khác nhau, tổng {total} lượt hỏi{list.data.length === LIMIT ? ` (hiển thị ${LIMIT} câu hỏi nhiều lượt nhất)` : ''}
          </p>
          <div className="table-wrap">
            <table className="data kb-table">
              <caption className="visually-hidden">Câu hỏi chưa trả lời được, nhiều lượt hỏi nhất trước</caption>
              <thead>
                <tr>
                  <th scope="col">Câu hỏi</th>
                  <th scope="col" className="num">
                    Số lượt
                  </th>
                  <th scope="col">Lần gần nhất</th>
                  <th scope="col">Trợ lý đoán là</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">
                    <span className="visually-hidden">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((q) => (
                  <tr key={q.id}>
                    <th scope="row" className="kb-question">
                      {q.question}
                    </th>
                    <td className="num">{q.count}</td>
                    <td className="nowrap">{formatTime(q.lastSeenAt)}</td>
                    <td>
                      {q.bestGuesses.length === 0 ? (
                        <span className="muted">(không có)</span>
                      ) : (
                        <ul className="kb-guesses">
                          {q.bestGuesses.slice(0, 3).map((g) => (
                            <li key={g.slug}>
                              <Link to={kbHref.entry(g.slug)}>{titleOf(g.slug)}</Link> <span className="kb-sub-inline">{pct(g.score)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <span className={`kb-state kb-q-${q.status}`}>{UNANSWERED_STATUS_LABELS[q.status]}</span>
                    </td>
                    <td>
                      <div className="actions">
                        {ACTIONS[q.status].map((a) => (
                          <button
                            key={a.to}
                            type="button"
                            className="btn btn-secondary btn-sm"
                            disabled={busyId === q.id}
                            onClick={() => void change(q, a.to)}
                            aria-label={`${a.label}: ${q.question}`}
                          >
                            {a.label}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function FeedbackList() {
  const { titleOf } = useKb();
  const [helpful, setHelpful] = useState<'' | 'true' | 'false'>('');
  const list = useLoad((s) => kbApi.feedback({ helpful: helpful === '' ? undefined : helpful === 'true', limit: FEEDBACK_LIMIT }, s), [helpful]);
  const id = useId();

  const bySlug = useMemo(() => {
    const m = new Map<string, { up: number; down: number }>();
    for (const f of list.data ?? []) {
      const key = f.slug ?? '';
      const c = m.get(key) ?? { up: 0, down: 0 };
      if (f.helpful) c.up++;
      else c.down++;
      m.set(key, c);
    }
    return [...m].sort((a, b) => b[1].down - a[1].down || b[1].up + b[1].down - (a[1].up + a[1].down));
  }, [list.data]);
  const comments = (list.data ?? []).filter((f) => f.comment);

  return (
    <section className="kb-panel" aria-labelledby={`${id}-title`}>
      <div className="kb-panel-head">
        <h4 id={`${id}-title`}>Phản hồi của người dân về câu trả lời</h4>
        <div className="field field-inline">
          <label htmlFor={`${id}-h`}>Loại phản hồi</label>
          <select id={`${id}-h`} value={helpful} onChange={(e) => setHelpful(e.target.value as '' | 'true' | 'false')}>
            <option value="">Tất cả</option>
            <option value="false">Chưa hữu ích</option>
            <option value="true">Hữu ích</option>
          </select>
        </div>
      </div>
      {list.error && <Alert kind="error">{list.error}</Alert>}
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.length === 0 && <p className="muted">Chưa có phản hồi nào.</p>}
      {list.data && list.data.length > 0 && (
        <>
          <p className="list-count">
            {list.data.length} phản hồi gần nhất{list.data.length === FEEDBACK_LIMIT ? ` (tối đa ${FEEDBACK_LIMIT})` : ''}, theo thủ tục (nhiều phản hồi chưa hữu
            ích nhất trước):
          </p>
          <div className="table-wrap">
            <table className="data data-compact">
              <caption className="visually-hidden">Số phản hồi theo thủ tục</caption>
              <thead>
                <tr>
                  <th scope="col">Thủ tục</th>
                  <th scope="col" className="num">
                    Hữu ích
                  </th>
                  <th scope="col" className="num">
                    Chưa hữu ích
                  </th>
                </tr>
              </thead>
              <tbody>
                {bySlug.map(([slug, c]) => (
                  <tr key={slug || '-'}>
                    <th scope="row">{slug ? <Link to={kbHref.entry(slug)}>{titleOf(slug)}</Link> : <span className="muted">(không gắn thủ tục)</span>}</th>
                    <td className="num">{c.up}</td>
                    <td className="num">{c.down > 0 ? <strong>{c.down}</strong> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h5>Góp ý kèm theo ({comments.length})</h5>
          {comments.length === 0 ? (
            <p className="muted">Không có góp ý bằng lời.</p>
          ) : (
            <ul className="kb-comments">
              {comments.map((f) => (
                <li key={f.id}>
                  <span className={`kb-state ${f.helpful ? 'kb-state-published' : 'kb-state-rejected'}`}>{f.helpful ? 'Hữu ích' : 'Chưa hữu ích'}</span>{' '}
                  <span className="kb-sub-inline">
                    {formatTime(f.at)}
                    {f.slug && (
                      <>
                        {' · '}
                        <Link to={kbHref.entry(f.slug)}>{titleOf(f.slug)}</Link>
                      </>
                    )}
                  </span>
                  <p>{f.comment}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Screen 6: what citizens asked that the assistant could not answer, and their feedback on answers. */
export function FeedbackScreen() {
  return (
    <div className="kb-screen">
      <ScreenTitle>Phản hồi và câu hỏi chưa trả lời</ScreenTitle>
      <Unanswered />
      <FeedbackList />
    </div>
  );
}
