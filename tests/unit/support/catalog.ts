// The Facilities catalog the unit tests share (one department, one form of the same name, as
// RT's queue 3 in tests/fixtures/rt/queues.json), and IT for tests that need a second one.
import type { Catalog, Department, FieldSpec, RequestForm } from '@/lib/domain';

export const ROOM: FieldSpec = { id: '5', label: 'Room', kind: 'text', required: true, pattern: '.' };

export function facilities(deskId = 'd', fields?: FieldSpec[]): { department: Department; form: RequestForm } {
  return {
    department: { deskId, id: '3', name: 'Facilities', description: 'Rooms' },
    form: { deskId, departmentIds: ['3'], id: '3', name: 'Facilities', description: 'Rooms', ...(fields ? { fields } : {}) },
  };
}

export function it(deskId = 'd', fields: FieldSpec[] = []): { department: Department; form: RequestForm } {
  return {
    department: { deskId, id: '5', name: 'IT', description: '' },
    form: { deskId, departmentIds: ['5'], id: '5', name: 'IT', description: '', fields },
  };
}

/** A catalog of these departments (Facilities alone unless others are given). */
export function catalogOf(...parts: { department: Department; form: RequestForm }[]): Catalog {
  const all = parts.length > 0 ? parts : [facilities()];
  return { fetchedAt: 1, departments: all.map((p) => p.department), forms: all.map((p) => p.form) };
}
