// "Closed now · opens …" on a department's card: from the openings kept with its row.
import { describe, expect, it } from 'vitest';
import { opensAt, type Opening } from '@/lib/catalog/rows';
import { openingsOf } from '@/stores/home';

// Local times on this computer, whatever its zone.
const at = (day: number, hour: number) => new Date(2026, 11, day, hour).getTime();
const opening = (day: number, from: number, to: number): Opening => [at(day, from), at(day, to), `${from}:00`, `Day${day} ${from}:00`];
const week: Opening[] = [opening(7, 9, 17), opening(8, 9, 17)];

describe('a card while its department is closed', () => {
  it('names the next opening: its time later today, with its weekday on another day', () => {
    expect(opensAt(week, at(7, 7))).toBe('9:00');
    expect(opensAt(week, at(6, 20))).toBe('Day7 9:00');
    expect(opensAt(week, at(7, 18))).toBe('Day8 9:00');
  });

  it('says nothing while open, past the openings kept, or without hours', () => {
    expect(opensAt(week, at(7, 9))).toBeUndefined();
    expect(opensAt(week, at(8, 16))).toBeUndefined();
    expect(opensAt(week, at(9, 8))).toBeUndefined();
    expect(opensAt(undefined, at(7, 7))).toBeUndefined();
  });

  it('keeps the openings of hours it can read, written on the user\'s clock', () => {
    const saturday = Date.UTC(2026, 11, 5, 12);
    const opens = openingsOf('Mon–Fri 9–17 UTC', saturday, 'UTC')!;
    expect(opens).toHaveLength(5);
    const [start, end, time, dayTime] = opens[0]!;
    expect([start, end]).toEqual([Date.UTC(2026, 11, 7, 9), Date.UTC(2026, 11, 7, 17)]);
    expect([time, dayTime]).toEqual(['9:00', 'Mon 9:00']);
    // Written on the user's clock: 9:00 in UTC is 10:00 in Berlin.
    expect(openingsOf('Mon–Fri 9–17 UTC', saturday, 'Europe/Berlin')![0]!.slice(2)).toEqual(['10:00', 'Mon 10:00']);
    expect(openingsOf('when someone is in', saturday)).toBeUndefined();
    expect(openingsOf(undefined, saturday)).toBeUndefined();
  });

  it('builds each date format once per page, not once per card and render (ICU\'s work and memory each time)', () => {
    const real = Intl.DateTimeFormat;
    let built = 0;
    const count = () => void built++;
    Intl.DateTimeFormat = new Proxy(real, {
      construct: (target, args) => (count(), Reflect.construct(target, args)),
      apply: (target, self, args) => (count(), Reflect.apply(target, self, args)),
    });
    try {
      const now = Date.UTC(2026, 11, 5, 12);
      const hours = ['Mon–Fri 9–17 UTC', 'Mon–Fri 8–16 Europe/Berlin', 'Sat 10:00-14:00', '24/7', 'when someone is in', undefined];
      // Three renders of 50 cards, the last an hour later (the openings are worked out again).
      for (const when of [now, now + 60_000, now + 3_600_000]) for (let card = 0; card < 50; card++) openingsOf(hours[card % hours.length], when);
      const first = built;
      // At most one per format: the user's zone asked, two named zones checked, three clocks read
      // (theirs and the user's), the time and the weekday written.
      expect(first).toBeLessThanOrEqual(8);
      for (let card = 0; card < 50; card++) openingsOf(hours[card % hours.length], now + 2 * 3_600_000);
      expect(built).toBe(first);
    } finally {
      Intl.DateTimeFormat = real;
    }
  });
});
