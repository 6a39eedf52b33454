import { describe, expect, it } from 'vitest';
import { configProblemText } from '@/components/options/problem-text';
import { nestedRepeat, patternProblem } from '@/lib/settings/pattern';

describe('redaction patterns a page cannot use to freeze us', () => {
  it.each([
    ['(a+)+', true],
    ['(\\w+\\s?)+$', true],
    ['^(\\d+)*$', true],
    ['(?:[\\w-]+\\.)+\\w+', true],
    ['((ab+)c)*', true],
    ['(a{1,3})+', true],
    ['(?<id>x*)+', true],
    ['(a*){2,}', true],
    ['EMP-\\d{6}', false],
    ['(\\d{3}-)+\\d{4}', false],
    ['(a+){3}', false],
    ['(a+)?', false],
    ['[(+)]+', false],
    ['\\(a+\\)+', false],
    ['(?:ab)+', false],
    ['\\p{Lu}{2,}(x)+', false],
    ['(?=a+)b+', false],
  ])('%s repeats inside a repeat: %s', (source, nested) => {
    expect(nestedRepeat(source)).toBe(nested);
  });

  // An unbounded e-mail pattern (`[\\w.+-]+@…`) is quadratic on a long run of letters: near the
  // limit on a 4,000-character selection, so refused or not by the machine's load; bounded, it is linear.
  it.each(['EMP-\\d{6}', '\\b[A-Z]{2,4}-\\d+\\b', 'CASE-[0-9]{4,8}', '\\bsecret:\\s*\\S+', '[\\w.+-]{1,64}@[\\w-]+\\.\\w+'])('lets %s run', (source) => {
    expect(patternProblem(source)).toBeUndefined();
  });

  it.each([
    // Ambiguous alternation: exponential on a few dozen characters, no nesting to see.
    ['(a|aa)+$', 'is too slow on long page text'],
    ['(\\w|\\d)+$', 'is too slow on long page text'],
    // Polynomial: harmless on short text, minutes on a 4,000-character selection.
    ['\\s*\\s*\\s*$', 'is too slow on long page text'],
    ['(', 'is not a valid regular expression'],
    ['\\k<missing>', 'is not a valid regular expression'],
  ])('refuses %s', (source, message) => {
    expect(configProblemText(patternProblem(source)!)).toContain(message);
  });
});
