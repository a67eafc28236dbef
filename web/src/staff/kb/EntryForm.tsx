import type { ReactNode } from 'react';
import type { KbEntry } from './kb-api.ts';
import {
  AmountField,
  ArrayField,
  CheckField,
  DateField,
  FactFields,
  LinesField,
  SelectField,
  SourcePicker,
  StringListField,
  TextField,
  useEditor,
  type Path,
} from './editor-fields.tsx';
import { SourcesEditor } from './SourcesEditor.tsx';
import { CHANNEL_LABELS, formatVnd, LEVEL_LABELS, ONLINE_CHANNEL_LABELS, todayHanoi } from './kb-text.ts';
import { useKb } from './kb-data.tsx';

type Fee = KbEntry['fees'][number];
type Paper = KbEntry['papers'][number];
type Fact = KbEntry['notes'][number];

/** Form sections, in the order of the entry schema; ids are used by the table of contents and the error summary. */
export const FORM_SECTIONS: Array<{ id: string; label: string; fields: string[] }> = [
  { id: 'general', label: 'Thông tin chung', fields: ['slug', 'group', 'title', 'officialName', 'procedureCode', 'level', 'summary', 'lastChecked'] },
  { id: 'audience', label: 'Đối tượng', fields: ['audience'] },
  { id: 'papers', label: 'Giấy tờ', fields: ['papers'] },
  { id: 'steps', label: 'Các bước', fields: ['steps'] },
  { id: 'fees', label: 'Lệ phí', fields: ['fees'] },
  { id: 'time-place', label: 'Thời hạn, nơi thực hiện', fields: ['processingTime', 'where'] },
  { id: 'online', label: 'Trực tuyến', fields: ['online'] },
  { id: 'legal', label: 'Căn cứ pháp lý', fields: ['legalBasis'] },
  { id: 'notes', label: 'Lưu ý', fields: ['notes'] },
  { id: 'sources', label: 'Nguồn', fields: ['sources'] },
  { id: 'questions', label: 'Câu hỏi mẫu', fields: ['questions'] },
  { id: 'related', label: 'Liên quan', fields: ['related'] },
  { id: 'en', label: 'Tiếng Anh', fields: ['en'] },
];

export const sectionOf = (field: string) => FORM_SECTIONS.find((s) => s.fields.includes(field.split('.')[0] ?? ''))?.id ?? 'general';

function Section({ id, title, children, hint }: { id: string; title: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <fieldset className="kb-fs" id={`kbs-${id}`}>
      <legend>{title}</legend>
      {hint && <p className="hint kb-fs-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

const short = (s: string | undefined, n = 60) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : (s ?? ''));

const newFact = (): Fact => ({ text: '', sources: [], verified: true });

function FactArray({ path, label, itemLabel, addLabel, min }: { path: Path; label: string; itemLabel: string; addLabel: string; min?: number }) {
  return (
    <ArrayField<Fact>
      path={path}
      label={label}
      min={min}
      addLabel={addLabel}
      make={newFact}
      itemTitle={(f, i) => `${itemLabel} ${i + 1}${f.text ? `: ${short(f.text, 50)}` : ''}`}
      render={(p) => <FactFields path={p} />}
    />
  );
}

function FeeFields({ path, fee }: { path: Path; fee: Fee }) {
  return (
    <>
      <TextField path={[...path, 'label']} label="Tên dòng lệ phí" hint="VD: Nộp hồ sơ trực tiếp; Ô tô con dưới 9 chỗ tại Hà Nội" />
      <div className="kb-fee-grid">
        <AmountField path={[...path, 'amountVnd']} label="Số tiền (đồng)" />
        <SelectField path={[...path, 'channel']} label="Hình thức nộp" options={CHANNEL_LABELS} />
        <DateField path={[...path, 'from']} label="Áp dụng từ ngày" optional hint="Để trống: không giới hạn." />
        <DateField path={[...path, 'to']} label="Đến hết ngày" optional hint="Để trống: không giới hạn." />
      </div>
      <div className="form-row">
        <TextField path={[...path, 'condition']} label="Điều kiện (miễn, giảm)" optional multiline rows={2} hint="Chỉ điền khi dòng này áp dụng cho một số đối tượng." />
        <TextField
          path={[...path, 'text']}
          label={fee.amountVnd === undefined ? 'Diễn giải khi chưa rõ số tiền' : 'Ghi chú thêm về số tiền'}
          optional
          multiline
          rows={2}
        />
      </div>
      <div className="kb-fact-meta">
        <SourcePicker path={[...path, 'sources']} />
        <CheckField path={[...path, 'verified']} label="Đã xác minh từ nguồn chính thức" />
      </div>
    </>
  );
}

function PaperFields({ path }: { path: Path }) {
  return (
    <>
      <div className="kb-paper-row">
        <TextField path={[...path, 'text']} label="Tên giấy tờ" multiline rows={2} />
        <TextField path={[...path, 'form']} label="Mã mẫu" optional className="kb-form-code-field" hint="VD: CT01, DC02" />
      </div>
      <div className="form-row">
        <TextField path={[...path, 'when']} label="Chỉ cần khi" optional multiline rows={2} hint="VD: người dưới 14 tuổi" />
        <TextField path={[...path, 'note']} label="Ghi chú (bản sao, bản chính…)" optional multiline rows={2} />
      </div>
      <div className="kb-fact-meta">
        <SourcePicker path={[...path, 'sources']} optional />
        <CheckField path={[...path, 'verified']} label="Đã xác minh từ nguồn chính thức" />
      </div>
    </>
  );
}

function OnlineFields() {
  const ed = useEditor();
  const channels = ed.entry.online.channels;
  const toggle = (c: string, on: boolean) =>
    ed.set(['online', 'channels'], on ? [...channels, c] : channels.filter((x) => x !== c));
  return (
    <>
      <CheckField path={['online', 'available']} label="Có thể nộp hồ sơ trực tuyến" />
      <fieldset className="kb-sources-pick" id="kbf-online-channels">
        <legend>Kênh trực tuyến</legend>
        {Object.entries(ONLINE_CHANNEL_LABELS).map(([c, label]) => (
          <label key={c} className="kb-chip">
            <input type="checkbox" checked={channels.includes(c as never)} disabled={ed.readOnly} onChange={(e) => toggle(c, e.target.checked)} /> {label}
          </label>
        ))}
      </fieldset>
      <TextField path={['online', 'url']} label="Đường dẫn (URL)" optional placeholder="https://dichvucong.gov.vn" />
      <StringListField path={['online', 'howTo']} label="Cách làm trực tuyến" itemLabel="Bước trực tuyến" addLabel="Thêm bước trực tuyến" framed />
      <div className="kb-fact-meta">
        <SourcePicker path={['online', 'sources']} optional />
        <CheckField path={['online', 'verified']} label="Đã xác minh từ nguồn chính thức" />
      </div>
    </>
  );
}

function RelatedFields() {
  const { procedures } = useKb();
  const ed = useEditor();
  const options: Record<string, string> = { '': '— Chọn thủ tục —' };
  for (const p of procedures ?? []) if (p.slug !== ed.entry.slug) options[p.slug] = `${p.title} (${p.slug})`;
  return (
    <ArrayField<string>
      path={['related']}
      label="Thủ tục liên quan"
      addLabel="Thêm thủ tục liên quan"
      make={() => ''}
      compact
      itemTitle={(s, i) => `Liên quan ${i + 1}${s ? `: ${procedures?.find((p) => p.slug === s)?.title ?? s}` : ''}`}
      render={(p, _s, i) => <SelectField path={p} label={`Thủ tục liên quan ${i + 1}`} options={options} />}
    />
  );
}

function EnglishFields() {
  const ed = useEditor();
  const on = !!ed.entry.en;
  return (
    <>
      <div className="field kb-check">
        <label>
          <input
            type="checkbox"
            checked={on}
            disabled={ed.readOnly}
            onChange={(e) => ed.set(['en'], e.target.checked ? { title: '', summary: '' } : undefined)}
          />{' '}
          Có bản tiếng Anh (cho người nước ngoài)
        </label>
      </div>
      {on && (
        <div>
          <p className="hint">Chỉ dịch đúng nội dung tiếng Việt, không thêm thông tin. Lệ phí lấy từ mục “Lệ phí”, không nhắc lại ở đây.</p>
          <TextField path={['en', 'title']} label="Tên ngắn (tiếng Anh)" lang="en" />
          <TextField path={['en', 'summary']} label="Tóm tắt (tiếng Anh)" multiline rows={3} lang="en" />
          <StringListField path={['en', 'papers']} label="Giấy tờ (tiếng Anh)" itemLabel="Giấy tờ" addLabel="Thêm giấy tờ (tiếng Anh)" lang="en" framed />
          <StringListField path={['en', 'steps']} label="Các bước (tiếng Anh)" itemLabel="Bước" addLabel="Thêm bước (tiếng Anh)" lang="en" framed />
          <TextField path={['en', 'processingTime']} label="Thời hạn giải quyết (tiếng Anh)" optional multiline rows={2} lang="en" />
          <TextField path={['en', 'where']} label="Nơi thực hiện (tiếng Anh)" optional multiline rows={2} lang="en" />
          <TextField path={['en', 'online']} label="Dịch vụ trực tuyến (tiếng Anh)" optional multiline rows={2} lang="en" />
        </div>
      )}
    </>
  );
}

/** The structured form of an entry (screen 3). Reads and writes through the EditorCtx. */
export function EntryForm() {
  const ed = useEditor();
  const e = ed.entry;
  return (
    <>
      <Section id="general" title="Thông tin chung">
        <div className="form-row">
          <div className="field">
            <span className="kb-label">Mã định danh</span>
            <code className="kb-readonly">{e.slug}</code>
          </div>
          <TextField path={['group']} label="Nhóm" hint="Phần trước dấu chấm của mã, VD: cu-tru" />
          <SelectField path={['level']} label="Cấp thực hiện" options={LEVEL_LABELS} />
          <DateField path={['lastChecked']} label="Ngày kiểm tra thông tin" today={todayHanoi()} />
        </div>
        <div className="form-row">
          <TextField path={['title']} label="Tên ngắn (dùng trong câu trả lời)" />
          <TextField path={['procedureCode']} label="Mã thủ tục quốc gia" optional hint="VD: 1.004194" />
        </div>
        <TextField path={['officialName']} label="Tên chính thức" />
        <TextField path={['summary']} label="Tóm tắt (1–3 câu, lời lẽ lịch sự)" multiline rows={4} />
      </Section>

      <Section id="audience" title="Đối tượng" hint="Ai phải làm, hoặc khi nào phải làm thủ tục này.">
        <FactArray path={['audience']} label="Đối tượng" itemLabel="Đối tượng" addLabel="Thêm đối tượng" min={1} />
      </Section>

      <Section id="papers" title="Giấy tờ">
        <ArrayField<Paper>
          path={['papers']}
          label="Giấy tờ"
          addLabel="Thêm giấy tờ"
          make={() => ({ text: '', verified: true })}
          itemTitle={(p, i) => `Giấy tờ ${i + 1}${p.form ? ` (${p.form})` : ''}${p.text ? `: ${short(p.text, 50)}` : ''}`}
          render={(p) => <PaperFields path={p} />}
        />
      </Section>

      <Section id="steps" title="Các bước">
        <StringListField path={['steps']} label="Các bước" itemLabel="Bước" addLabel="Thêm bước" min={1} />
      </Section>

      <Section id="fees" title="Lệ phí" hint="Mỗi dòng một mức thu; dùng ngày “từ/đến” cho mức có thời hạn, “điều kiện” cho miễn, giảm. Không điền số tiền khi chưa có nguồn.">
        <ArrayField<Fee>
          path={['fees']}
          label="Lệ phí"
          addLabel="Thêm dòng lệ phí"
          min={1}
          make={() => ({ label: '', channel: 'moi-hinh-thuc', sources: [], verified: true })}
          itemTitle={(f, i) => `Lệ phí ${i + 1}${f.label ? `: ${short(f.label, 50)}` : ''}${f.amountVnd !== undefined ? ` — ${formatVnd(f.amountVnd)}` : ''}`}
          render={(p, f) => <FeeFields path={p} fee={f} />}
        />
      </Section>

      <Section id="time-place" title="Thời hạn và nơi thực hiện">
        <fieldset className="kb-item">
          <legend>Thời hạn giải quyết</legend>
          <FactFields path={['processingTime']} />
        </fieldset>
        <fieldset className="kb-item">
          <legend>Nơi thực hiện</legend>
          <FactFields path={['where']} rows={3} />
        </fieldset>
      </Section>

      <Section id="online" title="Dịch vụ trực tuyến">
        <OnlineFields />
      </Section>

      <Section id="legal" title="Căn cứ pháp lý">
        <FactArray path={['legalBasis']} label="Căn cứ pháp lý" itemLabel="Căn cứ" addLabel="Thêm căn cứ" min={1} />
      </Section>

      <Section id="notes" title="Lưu ý">
        <FactArray path={['notes']} label="Lưu ý" itemLabel="Lưu ý" addLabel="Thêm lưu ý" />
      </Section>

      <Section id="sources" title="Nguồn" hint="Mỗi thông tin người dân dựa vào phải trích dẫn ít nhất một nguồn trong danh sách này.">
        <SourcesEditor />
      </Section>

      <Section id="questions" title="Câu hỏi mẫu">
        <LinesField
          path={['questions']}
          label="Cách người dân hỏi (mỗi dòng một câu)"
          minItems={25}
          hint="Ghi đa dạng: có dấu, không dấu, viết tắt, sai chính tả thường gặp. Dùng để huấn luyện trợ lý."
        />
      </Section>

      <Section id="related" title="Thủ tục liên quan">
        <RelatedFields />
      </Section>

      <Section id="en" title="Bản tiếng Anh">
        <EnglishFields />
      </Section>
    </>
  );
}
