import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/capture/context';
import { asksForPage, fieldMapFor, onlyNames, subjectFromSentence, valuesFromPage, valuesFromSentence } from '@/lib/capture/fill';
import type { FieldSpec } from '@/lib/domain';

// Facilities as the seeded RT has it (scripts/rt/seed.pl), plus the page's address.
const ROOM: FieldSpec = { id: '5', label: 'Room', kind: 'text', required: true, pattern: '.', description: 'Room number or name' };
const BUILDING: FieldSpec = {
  id: '4',
  label: 'Building',
  kind: 'select',
  required: false,
  options: ['HQ North', 'HQ South', 'Warehouse', 'Lab'].map((l) => ({ value: l, label: l })),
};
const PAGE_URL: FieldSpec = { id: '12', label: 'Page URL', kind: 'text', required: false, description: 'The address of the page this is about' };
const FACILITIES = [BUILDING, ROOM, PAGE_URL];

describe('values a sentence states plainly', () => {
  it.each([
    ['the door of meeting room 3.14 does not lock', '3.14'],
    ['Room 2.07: the heating is off.', '2.07'],
    ['Die Tür von Raum 3.14 schließt nicht', '3.14'],
    ['Im Zimmer Nr. 4.01 ist es zu kalt', '4.01'],
    ['la porte de la salle 3.14 ne ferme pas', '3.14'],
    ['la lumière du bureau n° B-12 clignote', 'B-12'],
    ['la puerta de la sala 3.14 no cierra', '3.14'],
    ['el aire acondicionado de la habitación número 12 no enfría', '12'],
    ['my room is 5.22', '5.22'],
  ])('"%s" → Room %s', (sentence, room) => {
    expect(valuesFromSentence(sentence, FACILITIES)).toMatchObject({ [ROOM.id]: room });
  });

  it('leaves a field alone when the sentence gives no value for it, or one its pattern refuses', () => {
    expect(valuesFromSentence('the meeting room door does not lock', FACILITIES)).toEqual({});
    expect(valuesFromSentence('door', FACILITIES)).toEqual({});
    expect(valuesFromSentence('', FACILITIES)).toEqual({});
    const asset: FieldSpec = { id: '2', label: 'Asset tag', kind: 'text', required: false, pattern: '^(IT-\\d{5})?$' };
    expect(valuesFromSentence('asset tag IT-01234 laptop is broken', [asset])).toEqual({ 2: 'IT-01234' });
    expect(valuesFromSentence('asset tag 77 laptop is broken', [asset])).toEqual({});
    const seats: FieldSpec = { id: '3', label: 'Room', kind: 'number', required: false };
    expect(valuesFromSentence('room B12 is cold', [seats])).toEqual({});
  });

  it('keeps the value as typed, accents and case included', () => {
    const desk: FieldSpec = { id: '9', label: 'Bâtiment', kind: 'text', required: false };
    expect(valuesFromSentence('Le chauffage du batiment C3 est en panne', [desk])).toEqual({ 9: 'C3' });
    expect(valuesFromSentence('Gebäude Ä4 hat keinen Strom', [{ ...desk, label: 'Gebäude' }])).toEqual({ 9: 'Ä4' });
  });

  it('proposes the one option a sentence names, never a vague or ambiguous one', () => {
    expect(valuesFromSentence('the door of room 3.14 in HQ North does not lock', FACILITIES)).toEqual({ 4: 'HQ North', 5: '3.14' });
    expect(valuesFromSentence('the warehouse gate is stuck', FACILITIES)).toEqual({ 4: 'Warehouse' });
    expect(valuesFromSentence('moving from HQ North to HQ South', FACILITIES)).toEqual({});
    const topic: FieldSpec = {
      id: '7',
      label: 'Thema',
      kind: 'select',
      required: false,
      options: [
        { value: 'pay', label: 'Gehaltsabrechnung' },
        { value: 'leave', label: 'Urlaub' },
        { value: 'other', label: 'Sonstiges' },
      ],
    };
    expect(valuesFromSentence('Ich möchte Urlaub beantragen', [topic])).toEqual({ 7: 'leave' });
    expect(valuesFromSentence('sonstiges Problem', [topic])).toEqual({});
    const tipo: FieldSpec = { id: '8', label: 'Tipo', kind: 'multiselect', required: false, options: [{ value: 'n', label: 'Nómina' }] };
    expect(valuesFromSentence('necesito una nomina', [tipo])).toEqual({ 8: ['n'] });
  });
});

describe('what is typed to find a form', () => {
  it('is a search when it only names the form or its department, else what the request is about', () => {
    expect(onlyNames('fac', ['Facilities'])).toBe(true);
    expect(onlyNames('haus', ['Haustechnik', 'Gebäude'])).toBe(true);
    expect(onlyNames('geba', ['Gebäude'])).toBe(true);
    expect(onlyNames('door', ['Facilities'])).toBe(false);
    expect(onlyNames('facilities door', ['Facilities'])).toBe(false);
    expect(onlyNames('', ['Facilities'])).toBe(false);
  });
});

describe('a subject from the sentence', () => {
  it.each([
    ['the door of meeting room 3.14 does not lock', 'The door of meeting room 3.14 does not lock'],
    ['door', 'Door'],
    ['  écran   noir depuis ce matin.  Merci ', 'Écran noir depuis ce matin'],
    ['¿Dónde pido una nómina? Gracias', '¿Dónde pido una nómina'],
    ['', ''],
  ])('"%s" → "%s"', (sentence, subject) => {
    expect(subjectFromSentence(sentence)).toBe(subject);
  });

  it('is cut at a word under 80 characters', () => {
    const subject = subjectFromSentence(`the projector ${'really '.repeat(20)}does not work`);
    expect(subject.length).toBeLessThanOrEqual(81);
    expect(subject).toMatch(/^The projector (really ?)+…$/);
  });
});

describe('the page fills the desk fields', () => {
  const context = buildContext({
    page: { url: 'https://intranet.example.com/rooms/3.14?token=abcdef0123456789abcdef0123456789&view=map', title: 'Room 3.14', selection: 'Lock broken', language: 'en', viewport: { width: 1, height: 1 } },
    browser: { browser: 'Chromium 140', os: 'Linux', language: 'en' },
  });

  it('gives the redacted page address to a field that asks for the page', () => {
    const values = valuesFromPage(FACILITIES, context);
    expect(values).toEqual({ 12: context.url });
    expect(context.url).not.toContain('abcdef0123456789');
    expect(context.url).toContain('view=map');
  });

  it.each([
    ['Page URL', undefined, true],
    ['Link', undefined, true],
    ['Seite', 'Auf welcher Seite ist es passiert?', true],
    ['Webadresse', undefined, true],
    ['Adresse de la page', undefined, true],
    ['Lien', undefined, true],
    ['Enlace', undefined, true],
    ['Dirección web', undefined, true],
    ['Where', 'The web page address where it happened', true],
    ['Evidence', 'Paste the link to the document', true],
    ['E-mail address', undefined, false],
    ['Delivery address', undefined, false],
    ['Lieferadresse', undefined, false],
    ['Address', undefined, false],
    ['Site', 'Which office', false],
    ['Number of pages', undefined, false],
    ['Room', 'Room number or name', false],
  ])('%s (%s) asks for the page: %s', (label, description, yes) => {
    expect(asksForPage({ id: 'x', label, kind: 'text', required: false, ...(description ? { description } : {}) })).toBe(yes);
  });

  it('knows a field by its pattern, and never fills a select or a field whose pattern refuses the address', () => {
    expect(asksForPage({ id: 'x', label: 'Evidence', kind: 'text', required: false, pattern: '^https?://' })).toBe(true);
    expect(asksForPage({ id: 'x', label: 'Page', kind: 'select', required: false, options: [] })).toBe(false);
    expect(valuesFromPage([{ ...PAGE_URL, pattern: '^ftp:' }], context)).toEqual({});
  });

  it('follows the administrator map first (label or id, any captured item) and leaves out what the person removed', () => {
    const notes: FieldSpec = { id: '20', label: 'Notes', kind: 'textarea', required: false };
    const where: FieldSpec = { id: '21', label: 'Where', kind: 'text', required: false };
    const fields = [...FACILITIES, notes, where];
    expect(valuesFromPage(fields, context, { notes: 'selection', 21: 'title', 'Page URL': 'browser' })).toEqual({
      20: 'Lock broken',
      21: 'Room 3.14',
      12: context.browser,
    });
    expect(valuesFromPage(fields, context, { Notes: 'selection' }, ['selection', 'url'])).toEqual({});
    expect(valuesFromPage(fields, null)).toEqual({});
    expect(valuesFromPage([BUILDING], context, { Building: 'title' })).toEqual({});
  });

  it('takes the department map with the form map over it', () => {
    const map = { facilities: { 'Page URL': 'url' as const, Notes: 'title' as const }, 'Report a broken door': { Notes: 'selection' as const } };
    expect(fieldMapFor(map, { form: 'Report a broken door', department: 'Facilities' })).toEqual({ 'Page URL': 'url', Notes: 'selection' });
    expect(fieldMapFor(map, { form: 'Facilities', department: 'Facilities' })).toEqual({ 'Page URL': 'url', Notes: 'title' });
    expect(fieldMapFor(undefined, { form: 'IT', department: 'IT' })).toEqual({});
  });
});
