import type { WardMatch } from '../api.ts';
import { WardInfo } from './WardInfo.tsx';
import { groupMatches, isExact, wordingText, type MatchGroup } from './ward-text.ts';

function MatchCard({ match, split }: { match: WardMatch; split: boolean }) {
  const exact = !split && isExact(match);
  const wording = wordingText(match);
  return (
    <article className="ward-card" aria-label={match.name}>
      <p className={`badge ${exact ? 'badge-exact' : 'badge-maybe'}`}>{exact ? 'Khớp chính xác' : 'Có thể là'}</p>
      <h3 className="ward-card-title">{match.name}</h3>
      {match.via && (
        <p className="ward-via">
          Trước 1/7/2025: {match.via.oldName}
          {match.via.oldDistrict ? `, ${match.via.oldDistrict}` : ''}
          {wording && (
            <>
              {' '}
              — nay thuộc {match.name} ({wording})
            </>
          )}
        </p>
      )}
      <WardInfo ward={match} />
    </article>
  );
}

function GroupView({ group }: { group: MatchGroup }) {
  const split = group.matches.length > 1 && Boolean(group.via);
  return (
    <div className="match-group">
      {split && group.via && (
        <p className="split-note">
          Địa bàn <strong>{group.via.oldName}</strong>
          {group.via.oldDistrict ? ` (${group.via.oldDistrict})` : ''} cũ đã được chia cho {group.matches.length} đơn vị mới. Tùy vị trí cụ thể,
          địa chỉ của anh/chị thuộc một trong các đơn vị dưới đây:
        </p>
      )}
      <div className="ward-cards">
        {group.matches.map((m) => (
          <MatchCard key={`${m.code}-${m.via?.oldName ?? ''}`} match={m} split={split} />
        ))}
      </div>
    </div>
  );
}

/** Matches of a ward search, grouped so that a split former unit shows every candidate. */
export function WardMatches({ matches }: { matches: WardMatch[] }) {
  return (
    <div className="matches">
      {groupMatches(matches).map((g, i) => (
        <GroupView key={i} group={g} />
      ))}
    </div>
  );
}
