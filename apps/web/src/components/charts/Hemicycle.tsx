import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addCatalogue } from '../../i18n';
import { chartsEn } from '../../locales/charts.en';
import { chartsEs } from '../../locales/charts.es';
import { arcPath, hemicycleGeometry } from './hemicycle-layout';
import './hemicycle.css';

addCatalogue(chartsEs, chartsEn);

/** `voted`: a secret vote's seat, that took part (how is never drawn: the ballot is not theirs by name). */
export type SeatChoice = 'yes' | 'no' | 'abstain' | 'voted' | 'none';
export const SEAT_CHOICES: readonly SeatChoice[] = ['yes', 'no', 'abstain', 'none'];
/** A secret vote's seats: took part or not, nothing else. */
export const SECRET_SEAT_CHOICES: readonly SeatChoice[] = ['voted', 'none'];
const SEAT_ORDER: readonly SeatChoice[] = ['yes', 'no', 'abstain', 'voted', 'none'];

export interface Seat {
  /** The delegate's id, or a made-up key for a seat the public list does not name. */
  key: string;
  name: string | null;
  /** The province (constituency) name; null when the public data does not say. */
  province: string | null;
  choice: SeatChoice;
  /** The Mesa recorded this ballot for the delegate (a show of hands, a paper ballot). */
  recordedBy: { method: string } | null;
}

interface Group {
  province: string | null;
  seats: Seat[];
  counts: Record<SeatChoice, number>;
}

const emptyCounts = (): Record<SeatChoice, number> => ({ yes: 0, no: 0, abstain: 0, voted: 0, none: 0 });

/** Seats by province in the order given (unknown provinces after, by name; unnamed seats last). */
export function groupSeats(seats: readonly Seat[], provinceOrder: readonly string[] = []): Group[] {
  const groups = new Map<string | null, Group>();
  for (const seat of seats) {
    const group = groups.get(seat.province) ?? { province: seat.province, seats: [], counts: emptyCounts() };
    group.seats.push(seat);
    group.counts[seat.choice] += 1;
    groups.set(seat.province, group);
  }
  const rank = (p: string | null) => {
    if (p === null) return Number.MAX_SAFE_INTEGER;
    const at = provinceOrder.indexOf(p);
    return at === -1 ? provinceOrder.length : at;
  };
  const sorted = [...groups.values()].sort(
    (a, b) => rank(a.province) - rank(b.province) || (a.province ?? '').localeCompare(b.province ?? '', 'es'),
  );
  for (const group of sorted)
    group.seats.sort(
      (a, b) =>
        SEAT_ORDER.indexOf(a.choice) - SEAT_ORDER.indexOf(b.choice) ||
        (a.name ?? '').localeCompare(b.name ?? '', 'es'),
    );
  return sorted;
}

/** The mark inside a seat, so that a choice reads without its colour: none (yes), × (no), – (abstain). */
function Glyph({ choice, x, y, r }: { choice: SeatChoice; x: number; y: number; r: number }) {
  const d = r * 0.55;
  if (choice === 'no')
    return (
      <path
        className="hemi-glyph"
        d={`M ${x - d} ${y - d} L ${x + d} ${y + d} M ${x - d} ${y + d} L ${x + d} ${y - d}`}
        strokeWidth={r * 0.32}
      />
    );
  if (choice === 'abstain')
    return <path className="hemi-glyph" d={`M ${x - d} ${y} L ${x + d} ${y}`} strokeWidth={r * 0.36} />;
  return null;
}

function SeatMark({
  choice,
  recorded,
  x,
  y,
  r,
}: {
  choice: SeatChoice;
  recorded: boolean;
  x: number;
  y: number;
  r: number;
}) {
  return (
    <g className={`hemi-seat ${choice}${recorded ? ' recorded' : ''}`}>
      {recorded ? (
        <circle className="hemi-recorded" cx={x} cy={y} r={r * 1.22} strokeWidth={r * 0.3} />
      ) : null}
      <circle
        cx={x}
        cy={y}
        r={choice === 'none' ? r * 0.85 : r}
        strokeWidth={choice === 'none' ? r * 0.3 : 0}
      />
      <Glyph choice={choice} x={x} y={y} r={r} />
    </g>
  );
}

/** A legend swatch: the seat as drawn in the chart. */
function Swatch({ choice, recorded = false }: { choice: SeatChoice; recorded?: boolean }) {
  return (
    <svg className="hemi-swatch" viewBox="-12 -12 24 24" aria-hidden="true" focusable="false">
      <SeatMark choice={choice} recorded={recorded} x={0} y={0} r={8} />
    </svg>
  );
}

/**
 * A vote as a hemicycle, in plain SVG: one seat per entitled delegate, coloured and marked by ballot,
 * in wedges by province with the province's name on an arc; a legend with the counts, and the same
 * facts as tables (by province and by delegate) for screen readers and anyone who opens them. A secret
 * vote (`secret`) draws participation only — voted or not — and its legend and tables say no more.
 */
export function Hemicycle({
  seats,
  provinceOrder,
  question,
  note,
  secret = false,
}: {
  seats: readonly Seat[];
  provinceOrder?: readonly string[];
  question: string;
  note?: string | null;
  secret?: boolean;
}) {
  const { t } = useTranslation();
  const choices = secret ? SECRET_SEAT_CHOICES : SEAT_CHOICES;
  const choiceName = (choice: SeatChoice) =>
    choice === 'none'
      ? t('charts.hemicycle.none')
      : choice === 'voted'
        ? t('charts.hemicycle.voted')
        : t(`choice.${choice}`);
  const uid = useId().replace(/:/g, '');
  const groups = groupSeats(seats, provinceOrder);
  const ordered = groups.flatMap((g) => g.seats);
  const geometry = hemicycleGeometry(ordered.length);
  const { positions, seatRadius: r, outer } = geometry;
  const totals = emptyCounts();
  for (const seat of ordered) totals[seat.choice] += 1;
  const recorded = ordered.filter((s) => s.recordedBy).length;
  const band = outer + r + 3;
  const labelRadius = band + 5;
  const provinceName = (p: string | null) => p ?? t('charts.hemicycle.unknownProvince');
  // Each province's arc runs from halfway to the previous province's last seat to halfway to the next
  // one's first (less a small gap), so arcs never overlap; a name goes on its arc only where it fits.
  const spans: { first: number; last: number }[] = [];
  let next = 0;
  for (const group of groups) {
    spans.push({ first: positions[next]!.angle, last: positions[next + group.seats.length - 1]!.angle });
    next += group.seats.length;
  }
  const edge = (r / outer) * 1.2;
  const gap = 0.012;
  const arcs = groups.map((group, index) => {
    const previous = spans[index - 1];
    const following = spans[index + 1];
    const from = previous
      ? (previous.last + spans[index]!.first) / 2 - gap
      : Math.min(Math.PI, spans[index]!.first + edge);
    const to = following
      ? (spans[index]!.last + following.first) / 2 + gap
      : Math.max(0, spans[index]!.last - edge);
    // Seats of no known province are named by the legend and the note, not on the arc.
    const name = group.province ?? '';
    return { group, index, from, to, name, length: (from - to) * labelRadius };
  });
  // Names along their arcs when every one fits there; otherwise all of them radial, outside the arcs
  // (a wedge too thin even for that goes without: the tables name every province).
  const along = arcs.every((arc) => arc.length > arc.name.length * 7 * 0.68);
  const font = along ? 7 : 5;
  const longest = Math.max(0, ...arcs.map((arc) => arc.name.length));
  const half = labelRadius + (along ? font : longest * font * 0.62) + 2;
  const bottom = Math.max(r, outer * 0.16) + 2;
  const radial = (arc: (typeof arcs)[number]) => {
    const angle = (arc.from + arc.to) / 2;
    const x = (labelRadius - 2) * Math.cos(angle);
    const y = -(labelRadius - 2) * Math.sin(angle);
    const degrees = (angle * 180) / Math.PI;
    const left = angle > Math.PI / 2;
    return (
      <text
        className="hemi-label"
        fontSize={font}
        x={x}
        y={y}
        dominantBaseline="middle"
        textAnchor={left ? 'end' : 'start'}
        transform={`rotate(${left ? 180 - degrees : -degrees} ${x.toFixed(2)} ${y.toFixed(2)})`}
      >
        {arc.name}
      </text>
    );
  };
  const label = t('charts.hemicycle.title', { question });
  const description = secret
    ? t('charts.hemicycle.secretDescription', {
        seats: ordered.length,
        voted: totals.voted,
        none: totals.none,
      })
    : t('charts.hemicycle.description', {
        seats: ordered.length,
        yes: totals.yes,
        no: totals.no,
        abstain: totals.abstain,
        none: totals.none,
      });
  return (
    <figure className="hemicycle" data-testid="hemicycle">
      <svg
        className="hemi-chart"
        viewBox={`${-half} ${-half} ${2 * half} ${half + bottom}`}
        role="img"
        aria-labelledby={`${uid}-t ${uid}-d`}
      >
        <title id={`${uid}-t`}>{label}</title>
        <desc id={`${uid}-d`}>{description}</desc>
        <defs>
          {(along ? arcs.filter((arc) => arc.name) : []).map((arc) => (
            <path key={arc.index} id={`${uid}-arc-${arc.index}`} d={arcPath(labelRadius, arc.from, arc.to)} />
          ))}
        </defs>
        {arcs.map((arc) => (
          <g key={arc.index} className={`hemi-province p${arc.index % 2}`} aria-hidden="true">
            <path className="hemi-band" d={arcPath(band, arc.from, arc.to)} />
            {!arc.name ? null : along ? (
              <text className="hemi-label" fontSize={font}>
                <textPath href={`#${uid}-arc-${arc.index}`} startOffset="50%" textAnchor="middle">
                  {arc.name}
                </textPath>
              </text>
            ) : arc.length > font * 1.2 ? (
              radial(arc)
            ) : null}
          </g>
        ))}
        <g aria-hidden="true">
          {ordered.map((seat, i) => (
            <SeatMark
              key={seat.key}
              choice={seat.choice}
              recorded={seat.recordedBy !== null}
              x={positions[i]!.x}
              y={positions[i]!.y}
              r={r}
            />
          ))}
          <text className="hemi-total" x={0} y={-2} textAnchor="middle" fontSize={outer * 0.16}>
            {ordered.length}
          </text>
          <text
            className="hemi-total-label"
            x={0}
            y={outer * 0.1}
            textAnchor="middle"
            fontSize={outer * 0.07}
          >
            {t('charts.hemicycle.seats', { count: ordered.length })}
          </text>
        </g>
      </svg>
      <figcaption>
        <ul className="hemi-legend" data-testid="hemicycle-legend" aria-label={t('charts.hemicycle.legend')}>
          {choices.map((choice) => (
            <li key={choice} data-choice={choice}>
              <Swatch choice={choice} />
              <span>
                {choiceName(choice)}: <strong>{totals[choice]}</strong>
              </span>
            </li>
          ))}
          {recorded > 0 ? (
            <li data-choice="recorded">
              <Swatch choice="yes" recorded />
              <span>
                {t('charts.hemicycle.recordedBy')}: <strong>{recorded}</strong>
              </span>
            </li>
          ) : null}
        </ul>
        {note ? <p className="muted hemi-note">{note}</p> : null}
        <details className="hemi-data">
          <summary>{t('charts.hemicycle.table')}</summary>
          <table data-testid="hemicycle-provinces">
            <caption>
              {secret ? t('charts.hemicycle.byProvinceSecret') : t('charts.hemicycle.byProvince')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('charts.hemicycle.province')}</th>
                {choices.map((choice) => (
                  <th scope="col" key={choice}>
                    {choiceName(choice)}
                  </th>
                ))}
                <th scope="col">{t('charts.hemicycle.total')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.province ?? ''}>
                  <th scope="row">{provinceName(group.province)}</th>
                  {choices.map((choice) => (
                    <td key={choice} data-choice={choice}>
                      {group.counts[choice]}
                    </td>
                  ))}
                  <td>{group.seats.length}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="hemicycle-totals">
                <th scope="row">{t('charts.hemicycle.total')}</th>
                {choices.map((choice) => (
                  <td key={choice} data-choice={choice}>
                    {totals[choice]}
                  </td>
                ))}
                <td>{ordered.length}</td>
              </tr>
            </tfoot>
          </table>
          <table data-testid="hemicycle-delegates">
            <caption>
              {secret ? t('charts.hemicycle.participation') : t('charts.hemicycle.delegates')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('charts.hemicycle.delegate')}</th>
                <th scope="col">{t('charts.hemicycle.province')}</th>
                <th scope="col">{secret ? t('charts.hemicycle.took') : t('charts.hemicycle.vote')}</th>
                {secret ? null : <th scope="col">{t('charts.hemicycle.how')}</th>}
              </tr>
            </thead>
            <tbody>
              {ordered
                .filter((seat) => seat.name !== null)
                .map((seat) => (
                  <tr key={seat.key}>
                    {/* A person's name is Spanish: an English page's screen reader says it so. */}
                    <th scope="row" lang="es">
                      {seat.name}
                    </th>
                    <td>{provinceName(seat.province)}</td>
                    <td className={`choice ${seat.choice}`}>{choiceName(seat.choice)}</td>
                    {secret ? null : (
                      <td>
                        {seat.choice === 'none'
                          ? '—'
                          : seat.recordedBy
                            ? t('charts.hemicycle.recordedByNote')
                            : t('charts.hemicycle.selfCast')}
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
