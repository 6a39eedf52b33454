import { describe, expect, it } from 'vitest';
import { redactText, redactUrl } from '@/lib/capture/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const R = '[redacted]';

// [input, expected] — secrets by parameter name, by shape, in userinfo, path and fragment.
const VECTORS: [string, string][] = [
  ['https://a.example/p?token=abc', `https://a.example/p?token=${R}`],
  ['https://a.example/p?access_token=abc&x=1', `https://a.example/p?access_token=${R}&x=1`],
  ['https://a.example/p?id_token=abc', `https://a.example/p?id_token=${R}`],
  ['https://a.example/p?refresh_token=abc', `https://a.example/p?refresh_token=${R}`],
  ['https://a.example/p?api_key=k1', `https://a.example/p?api_key=${R}`],
  ['https://a.example/p?apikey=k1', `https://a.example/p?apikey=${R}`],
  ['https://a.example/p?api-key=k1', `https://a.example/p?api-key=${R}`],
  ['https://a.example/p?key=k1', `https://a.example/p?key=${R}`],
  ['https://a.example/p?client_secret=s', `https://a.example/p?client_secret=${R}`],
  ['https://a.example/p?password=hunter2', `https://a.example/p?password=${R}`],
  ['https://a.example/p?passwd=hunter2', `https://a.example/p?passwd=${R}`],
  ['https://a.example/p?pwd=hunter2', `https://a.example/p?pwd=${R}`],
  ['https://a.example/p?session=xyz', `https://a.example/p?session=${R}`],
  ['https://a.example/p?sessionid=xyz', `https://a.example/p?sessionid=${R}`],
  ['https://a.example/p;x?JSESSIONID=xyz', `https://a.example/p;x?JSESSIONID=${R}`],
  ['https://a.example/p?PHPSESSID=xyz', `https://a.example/p?PHPSESSID=${R}`],
  ['https://a.example/p?sid=xyz', `https://a.example/p?sid=${R}`],
  ['https://a.example/cb?code=4/0Ab&state=ok', `https://a.example/cb?code=${R}&state=ok`],
  ['https://a.example/p?signature=abc', `https://a.example/p?signature=${R}`],
  ['https://a.example/p?sig=abc', `https://a.example/p?sig=${R}`],
  ['https://b.s3.example/o?X-Amz-Signature=abc&X-Amz-Credential=AK%2F1&X-Amz-Expires=60', `https://b.s3.example/o?X-Amz-Signature=${R}&X-Amz-Credential=${R}&X-Amz-Expires=60`],
  ['https://a.example/p?auth=abc', `https://a.example/p?auth=${R}`],
  ['https://a.example/p?otp=123456', `https://a.example/p?otp=${R}`],
  ['https://a.example/p?SAMLResponse=PHNhbWw%2B', `https://a.example/p?SAMLResponse=${R}`],
  [`https://a.example/p?next=${JWT}`, `https://a.example/p?next=${R}`],
  [`https://a.example/reset/${JWT}/confirm`, `https://a.example/reset/${R}/confirm`],
  ['https://a.example/p#access_token=abc&token_type=bearer', `https://a.example/p#access_token=${R}&token_type=bearer`],
  ['https://a.example/app#/orders?session=abc&page=2', `https://a.example/app#/orders?session=${R}&page=2`],
  ['https://user:hunter2@a.example/p', `https://${R}@a.example/p`],
  ['https://a.example/p?q=AKIAIOSFODNN7EXAMPLE', `https://a.example/p?q=${R}`],
  ['https://a.example/hook/ghp_abcdefghijklmnopqrstuvwxyz0123', `https://a.example/hook/${R}`],
  ['https://a.example/p?x=xoxb-123456789012-abcdefghij', `https://a.example/p?x=${R}`],
  ['https://a.example/files/5f4dcc3b5aa765d61d8327deb882cf99/view', `https://a.example/files/${R}/view`],
  ['https://a.example/share/Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7b', `https://a.example/share/${R}`],
  ['https://a.example/p?u=Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7b', `https://a.example/p?u=${R}`],
  // Left alone: ordinary pages must stay readable.
  ['https://intranet.example/rooms/booking?room=2.14&date=2026-11-23', 'https://intranet.example/rooms/booking?room=2.14&date=2026-11-23'],
  ['https://a.example/search?q=password+reset+help', 'https://a.example/search?q=password+reset+help'],
  ['https://a.example/p?keyboard=de&monkey=1', 'https://a.example/p?keyboard=de&monkey=1'],
  ['https://a.example/docs/getting-started-with-the-new-portal', 'https://a.example/docs/getting-started-with-the-new-portal'],
  ['https://a.example/p?token=', 'https://a.example/p?token='],
  ['https://a.example/#section-2', 'https://a.example/#section-2'],
  ['http://127.0.0.1:8080/report?ticket=12', 'http://127.0.0.1:8080/report?ticket=12'],
];

describe('redactUrl', () => {
  it.each(VECTORS)('%s', (input, expected) => {
    expect(redactUrl(input).url).toBe(expected);
  });

  it('counts what it took out', () => {
    expect(redactUrl('https://u:p@a.example/p?token=1&session=2').count).toBe(3);
    expect(redactUrl('https://a.example/p?room=1').count).toBe(0);
  });

  it('scrubs by shape when the text is not a URL', () => {
    expect(redactUrl(`about:blank?${JWT}`).url).toBe(`about:blank?${R}`);
  });

  it('has at least 30 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(30);
  });
});

describe('redactText', () => {
  it('takes tokens out of selected text and titles, and leaves prose alone', () => {
    expect(redactText(`my token is ${JWT} ok`).text).toBe(`my token is ${R} ok`);
    expect(redactText('The booking form fails with E-4411.')).toEqual({ text: 'The booking form fails with E-4411.', count: 0 });
  });
});
