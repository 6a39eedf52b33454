// Words on screen come from the locale files: the real eslint.config.js refuses a literal with a
// letter in it between JSX tags or in an attribute a person reads, in components and pages.
import { describe, expect, it } from 'vitest';
import { ruleMessages } from '../support/lint';

const literals = (filePath: string, code: string) => ruleMessages(filePath, code, 'words/no-literal');

describe('on-screen words', { timeout: 30_000 }, () => {
  it('refuses English written into a component or a page, as text, as a string, in a read attribute', async () => {
    const code = [
      "import { t } from '@/lib/i18n';",
      'export const A = () => <p>Send request</p>;',
      "export const B = () => <p>{'Sending…'}</p>;",
      'export const C = () => <button aria-label="Close">×</button>;',
      "export const D = () => <input placeholder={'Search'} title={`Find a form`} />;",
      "export const E = () => <img alt='Screenshot' src='x.png' />;",
      '',
    ].join('\n');
    for (const file of ['components/popup/Probe.tsx', 'entrypoints/popup/probe.tsx'])
      expect(await literals(file, code), file).toEqual([
        expect.stringMatching(/^2: 'Send request' is on screen/),
        expect.stringMatching(/^3: 'Sending…' is on screen/),
        expect.stringMatching(/^4: 'Close' is on screen/),
        expect.stringMatching(/^5: 'Search' is on screen/),
        expect.stringMatching(/^5: 'Find a form' is on screen/),
        expect.stringMatching(/^6: 'Screenshot' is on screen/),
      ]);
  });

  it("lets words from t(), punctuation, numbers and attributes nobody reads through", async () => {
    const code = [
      "import { t } from '@/lib/i18n';",
      "export const A = ({ n }: { n: number }) => (",
      '  <p className="row row--open" id="x" data-state="on">',
      "    {t('popup.title')} · {n} × 2 — <span aria-label={t('action.close')}>{'→'}</span>",
      '  </p>',
      ');',
      '',
    ].join('\n');
    expect(await literals('components/popup/Probe.tsx', code)).toEqual([]);
  });
});
