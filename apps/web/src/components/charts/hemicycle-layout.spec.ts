import { describe, expect, it } from '@jest/globals';
import { arcPath, hemicycleGeometry } from './hemicycle-layout';

describe('hemicycleGeometry', () => {
  it.each([1, 2, 9, 40, 130, 131])('places exactly %i seats, left to right, none overlapping', (count) => {
    const { positions, seatRadius, outer } = hemicycleGeometry(count);
    expect(positions).toHaveLength(count);
    for (let i = 1; i < positions.length; i += 1)
      expect(positions[i]!.angle).toBeLessThanOrEqual(positions[i - 1]!.angle);
    for (const p of positions) {
      expect(p.y).toBeLessThanOrEqual(0); // the upper half only
      expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(outer + 1e-9);
    }
    for (let i = 0; i < positions.length; i += 1)
      for (let j = i + 1; j < positions.length; j += 1) {
        const [a, b] = [positions[i]!, positions[j]!];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * seatRadius);
      }
  });

  it('has no seats for no delegates', () => {
    expect(hemicycleGeometry(0).positions).toEqual([]);
  });

  it('draws arcs left to right', () => {
    expect(arcPath(10, Math.PI, 0)).toBe('M -10.00 -0.00 A 10 10 0 0 1 10.00 0.00');
  });
});
