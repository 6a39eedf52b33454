import { describe, expect, it } from 'vitest';
import { globMatches } from '@/lib/catalog/rank';
import { compileGlob, MAX_MATCHED_URL } from '@/lib/settings/glob';

describe('rule globs', () => {
  it.each([
    ['https://payroll.example.com/*', 'https://payroll.example.com/a/b', true],
    ['https://payroll.example.com/*', 'https://PAYROLL.example.com/A', true],
    ['https://payroll.example.com/*', 'https://payroll.example.com.evil.test/', false],
    ['https://payroll.example.com/', 'https://payroll.example.com/', true],
    ['https://payroll.example.com/', 'https://payroll.example.com/x', false],
    ['*://*.example.com/hr/*', 'http://intranet.example.com/hr/leave', true],
    ['*://*.example.com/hr/*', 'http://intranet.example.org/hr/leave', false],
    ['https://a.example/x?y=*', 'https://a.example/x?y=1', true],
    ['https://a.example/(x)+[y]$', 'https://a.example/(x)+[y]$', true],
    ['https://a.example/x.y', 'https://a.example/xzy', false],
    ['https://*/ab*ba', 'https://h/aba', false],
    ['https://*/ab*ba', 'https://h/abba', true],
    ['https://*/a**b', 'https://h/ab', true],
    ['*', '', true],
    ['**', 'anything', true],
  ])('%s on %s → %s', (glob, url, expected) => {
    expect(compileGlob(glob)(url)).toBe(expected);
    expect(globMatches(glob, url)).toBe(expected);
  });

  it('matches in linear time, whatever the page address', () => {
    // As a regular expression this glob takes minutes on such an address.
    const glob = 'https://*a*a*a*a*a*a*a*a*a*a*b';
    const url = `https://${'a'.repeat(20_000)}`;
    const start = performance.now();
    for (let i = 0; i < 10; i++) expect(globMatches(glob, url)).toBe(false);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it(`matches a long address on its first ${MAX_MATCHED_URL} characters`, () => {
    const long = `https://files.example/${'x'.repeat(10_000)}.pdf`;
    expect(globMatches('https://files.example/*', long)).toBe(true);
    expect(globMatches('*.pdf', long)).toBe(false);
  });
});
