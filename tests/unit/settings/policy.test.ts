import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/capture/context';
import { routeByName } from '@/lib/report/build';
import { effectiveDesks } from '@/lib/settings/desk';
import { layer, parseConfigText, validateConfig } from '@/lib/settings/policy';
import { effectivePreferences } from '@/lib/settings/preferences';

describe('catalog configuration schema', () => {
  it('accepts a full configuration as written', () => {
    const raw = {
      desks: [{ kind: 'rt', url: 'https://rt.example.com', name: 'IT desk', signIn: 'session', timeoutSeconds: 30 }],
      departments: { HR: { helpsWith: 'Pay and leave', hours: 'Mon–Fri 9–17', firstResponse: '4 hours', resolution: '2 days', portal: 'https://hr.example.com', keywords: ['payslip'] } },
      forms: { Facilities: { keywords: ['door'], hidden: false, defaults: { Building: 'HQ' } } },
      order: ['IT', 'HR'],
      synonyms: [['laptop', 'notebook']],
      rules: [{ url: 'https://payroll.example.com/*', department: 'HR', form: 'HR', fields: { Topic: 'Payroll' } }],
      reportRoute: { department: 'IT' },
      capture: { screenshot: false, selection: true, redact: ['EMP-\\d{6}'] },
      notifications: { enabled: true, intervalMin: 5 },
    };
    expect(validateConfig(raw)).toEqual({ config: raw, problems: [] });
  });

  it.each([
    [{ rulez: [] }, 'rulez', 'is not a known key (known: desks, departments, forms, order, synonyms, rules, reportRoute, capture, notifications)'],
    [{ rules: [{ url: 'payroll.example.com', department: 'HR' }] }, 'rules[0].url', 'must start with a scheme, e.g. "https://", not "payroll.example.com"'],
    [{ rules: [{ url: 'https://x.example/*' }] }, 'rules[0].department', 'is required'],
    [{ rules: {} }, 'rules', 'must be a list, not an object'],
    [{ desks: [{ kind: 'rt', url: 'http://rt.example.com' }] }, 'desks[0].url', 'must use https:// (plain http only for this machine)'],
    [{ desks: [{ kind: 'jira', url: 'https://x.example' }] }, 'desks[0].kind', 'must be "rt" (Request Tracker), not string "jira"'],
    [{ desks: [{ kind: 'rt', url: 'https://x.example', timeoutSeconds: 500 }] }, 'desks[0].timeoutSeconds', 'must be a whole number from 2 to 120, not number 500'],
    [{ departments: { HR: { hours: 9 } } }, 'departments.HR.hours', 'must be non-empty text, not number 9'],
    [{ departments: { HR: { portal: 'not a url' } } }, 'departments.HR.portal', 'is not a web address: "not a url"'],
    [{ forms: { Legal: { hidden: 'yes' } } }, 'forms.Legal.hidden', 'must be true or false, not string "yes"'],
    [{ capture: { redact: ['(unclosed'] } }, 'capture.redact[0]', 'is not a valid regular expression'],
    [{ synonyms: [['alone']] }, 'synonyms[0]', 'must list at least two words'],
    [{ notifications: { intervalMin: 0 } }, 'notifications.intervalMin', 'must be a whole number from 1 to 60, not number 0'],
  ])('%j → %s %s', (raw, key, message) => {
    const { problems } = validateConfig(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe(key);
    expect(problems[0]?.message).toContain(message);
  });

  it('keeps everything that is valid beside a bad key', () => {
    const { config, problems } = validateConfig({
      order: ['IT'],
      rules: [{ url: 'nope', department: 'HR' }, { url: 'https://ok.example/*', department: 'IT' }],
      capture: { screenshot: 'no', selection: false },
    });
    expect(config).toEqual({ order: ['IT'], rules: [{ url: 'https://ok.example/*', department: 'IT' }], capture: { selection: false } });
    expect(problems.map((p) => p.key)).toEqual(['rules[0].url', 'capture.screenshot']);
  });

  it('names a file that is not JSON', () => {
    expect(parseConfigText('{ "order": [').problems[0]).toMatchObject({ key: '(file)', message: expect.stringContaining('is not valid JSON') });
    expect(parseConfigText('  ')).toEqual({ config: {}, problems: [] });
  });

  it('treats a policy that is not an object as a problem, not a crash', () => {
    expect(validateConfig('text').problems[0]?.message).toBe('must be an object, not string "text"');
    expect(validateConfig(undefined)).toEqual({ config: {}, problems: [] });
  });
});

describe('layers: managed > user > default', () => {
  it.each([
    ['managed wins and is locked', { order: ['HR'] }, { order: ['IT'] }, ['HR'], ['order']],
    ['user when nothing is managed', {}, { order: ['IT'] }, ['IT'], []],
    ['a broken managed key falls back to the user', { order: 'HR' }, { order: ['IT'] }, ['IT'], []],
    ['default when neither', {}, {}, undefined, []],
  ])('%s', (_, managed, user, order, locked) => {
    const result = layer(managed, user);
    expect(result.config.order).toEqual(order);
    expect(result.locked).toEqual(locked);
  });

  it('uses the defaults for capture unless set', () => {
    expect(layer({}, {}).config.capture).toEqual({ screenshot: true, selection: true });
    expect(layer({ capture: { screenshot: false } }, {}).config.capture).toEqual({ screenshot: false });
  });

  it('reports the policy problems apart from the user\'s', () => {
    const result = layer({ order: 'HR' }, { rules: 4 });
    expect(result.policyProblems.map((p) => p.key)).toEqual(['order']);
    expect(result.userProblems.map((p) => p.key)).toEqual(['rules']);
  });
});

describe('what the policy changes', () => {
  it('puts the administrator\'s desks first, keeping the user\'s token for them', () => {
    const saved = [
      { id: 'rt:rt.example.com', kind: 'rt' as const, name: 'mine', baseUrl: 'https://rt.example.com', auth: { mode: 'token' as const, token: '1-2-x' } },
      { id: 'rt:other.example', kind: 'rt' as const, name: 'other', baseUrl: 'https://other.example', auth: { mode: 'token' as const, token: 't' } },
    ];
    const desks = effectiveDesks([{ kind: 'rt', url: 'https://rt.example.com/', name: 'IT desk', timeoutSeconds: 30 }], saved);
    expect(desks.map((d) => [d.id, d.name, d.auth, d.timeoutMs])).toEqual([
      ['rt:rt.example.com', 'IT desk', { mode: 'token', token: '1-2-x' }, 30_000],
      ['rt:other.example', 'other', { mode: 'token', token: 't' }, undefined],
    ]);
    expect(effectiveDesks([{ kind: 'rt', url: 'https://sso.example', signIn: 'session' }], [])[0]?.auth).toEqual({ mode: 'session' });
  });

  it('lets the administrator switch notifications off and set how often to look', () => {
    expect(effectivePreferences({ notifications: true, intervalMin: 2 }, { enabled: false, intervalMin: 10 })).toEqual({ notifications: false, intervalMin: 10 });
    expect(effectivePreferences({ notifications: true, intervalMin: 2 }, undefined)).toEqual({ notifications: true, intervalMin: 2 });
  });

  it('captures no screenshot or selection when switched off, and blacks out extra patterns', () => {
    const parts = { browser: { browser: 'Chromium 156', os: 'Linux', language: 'en' }, tab: { url: 'https://hr.example/p', title: 'Case EMP-123456' }, screenshot: 'data:image/png;base64,AAAA', page: { url: 'https://hr.example/p', title: 'Case EMP-123456', selection: 'EMP-654321 is late', language: 'en', viewport: { width: 800, height: 600 } } };
    const context = buildContext(parts as never, { screenshot: false, redact: ['EMP-\\d{6}'] });
    expect(context.screenshot).toBeUndefined();
    expect(context.gaps).toEqual([]);
    expect(context.title).toBe('Case [redacted]');
    expect(context.selection).toBe('[redacted] is late');
    expect(buildContext(parts as never, { selection: false }).selection).toBeUndefined();
  });

  it('routes page problems to the department the administrator named', () => {
    const catalog = { fetchedAt: 0, forms: [], departments: [{ deskId: 'rt', id: '1', name: 'IT', description: '' }, { deskId: 'rt', id: '7', name: 'Web team', description: '' }] };
    expect(routeByName(catalog, { department: 'web TEAM' })).toEqual({ deskId: 'rt', departmentId: '7' });
    expect(routeByName(catalog, { department: 'nobody' })).toBeUndefined();
  });
});
