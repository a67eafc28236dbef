import type { WardMatch } from '../api.ts';
import { WardInfo } from './WardInfo.tsx';
import { groupMatches, isExact, isSplit, partitionGroups, wordingText, type MatchGroup } from './ward-text.ts';

function MatchCard({ match, group }: { match: WardMatch; group: MatchGroup }) {
  const exact = isExact(match, group);
  const wording = group.basis === 'former_unit' ? wordingText(match) : null;
  return (
    <article className="ward-card" aria-label={match.name}>
      {match.confidence !== undefined && (
        <p className={`badge ${exact ? 'badge-exact' : 'badge-maybe'}`}>{exact ? 'Khớp chính xác' : 'Có thể là'}</p>
      )}
      <h3 className="ward-card-title">{match.name}</h3>
      {match.via && group.basis === 'former_unit' && (
        <p className="ward-via">
          Trước 1/7/2025 là {match.via.oldName}
          {match.via.oldDistrict ? `, ${match.via.oldDistrict}` : ''}
          {wording ? `; theo Nghị quyết 1656, ${wording} của đơn vị này nay thuộc ${match.name}.` : '.'}
        </p>
      )}
      <WardInfo ward={match} police={match.policeUnit} />
    </article>
  );
}

function GroupView({ group, explained }: { group: MatchGroup; explained: boolean }) {
  const split = isSplit(group);
  const via = group.via;
  return (
    <div className="match-group">
      {split && via && explained && (
        <p className="group-intro">
          Tùy vị trí cụ thể, địa chỉ thuộc {via.oldName} cũ nay thuộc một trong {group.matches.length} đơn vị sau:
        </p>
      )}
      {split && via && !explained && (
        <p className="split-note">
          Địa bàn <strong>{via.oldName}</strong>
          {via.oldDistrict ? ` (${via.oldDistrict})` : ''} cũ đã được chia cho {group.matches.length} đơn vị mới. Tùy vị trí cụ thể, địa chỉ của
          anh/chị thuộc một trong các đơn vị dưới đây:
        </p>
      )}
      {group.basis === 'former_district' && via && explained && <p className="group-intro">Các đơn vị nhận địa bàn của {via.oldName} cũ:</p>}
      {group.basis === 'former_district' && via && !explained && (
        <p className="split-note">
          <strong>{via.oldName}</strong> cũ nay thuộc nhiều xã/phường. Anh/chị vui lòng nhập thêm tên phường/xã (cũ hoặc mới) để biết chính
          xác. Các đơn vị nhận địa bàn của {via.oldName} cũ:
        </p>
      )}
      <div className="ward-cards">
        {group.matches.map((m) => (
          <MatchCard key={`${m.code}-${m.via?.oldName ?? ''}`} match={m} group={group} />
        ))}
      </div>
    </div>
  );
}

/**
 * Matches of a ward search, grouped so that a split former unit shows every candidate; unlikely readings are
 * folded away. `notes` are the service's own explanations (split units, ambiguous names) and come first.
 */
export function WardMatches({ matches, notes = [] }: { matches: WardMatch[]; notes?: string[] }) {
  const { shown, others } = partitionGroups(groupMatches(matches));
  const explained = notes.length > 0;
  return (
    <div className="matches">
      {notes.map((n) => (
        <p key={n} className="result-note">
          {n}
        </p>
      ))}
      {shown.map((g, i) => (
        <GroupView key={i} group={g} explained={explained} />
      ))}
      {others.length > 0 && (
        <details className="other-matches">
          <summary>Khả năng khác, ít phù hợp hơn ({others.reduce((n, g) => n + g.matches.length, 0)})</summary>
          {others.map((g, i) => (
            <GroupView key={i} group={g} explained={explained} />
          ))}
        </details>
      )}
    </div>
  );
}
