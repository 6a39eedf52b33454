// Everything the desk returns is shown as text: 50 script-injection vectors as request subjects,
// staff replies and field values in the real Request Tracker → nothing runs, nothing is injected.
import { describe, expect, it } from 'vitest';
import { withExtension } from './support/fixture';
import { deskFacts, staff } from './support/desk';

const BASE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>@import "http://127.0.0.1:9/x.css";</style>',
  '<link rel=stylesheet href="http://127.0.0.1:9/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<div style="background:url(javascript:alert(1))">',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<scr<script>ipt>alert(1)</script>',
  '<img src="http://127.0.0.1:9/pixel.gif">',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];
const VECTORS = BASE.flatMap((v) => [v, `"'><${v.slice(1)}`]);

const facts = deskFacts();
const rt = staff(facts);
const env = withExtension({ configure: true, before: () => rt.resolveAllOf(facts.users.alice) });

describe('desk content is shown as text', () => {
  it(`renders ${VECTORS.length} injection vectors in subjects, replies and fields without running any`, async () => {
    expect(VECTORS).toHaveLength(50);
    const ids: string[] = [];
    for (const [i, v] of VECTORS.entries()) ids.push(await rt.fileAs(facts.tokens.alice, facts.users.alice, 'Facilities', `${i} ${v}`));
    const thread = ids[0]!;
    for (const v of VECTORS) await rt.reply(thread, v);
    await rt.call(`/ticket/${ids[1]}`, { method: 'PUT', body: JSON.stringify({ CustomFields: { Room: VECTORS[1] } }) });

    const page = await env.app.context.newPage();
    const fired: string[] = [];
    page.on('dialog', (d) => {
      fired.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => fired.push(`error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url().startsWith('http://127.0.0.1:9/')) fired.push(`remote load: ${r.url()}`);
    });
    await page.goto(env.app.url('popup.html#requests'));
    await page.locator('.row').nth(49).waitFor({ timeout: 20_000 });
    const rows = await page.locator('.row__subject').allTextContents();
    for (const [i, v] of VECTORS.entries()) expect(rows).toContain(`${i} ${v}`);

    await page.locator('.row', { hasText: /^0 / }).first().click();
    await page.locator('.message').nth(50).waitFor({ timeout: 20_000 });
    const texts = await page.locator('.message__text').allTextContents();
    for (const v of VECTORS) expect(texts).toContain(v);

    const injected = await page.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main svg:not(.search__icon), main object, main embed, main video, main audio, main style, main link, main meta, main form:not(.reply), main details, main marquee, main math, main template, main a').length);
    expect(injected).toBe(0);
    expect(fired).toEqual([]);
    await page.close();
  }, 120_000);
});
