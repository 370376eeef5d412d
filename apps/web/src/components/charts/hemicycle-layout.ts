/** Where the seats of a hemicycle go: pure geometry, no React (tested on its own). */

export interface SeatPosition {
  x: number;
  y: number;
  /** Radians, π at the far left, 0 at the far right. */
  angle: number;
}

export interface HemicycleGeometry {
  positions: SeatPosition[];
  /** The radius of one seat's circle, in the same units as `outer`. */
  seatRadius: number;
  outer: number;
  rows: number;
}

/**
 * `count` seats on concentric half rings of outer radius `outer`, as many per ring as its length
 * allows, ordered from left to right (by angle, then from the inside out): giving consecutive seats to
 * one group makes it a wedge of the hemicycle.
 */
export function hemicycleGeometry(count: number, outer = 100): HemicycleGeometry {
  if (count <= 0) return { positions: [], seatRadius: 0, outer, rows: 0 };
  const rows = Math.max(1, Math.min(14, Math.round(Math.sqrt(count / 3))));
  const inner = rows === 1 ? 1 : 0.42;
  const radii = Array.from({ length: rows }, (_, k) =>
    rows === 1 ? 1 : inner + ((1 - inner) * k) / (rows - 1),
  );
  const total = radii.reduce((a, b) => a + b, 0);
  // Seats per ring in proportion to its length; what rounding leaves goes to the largest remainders.
  const exact = radii.map((r) => (count * r) / total);
  const perRow = exact.map(Math.floor);
  const order = exact
    .map((e, k) => [e - Math.floor(e), k] as const)
    .sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  for (let left = count - perRow.reduce((a, b) => a + b, 0), i = 0; left > 0; left -= 1, i += 1)
    perRow[order[i % rows]![1]]! += 1;
  const positions: (SeatPosition & { ring: number })[] = [];
  let spacing = Infinity;
  radii.forEach((r, ring) => {
    const m = perRow[ring]!;
    if (m === 0) return;
    spacing = Math.min(spacing, (Math.PI * r * outer) / m);
    for (let j = 0; j < m; j += 1) {
      const angle = Math.PI - ((j + 0.5) * Math.PI) / m;
      positions.push({ x: r * outer * Math.cos(angle), y: -r * outer * Math.sin(angle), angle, ring });
    }
  });
  const rowGap = rows === 1 ? Infinity : ((1 - inner) * outer) / (rows - 1);
  const seatRadius = Math.min(0.42 * Math.min(spacing, rowGap), outer * 0.12);
  positions.sort((a, b) => b.angle - a.angle || a.ring - b.ring);
  return { positions: positions.map(({ x, y, angle }) => ({ x, y, angle })), seatRadius, outer, rows };
}

/** An SVG arc from angle `from` to angle `to` (from > to: drawn left to right, so text on it reads upright). */
export function arcPath(radius: number, from: number, to: number): string {
  const point = (a: number) => `${(radius * Math.cos(a)).toFixed(2)} ${(-radius * Math.sin(a)).toFixed(2)}`;
  const large = from - to > Math.PI ? 1 : 0;
  return `M ${point(from)} A ${radius} ${radius} 0 ${large} 1 ${point(to)}`;
}
