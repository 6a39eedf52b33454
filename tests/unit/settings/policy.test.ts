import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/capture/context';
import { routeByName } from '@/lib/report/build';
import { DESK_KIND_NAMES, DESK_KINDS } from '@/lib/domain/desk';
import { effectiveDesks, isLoopback } from '@/lib/settings/desk';
import { configProblemText } from '@/components/options/problem-text';
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
      routingModel: { version: 1, source: 'https://rt.example.com (120 requests)', labels: [{ department: 'Facilities', requests: 40, terms: { door: 2.5, 'lock~': -0.25 } }] },
      fieldMap: { Facilities: { 'Page URL': 'url', Notes: 'selection' } },
    };
    // Addresses come back as parsed: what was checked is what is used.
    const config = structuredClone(raw);
    config.desks[0]!.url = 'https://rt.example.com/';
    config.departments.HR.portal = 'https://hr.example.com/';
    expect(validateConfig(raw)).toEqual({ config, problems: [] });
  });

  it.each([
    [{ rulez: [] }, 'rulez', 'is not a known key (known: desks, departments, forms, order, synonyms, rules, reportRoute, capture, notifications, routingModel, fieldMap, rating)'],
    [{ fieldMap: { Facilities: { 'Page URL': 'cookies' } } }, 'fieldMap.Facilities.Page URL', 'must be one of "url", "title", "selection", "link", "image", "browser", not "cookies"'],
    [{ routingModel: { version: 1, labels: [{ department: 'IT', requests: 3, terms: { laptop: 'high' } }] } }, 'routingModel.labels[0].terms.laptop', 'must be a number, not "high"'],
    [{ routingModel: { version: 2, labels: [] } }, 'routingModel.version', 'must be a whole number from 1 to 1, not 2'],
    [{ rules: [{ url: 'payroll.example.com', department: 'HR' }] }, 'rules[0].url', 'must start with a scheme, e.g. "https://", not "payroll.example.com"'],
    [{ rules: [{ url: 'https://x.example/*' }] }, 'rules[0].department', 'is required'],
    [{ rules: {} }, 'rules', 'must be a list, not {…}'],
    [{ desks: [{ kind: 'rt', url: 'http://rt.example.com' }] }, 'desks[0].url', 'must use https:// (plain http only for this machine)'],
    [{ desks: [{ kind: 'jira', url: 'https://x.example' }] }, 'desks[0].kind', 'must be one of "rt", "jsm-cloud", "jsm-dc", "zendesk", not "jira"'],
    [{ desks: [{ kind: 'jsm-cloud', url: 'https://x.example', signIn: 'session' }] }, 'desks[0].signIn', 'must be one of "basic" for a jsm-cloud desk, not "session"'],
    [{ desks: [{ kind: 'rt', url: 'https://x.example', timeoutSeconds: 500 }] }, 'desks[0].timeoutSeconds', 'must be a whole number from 2 to 120, not 500'],
    [{ departments: { HR: { hours: 9 } } }, 'departments.HR.hours', 'must be non-empty text, not 9'],
    [{ departments: { HR: { portal: 'not a url' } } }, 'departments.HR.portal', 'is not a web address: "not a url"'],
    [{ forms: { Legal: { hidden: 'yes' } } }, 'forms.Legal.hidden', 'must be true or false, not "yes"'],
    [{ capture: { redact: ['(unclosed'] } }, 'capture.redact[0]', 'is not a valid regular expression'],
    [{ synonyms: [['alone']] }, 'synonyms[0]', 'must list at least two words'],
    [{ notifications: { intervalMin: 0 } }, 'notifications.intervalMin', 'must be a whole number from 1 to 60, not 0'],
  ])('%j → %s %s', (raw, key, message) => {
    const { problems } = validateConfig(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe(key);
    expect(configProblemText(problems[0]!)).toContain(message);
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
    const json = parseConfigText('{ "order": [').problems[0]!;
    expect(json).toMatchObject({ key: '(file)', code: 'json' });
    expect(configProblemText(json)).toContain('is not valid JSON');
    expect(parseConfigText('  ')).toEqual({ config: {}, problems: [] });
  });

  it('treats a policy that is not an object as a problem, not a crash', () => {
    expect(configProblemText(validateConfig('text').problems[0]!)).toBe('must be an object, not "text"');
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

  it('captures no screenshot, selection or browser facts when switched off, and blacks out extra patterns', () => {
    const parts = { browser: { browser: 'Chromium 156', os: 'Linux', language: 'en' }, tab: { url: 'https://hr.example/p', title: 'Case EMP-123456' }, screenshot: 'data:image/png;base64,AAAA', page: { url: 'https://hr.example/p', title: 'Case EMP-123456', selection: 'EMP-654321 is late', language: 'en', viewport: { width: 800, height: 600 } } };
    const context = buildContext(parts as never, { screenshot: false, redact: ['EMP-\\d{6}'] });
    expect(context.screenshot).toBeUndefined();
    expect(context.gaps).toEqual([]);
    expect(context.title).toBe('Case [redacted]');
    expect(context.selection).toBe('[redacted] is late');
    expect(buildContext(parts as never, { selection: false }).selection).toBeUndefined();
    expect(buildContext(parts as never, {}).browser).toBe('Chromium 156 · Linux · en · 800×600');
    expect(buildContext(parts as never, { browser: false })).not.toHaveProperty('browser');
  });

  it('routes page problems to the department the administrator named', () => {
    const catalog = { fetchedAt: 0, forms: [], departments: [{ deskId: 'rt', id: '1', name: 'IT', description: '' }, { deskId: 'rt', id: '7', name: 'Web team', description: '' }] };
    expect(routeByName(catalog, { department: 'web TEAM' })).toEqual({ deskId: 'rt', departmentId: '7' });
    expect(routeByName(catalog, { department: 'nobody' })).toBeUndefined();
  });
});

describe('a policy that cannot hurt', () => {
  const MEMBER_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf'];
  // Built by JSON.parse, as policy arrives, so `__proto__` is an own key and not the prototype.
  const hostile = (value: unknown) => Object.fromEntries(MEMBER_NAMES.map((k) => [k, value]));
  const policy = JSON.parse(
    JSON.stringify({
      ...hostile({ polluted: true }),
      order: ['IT'],
      departments: { ...hostile({ hours: '9–5', polluted: true }), HR: { hours: '9–5', ...hostile('x') } },
      forms: { ...hostile({ hidden: true }), Legal: { hidden: true, ...hostile(true) } },
      rules: [{ url: 'https://x.example/*', department: 'HR', fields: { ...hostile('x'), Topic: 'Pay' }, ...hostile('x') }],
      desks: [{ kind: 'rt', url: 'https://rt.example', ...hostile('x') }],
      capture: { ...hostile(false), selection: false },
    }).replaceAll('"polluted":true', '"polluted":"yes"'),
  );

  it('names keys like built-in members, without throwing, and applies the rest', () => {
    const { config, problems } = validateConfig(policy);
    const keys = problems.map((p) => p.key);
    for (const k of MEMBER_NAMES) {
      expect(keys).toContain(k);
      expect(keys).toContain(`departments.HR.${k}`);
      expect(keys).toContain(`forms.Legal.${k}`);
      expect(keys).toContain(`rules[0].${k}`);
      expect(keys).toContain(`desks[0].${k}`);
      expect(keys).toContain(`capture.${k}`);
    }
    expect(problems.find((p) => p.key === 'departments.__proto__')?.code).toBe('name');
    expect(problems.find((p) => p.key === 'rules[0].fields.__proto__')?.code).toBe('name');
    expect(config.order).toEqual(['IT']);
    expect(config.capture).toEqual({ selection: false });
    expect(config.desks).toEqual([{ kind: 'rt', url: 'https://rt.example/' }]);
    // Names chosen by the administrator are only names: a department may be called "constructor".
    expect(Object.keys(config.departments ?? {})).toEqual(['constructor', 'hasOwnProperty', 'valueOf', 'HR']);
    expect(config.departments?.HR).toEqual({ hours: '9–5' });
    expect(Object.keys(config.rules?.[0]?.fields ?? {})).toEqual(['constructor', 'hasOwnProperty', 'valueOf', 'Topic']);
  });

  it('changes no prototype', () => {
    const { config } = validateConfig(policy);
    for (const names of [config.departments, config.forms, config.rules?.[0]?.fields]) expect(Object.getPrototypeOf(names)).toBeNull();
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    // Copying the names into an ordinary object is safe too: `__proto__` was refused.
    expect(Object.getPrototypeOf(Object.assign({}, config.departments))).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(layer(policy, policy).locked).toContain('departments');
  });

  it('validates 100,000 bad rules in well under a second', () => {
    const rules = Array.from({ length: 100_000 }, () => ({ url: 'payroll' }));
    validateConfig({ rules: rules.slice(0, 1000) }); // compiled first: the time is the algorithm's
    const start = performance.now();
    const { problems } = validateConfig({ rules });
    expect(performance.now() - start).toBeLessThan(2000);
    // Each rule: its address, and the department it lacks; a bad key is not also called missing.
    expect(problems).toHaveLength(200_000);
    expect(validateConfig({ rules: [{ department: 5, url: 'https://x/*' }] }).problems.map(configProblemText)).toEqual(['must be non-empty text, not 5']);
  });
});

describe('addresses', () => {
  const portal = (address: string) => validateConfig({ departments: { HR: { portal: address } } });

  it('keeps the address as parsed, never the text as typed', () => {
    expect(portal('hr.example.com/leave?x=1').config.departments?.HR?.portal).toBe('https://hr.example.com/leave?x=1');
    // Passes as host "javascript", port 443 once parsed; kept raw, it ran script when opened.
    expect(portal('javascript:443/alert(document.domain)').config.departments?.HR?.portal).toBe('https://javascript/alert(document.domain)');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'chrome://settings'])('refuses a portal at %s', (address) => {
    const { config, problems } = portal(address);
    expect(config.departments?.HR).toEqual({});
    expect(problems.map((p) => p.key)).toEqual(['departments.HR.portal']);
  });

  it.each([
    ['http://127.0.0.1.evil.com', false],
    ['http://127.evil', false],
    ['http://127.0.0.1evil.com', false],
    ['http://localhost.evil.com', false],
    ['http://127.0.0.1:8080/rt', true],
    ['http://127.9.8.7', true],
    ['http://0x7f.1', true],
    ['http://localhost:8080', true],
    ['http://rt.localhost', true],
    ['http://[::1]:8080', true],
    ['http://[::2]', false],
  ])('a desk at %s counts as this machine: %s', (address, loopback) => {
    expect(isLoopback(new URL(address).hostname)).toBe(loopback);
    const { problems } = validateConfig({ desks: [{ kind: 'rt', url: address }] });
    expect(problems.map(configProblemText)).toEqual(loopback ? [] : ['must use https:// (plain http only for this machine)']);
  });
});

describe('desk kinds', () => {
  it.each(DESK_KIND_NAMES)('accepts a %s desk with each way of signing in it accepts', (kind) => {
    for (const signIn of [undefined, ...DESK_KINDS[kind].signIn]) {
      const desk = { kind, url: 'https://desk.example/', ...(signIn ? { signIn } : {}) };
      expect(validateConfig({ desks: [desk] })).toEqual({ config: { desks: [desk] }, problems: [] });
    }
  });

  it('takes a sign-in way the kind accepts, and a Zendesk OAuth client', () => {
    const desk = { kind: 'zendesk', url: 'https://acme.zendesk.com/', signIn: 'oauth', oauthClientId: 'instant_desk' };
    expect(validateConfig({ desks: [desk] })).toEqual({ config: { desks: [desk] }, problems: [] });
  });

  it('drops a way of signing in the kind does not accept, keeping the desk', () => {
    const { config, problems } = validateConfig({ desks: [{ kind: 'jsm-dc', url: 'https://jira.example', signIn: 'token' }] });
    expect(config.desks).toEqual([{ kind: 'jsm-dc', url: 'https://jira.example/' }]);
    expect(problems).toEqual([{ key: 'desks[0].signIn', code: 'sign-in', vars: { accepted: '"bearer"', kind: 'jsm-dc', value: '"token"' } }]);
    expect(configProblemText(problems[0]!)).toBe('must be one of "bearer" for a jsm-dc desk, not "token"');
  });
});

describe('redaction patterns', () => {
  it.each([
    ['(unclosed', 'is not a valid regular expression'],
    ['(\\w+\\s?)+$', 'repeats a group that itself repeats'],
    ['(a|aa)+$', 'is too slow on long page text'],
  ])('refuses %s, naming it', (source, message) => {
    const { config, problems } = validateConfig({ capture: { redact: ['EMP-\\d{6}', source] } });
    expect(config.capture?.redact).toEqual(['EMP-\\d{6}']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe('capture.redact[1]');
    expect(configProblemText(problems[0]!)).toContain(message);
  });
});
