// Lists and parts of a line are joined with the locale's marks, not ones written in components.
import { expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en.json';
import { listOf, partsOf } from '@/lib/i18n';

it("joins a list with the locale's separator, and the parts of a line with its mark, leaving out parts not there", () => {
  expect(listOf(['Room', 'Building'])).toBe(`Room${en['list.separator']}Building`);
  expect(listOf(['Room', 'Building'])).toBe('Room, Building');
  expect(listOf([])).toBe('');
  expect(partsOf(['Replies within 4 h', undefined, false, '', 'Opens Tue 09:00'])).toBe('Replies within 4 h · Opens Tue 09:00');
  expect(partsOf([undefined])).toBe('');
});
