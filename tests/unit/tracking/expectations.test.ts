// The clocks of "what to expect": opening hours, time zones, waiting for the requester, DST.
import { describe, expect, it } from 'vitest';
import { addOpen, instantAt, openBetween, openings, parseHours } from '@/lib/domain/hours';
import { describeExpectation, expectationOf, mayNudge, nextNudgeAt, parsePromise, trackPauses, whenText, type Tracked } from '@/lib/tracking/expectations';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const open = (over: Partial<Tracked> = {}): Tracked => ({ category: 'open', created: '2026-12-01T14:00:00Z', updated: '2026-12-01T14:00:00Z', ...over });

describe('opening hours', () => {
  it('reads the catalog words, with a zone at the end', () => {
    const s = parseHours('Mon–Fri 9–17 America/New_York');
    expect(s?.zone).toBe('America/New_York');
    expect(s?.week[1]).toEqual([[540, 1020]]);
    expect(s?.week[0]).toEqual([]);
    expect(s?.week[6]).toEqual([]);
    expect(parseHours('Mon-Thu 8:30-17:00, Fri 8:30-13:00')?.week[5]).toEqual([[510, 780]]);
    expect(parseHours('9am-5pm')?.week[3]).toEqual([[540, 1020]]);
    expect(parseHours('24/7 Europe/Berlin')?.week.every((d) => d.length === 1)).toBe(true);
    expect(parseHours('Sat 22-02')?.week[0]).toEqual([[0, 120]]);
    // The demo catalog's Training: every day of the week.
    expect(parseHours('Every day 7–20')?.week).toEqual(Array.from({ length: 7 }, () => [[420, 1200]]));
    expect(parseHours('Daily 8-16 Europe/Berlin')).toMatchObject({ zone: 'Europe/Berlin', week: Array.from({ length: 7 }, () => [[480, 960]]) });
  });

  it('lists the openings of the coming days as instants, in the department zone, touching ones as one', () => {
    const ny = parseHours('Mon–Fri 9–17 America/New_York')!;
    const saturday = Date.UTC(2026, 11, 5, 12);
    const [first, second] = openings(ny, 'Europe/Berlin', saturday, 8);
    // Monday 9:00 in New York is 14:00 UTC (EST).
    expect(first).toEqual([Date.UTC(2026, 11, 7, 14), Date.UTC(2026, 11, 7, 22)]);
    expect(second).toEqual([Date.UTC(2026, 11, 8, 14), Date.UTC(2026, 11, 8, 22)]);
    expect(openings(ny, 'UTC', saturday, 8)).toHaveLength(5);
    // Open now: the first opening starts now.
    expect(openings(ny, 'UTC', Date.UTC(2026, 11, 7, 15), 1)[0]).toEqual([Date.UTC(2026, 11, 7, 15), Date.UTC(2026, 11, 7, 22)]);
    // Round the clock, and over midnight into the next day: one opening each.
    expect(openings(parseHours('24/7')!, 'UTC', saturday, 8)).toEqual([[saturday, saturday + 8 * 86_400_000]]);
    expect(openings(parseHours('Fri 20-24, Sat 0-2')!, 'UTC', Date.UTC(2026, 11, 4, 12), 2)).toEqual([[Date.UTC(2026, 11, 4, 20), Date.UTC(2026, 11, 5, 2)]]);
  });

  it('gives up on words it cannot read (the clock then runs all day)', () => {
    expect(parseHours('office hours, ask reception')).toBeUndefined();
    expect(parseHours('Mon–Fri 9–9')).toBeUndefined();
    expect(parseHours('')).toBeUndefined();
  });

  it('counts only open time, in the department zone', () => {
    const ny = parseHours('Mon–Fri 9–17 America/New_York');
    if (!ny) throw new Error('unparsed');
    // Friday 4 Dec 2026, 16:00 in New York (21:00 UTC) to Monday 10:00 there (15:00 UTC): 1 h + 1 h.
    expect(openBetween(ny, 'UTC', at('2026-12-04T21:00:00Z'), at('2026-12-07T15:00:00Z'))).toBe(2 * H);
    // Two open hours after Friday 16:00 in New York: Monday 10:00 there.
    expect(addOpen(ny, 'Pacific/Auckland', at('2026-12-04T21:00:00Z'), 2 * H)).toBe(at('2026-12-07T15:00:00Z'));
  });

  it('reads hours without a zone in the user zone', () => {
    const s = parseHours('Mon–Fri 9–17');
    if (!s) throw new Error('unparsed');
    // Monday 09:00 in Auckland is Sunday 20:00 UTC (NZDT, +13).
    expect(addOpen(s, 'Pacific/Auckland', at('2026-12-06T12:00:00Z'), H)).toBe(at('2026-12-06T21:00:00Z'));
  });

  it('keeps open hours on the wall clock across daylight-saving changes', () => {
    const ny = parseHours('Mon–Fri 9–17 America/New_York');
    if (!ny) throw new Error('unparsed');
    // New York springs forward on Sunday 8 March 2026: Friday 16:00 EST is 21:00 UTC, Monday 10:00 EDT is 14:00 UTC.
    expect(addOpen(ny, 'UTC', at('2026-03-06T21:00:00Z'), 2 * H)).toBe(at('2026-03-09T14:00:00Z'));
    // All day, all week: the 23-hour day has 23 hours.
    const always = parseHours('24/7 America/New_York');
    if (!always) throw new Error('unparsed');
    const sunday = parseHours('Sun 0-24 America/New_York');
    if (!sunday) throw new Error('unparsed');
    expect(openBetween(sunday, 'UTC', at('2026-03-08T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(23 * H);
    expect(openBetween(always, 'UTC', at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * H);
    // 02:30 does not exist that night (02:00 EST jumps to 03:00 EDT): it is read as the end of the gap, 03:00 EDT.
    expect(instantAt('America/New_York', at('2026-03-08T02:30:00Z'))).toBe(at('2026-03-08T07:00:00Z'));
    expect(instantAt('America/New_York', at('2026-03-08T02:00:00Z'))).toBe(at('2026-03-08T07:00:00Z'));
    // Either side of the gap, as the clocks show: 01:59 EST, 03:00 EDT.
    expect(instantAt('America/New_York', at('2026-03-08T01:59:00Z'))).toBe(at('2026-03-08T06:59:00Z'));
    expect(instantAt('America/New_York', at('2026-03-08T03:00:00Z'))).toBe(at('2026-03-08T07:00:00Z'));
    // A shop that opens at 02:30 on Sundays opens at 03:00 that Sunday: an hour after opening is 04:00 EDT.
    const early = parseHours('Sun 2:30-6 America/New_York');
    if (!early) throw new Error('unparsed');
    expect(addOpen(early, 'UTC', at('2026-03-08T00:00:00Z'), H)).toBe(at('2026-03-08T08:00:00Z'));
    // Lord Howe moves by half an hour (02:00 to 02:30): 02:10 is read as 02:30 (+11).
    expect(instantAt('Australia/Lord_Howe', at('2026-10-04T02:10:00Z'))).toBe(at('2026-10-03T15:30:00Z'));
  });
});

describe('promises', () => {
  it('reads durations in the words administrators use', () => {
    expect(parsePromise('4 h', undefined, 'UTC')?.ms).toBe(4 * H);
    expect(parsePromise('within 1 hour', undefined, 'UTC')?.ms).toBe(H);
    expect(parsePromise('usually within 30 minutes', undefined, 'UTC')?.ms).toBe(0.5 * H);
    expect(parsePromise('2–4 hours', undefined, 'UTC')?.ms).toBe(4 * H);
    expect(parsePromise('an hour', undefined, 'UTC')?.ms).toBe(H);
    // "a", "an" and "half" are words of their own, not the end of one ("Extr-a hours").
    expect(parsePromise('Extra hours on Saturday, else 2 days', undefined, 'UTC')?.ms).toBe(48 * H);
    expect(parsePromise('on behalf of HR: 3 days', undefined, 'UTC')?.ms).toBe(72 * H);
    expect(parsePromise('Answered in a day', undefined, 'UTC')?.ms).toBe(24 * H);
    expect(parsePromise('1 business day', undefined, 'UTC')?.schedule.week[0]).toEqual([]);
    // A business day where the catalog gives hours is one open day.
    expect(parsePromise('in 3 working days', 'Mon–Fri 9–17', 'UTC')?.ms).toBe(24 * H);
  });

  it('shows no line for a promise it cannot read', () => {
    expect(parsePromise('as soon as we can', undefined, 'UTC')).toBeUndefined();
    expect(expectationOf(open(), { firstResponse: 'soon-ish' }, { now: at('2026-12-01T15:00:00Z'), zone: 'UTC' })).toBeUndefined();
  });

  it('says what to expect, then how far past it the department is', () => {
    const promises = { firstResponse: '1 hour' };
    const e = expectationOf(open(), promises, { now: at('2026-12-01T14:40:00Z'), zone: 'UTC' });
    expect(e && describeExpectation(e, 'Facilities', { now: at('2026-12-01T14:40:00Z'), zone: 'UTC' })).toEqual({
      text: 'Facilities usually answers within 1 hour · asked 40 min ago',
      late: false,
      paused: false,
    });
    expect(mayNudge(e)).toBe(false);
    const late = expectationOf(open(), promises, { now: at('2026-12-01T17:00:00Z'), zone: 'UTC' });
    expect(late && describeExpectation(late, 'Facilities', { now: at('2026-12-01T17:00:00Z'), zone: 'UTC' }).text).toBe('No answer yet, 2 h past what Facilities promises');
    expect(mayNudge(late)).toBe(true);
  });

  it('holds the resolution promise once staff answered', () => {
    const answered = open({ lastStaffReply: { id: '9', at: '2026-12-01T14:10:00Z', author: 'sam', excerpt: '' } });
    const e = expectationOf(answered, { firstResponse: '1 hour', resolution: '1 day' }, { now: at('2026-12-01T18:00:00Z'), zone: 'UTC' });
    expect(e).toMatchObject({ kind: 'promise', stage: 'resolution', late: 0, deadline: at('2026-12-02T14:00:00Z') });
    expect(expectationOf(answered, { firstResponse: '1 hour' }, { now: at('2026-12-01T18:00:00Z'), zone: 'UTC' })).toBeUndefined();
  });

  it('counts a New York desk in its hours for a user in Auckland', () => {
    const promises = { firstResponse: '4 h', hours: 'Mon–Fri 9–17 America/New_York' };
    // Filed Friday 4 Dec 15:00 New York (20:00 UTC; Saturday 09:00 in Auckland): 2 h that day, 2 h on Monday.
    const request = open({ created: '2026-12-04T20:00:00Z' });
    const saturday = expectationOf(request, promises, { now: at('2026-12-05T20:00:00Z'), zone: 'Pacific/Auckland' });
    expect(saturday).toMatchObject({ late: 0, deadline: at('2026-12-07T16:00:00Z') });
    const monday = expectationOf(request, promises, { now: at('2026-12-07T17:00:00Z'), zone: 'Pacific/Auckland' });
    expect(monday?.late).toBe(H);
  });

  it('stops the clock while the request waits for the requester', () => {
    const promises = { resolution: '8 hours' };
    const pauses = [{ from: '2026-12-01T16:00:00Z', to: '2026-12-01T19:00:00Z' }];
    const e = expectationOf(open({ pauses, lastStaffReply: { id: '1', at: '2026-12-01T16:00:00Z', author: 's', excerpt: '' } }), promises, {
      now: at('2026-12-01T23:00:00Z'),
      zone: 'UTC',
    });
    // 8 h from 14:00 is 22:00, plus the 3 h it waited: 01:00 next day.
    expect(e).toMatchObject({ late: 0, deadline: at('2026-12-02T01:00:00Z') });
    const waiting = expectationOf(open({ category: 'waiting', pauses: [{ from: '2026-12-01T16:00:00Z' }] }), promises, { now: at('2026-12-03T00:00:00Z'), zone: 'UTC' });
    expect(waiting).toMatchObject({ paused: true, late: 0 });
    expect(waiting && describeExpectation(waiting, 'Facilities', { now: 0, zone: 'UTC' }).text).toBe("Facilities's clock is paused until you answer");
    expect(mayNudge(waiting)).toBe(false);
  });

  it('counts only the open hours of a pause', () => {
    const promises = { firstResponse: '4 h', hours: 'Mon–Fri 9–17 UTC' };
    // Filed Tuesday 10:00; waited from 12:00 to Wednesday 10:00 (5 open hours); 2 h were used before.
    const pauses = [{ from: '2026-12-01T12:00:00Z', to: '2026-12-02T10:00:00Z' }];
    const e = expectationOf(open({ created: '2026-12-01T10:00:00Z', pauses }), promises, { now: at('2026-12-02T11:00:00Z'), zone: 'UTC' });
    expect(e).toMatchObject({ deadline: at('2026-12-02T12:00:00Z'), late: 0 });
  });

  it('records the waiting stretches from the status category', () => {
    const a = trackPauses(undefined, { category: 'open', updated: '2026-12-01T10:00:00Z' });
    expect(a).toBeUndefined();
    const b = trackPauses({ category: 'open', pauses: a }, { category: 'waiting', updated: '2026-12-01T11:00:00Z' });
    expect(b).toEqual([{ from: '2026-12-01T11:00:00Z' }]);
    expect(trackPauses({ category: 'waiting', pauses: b }, { category: 'waiting', updated: '2026-12-01T12:00:00Z' })).toEqual(b);
    expect(trackPauses({ category: 'waiting', pauses: b }, { category: 'open', updated: '2026-12-01T13:00:00Z' })).toEqual([
      { from: '2026-12-01T11:00:00Z', to: '2026-12-01T13:00:00Z' },
    ]);
  });
});

describe("the desk's due date", () => {
  it('shows it in the user zone, and how far past it is', () => {
    const request = open({ due: '2026-12-08T14:00:00Z' });
    const e = expectationOf(request, { firstResponse: '1 hour' }, { now: at('2026-12-05T10:00:00Z'), zone: 'UTC' });
    expect(e && describeExpectation(e, 'IT', { now: at('2026-12-05T10:00:00Z'), zone: 'UTC' }).text).toBe('Due Tue 14:00');
    expect(whenText(at('2026-12-08T14:00:00Z'), at('2026-12-05T10:00:00Z'), 'Pacific/Auckland')).toBe('Wed 03:00');
    const late = expectationOf(request, undefined, { now: at('2026-12-08T16:00:00Z'), zone: 'UTC' });
    expect(late && describeExpectation(late, 'IT', { now: at('2026-12-08T16:00:00Z'), zone: 'UTC' })).toEqual({ text: 'Past due by 2 h (was due Tue 14:00)', late: true, paused: false });
  });

  it('lets the requester ask again one promise period after asking', () => {
    const late = expectationOf(open(), { firstResponse: '4 h', hours: 'Mon–Fri 9–17 UTC' }, { now: at('2026-12-01T19:00:00Z'), zone: 'UTC' });
    if (!late) throw new Error('no expectation');
    // Asked Tuesday 19:00 (closed): four open hours later is Wednesday 13:00.
    expect(nextNudgeAt(late, at('2026-12-01T19:00:00Z'))).toBe(at('2026-12-02T13:00:00Z'));
    const quick = expectationOf(open(), { firstResponse: '15 min' }, { now: at('2026-12-01T19:00:00Z'), zone: 'UTC' });
    if (!quick) throw new Error('no expectation');
    expect(nextNudgeAt(quick, at('2026-12-01T19:00:00Z'))).toBe(at('2026-12-01T20:00:00Z'));
  });

  it('says nothing for a done request', () => {
    expect(expectationOf(open({ category: 'done', due: '2026-12-08T14:00:00Z' }), { firstResponse: '1 h' }, { now: 0, zone: 'UTC' })).toBeUndefined();
  });
});
