// The fake Zendesk account: two end users, one agent, four ticket forms and the ticket fields
// they use. Field objects carry only properties TicketFieldObject defines, with its types.

export interface ZendeskSeedUser {
  id: number;
  email: string;
  name: string;
  /** API token for `email/token:APITOKEN` Basic auth. */
  apiToken: string;
  /** A valid OAuth access token from the start, and the refresh token issued with it. */
  oauthToken: string;
  oauthRefreshToken: string;
}

export const seedUsers: { alice: ZendeskSeedUser; bob: ZendeskSeedUser } = {
  alice: {
    id: 21845903311633,
    email: 'alice.odegard@example.com',
    name: 'Alice Ødegård',
    apiToken: 'Zq7uXbVn3kR9sT2wY5aC8dF1gH4jL6mN0pQ3rS5t',
    oauthToken: '4f0c1e7a9b2d48e6a3c5f7091b2d4e6f8a0c2e4f6a8b0d2f4e6a8c0e2f4a6b8d',
    oauthRefreshToken: 'rt-alice-1b7e3d9f5a2c8e4b6d0f2a4c6e8b0d2f',
  },
  bob: {
    id: 21845903311744,
    email: 'bob.marsh@example.com',
    name: 'Bob Marsh',
    apiToken: 'Bm2nC4vX6zL8kJ0hG1fD3sA5pO7iU9yT2rE4wQ6e',
    oauthToken: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d',
    oauthRefreshToken: 'rt-bob-7c5a3e1f9d7b5a3c1e9f7d5b3a1c9e7f',
  },
};

export const agent = { id: 21845903300011, name: 'Sam Okafor', email: 'sam.okafor@example.com' };
export const groupId = 360010203040;
export const accountCreatedAt = '2023-03-14T09:26:53Z';

export type FieldType = 'subject' | 'description' | 'tagger' | 'multiselect' | 'checkbox' | 'integer' | 'date' | 'text' | 'textarea' | 'regexp';

export interface SeedField {
  id: number;
  type: FieldType;
  title: string;
  title_in_portal: string;
  description: string;
  position: number;
  active: boolean;
  required: boolean;
  required_in_portal: boolean;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  removable: boolean;
  regexp_for_validation?: string | null;
  tag?: string | null;
  custom_field_options?: { id: number; name: string; raw_name: string; value: string; position: number }[];
}

const options = (firstId: number, pairs: [string, string][]) =>
  pairs.map(([value, name], i) => ({ id: firstId + i, name, raw_name: name, value, position: i }));

const field = (f: Partial<SeedField> & Pick<SeedField, 'id' | 'type' | 'title'>): SeedField => ({
  title_in_portal: f.title,
  description: '',
  position: 0,
  active: true,
  required: false,
  required_in_portal: false,
  visible_in_portal: true,
  editable_in_portal: true,
  removable: true,
  ...f,
});

export const fieldIds = {
  subject: 360000011101,
  description: 360000011102,
  building: 360000022201, // tagger, required_in_portal
  systems: 360000022202, // multiselect
  customerImpact: 360000022203, // checkbox
  peopleAffected: 360000022204, // integer
  neededBy: 360000022205, // date
  assetTag: 360000022206, // text
  steps: 360000022207, // textarea
  costCentre: 360000022208, // regexp
  triageNotes: 360000022209, // visible_in_portal: false
  team: 360000022210, // tagger, editable_in_portal: false
};

export const seedFields: SeedField[] = [
  field({ id: fieldIds.subject, type: 'subject', title: 'Subject', position: 1, required_in_portal: true, removable: false, description: 'Short summary' }),
  field({ id: fieldIds.description, type: 'description', title: 'Description', position: 2, required_in_portal: true, removable: false, description: 'Please describe your request' }),
  field({
    id: fieldIds.building,
    type: 'tagger',
    title: 'Building',
    title_in_portal: 'Which building?',
    position: 3,
    required_in_portal: true,
    custom_field_options: options(360000033301, [['hq_north', 'HQ North'], ['hq_south', 'HQ South'], ['warehouse_lyon', 'Warehouse (Lyon)'], ['remote', 'Remote / home office']]),
  }),
  field({
    id: fieldIds.systems,
    type: 'multiselect',
    title: 'Affected systems',
    position: 4,
    custom_field_options: options(360000033401, [['sys_email', 'E-mail'], ['sys_vpn', 'VPN'], ['sys_laptop', 'Laptop'], ['sys_printer', 'Printer']]),
  }),
  field({ id: fieldIds.customerImpact, type: 'checkbox', title: 'Customer impact', title_in_portal: 'A customer is affected', position: 5, tag: 'customer_impact' }),
  field({ id: fieldIds.peopleAffected, type: 'integer', title: 'People affected', position: 6 }),
  field({ id: fieldIds.neededBy, type: 'date', title: 'Needed by', position: 7 }),
  field({ id: fieldIds.assetTag, type: 'text', title: 'Asset tag', position: 8, description: 'On the sticker under the device' }),
  field({ id: fieldIds.steps, type: 'textarea', title: 'Details for HR', position: 9 }),
  field({ id: fieldIds.costCentre, type: 'regexp', title: 'Cost centre', position: 10, regexp_for_validation: '^CC-[0-9]{4}$', description: 'CC- and four digits' }),
  field({ id: fieldIds.triageNotes, type: 'text', title: 'Triage notes (agents only)', position: 11, visible_in_portal: false, editable_in_portal: false }),
  field({
    id: fieldIds.team,
    type: 'tagger',
    title: 'Handling team',
    position: 12,
    editable_in_portal: false,
    custom_field_options: options(360000033501, [['team_it_ops', 'IT operations'], ['team_workplace', 'Workplace'], ['team_people', 'People team']]),
  }),
];

export interface SeedForm {
  id: number;
  name: string;
  display_name: string;
  position: number;
  default: boolean;
  active: boolean;
  end_user_visible: boolean;
  ticket_field_ids: number[];
  end_user_conditions?: { parent_field_id: number; value: string | boolean; child_fields: { id: number; is_required: boolean }[] }[];
}

export const formIds = { it: 360000044401, facilities: 360000044402, hr: 360000044403, internal: 360000044404 };

const f = fieldIds;
export const seedForms: SeedForm[] = [
  {
    id: formIds.it,
    name: 'IT support',
    display_name: 'IT support',
    position: 1,
    default: true,
    active: true,
    end_user_visible: true,
    ticket_field_ids: [f.subject, f.description, f.building, f.systems, f.customerImpact, f.peopleAffected, f.assetTag, f.triageNotes, f.team],
    // "People affected" shows, required, once "A customer is affected" is ticked.
    end_user_conditions: [{ parent_field_id: f.customerImpact, value: true, child_fields: [{ id: f.peopleAffected, is_required: true }] }],
  },
  {
    id: formIds.facilities,
    name: 'Facilities request',
    display_name: 'Facilities request',
    position: 2,
    default: false,
    active: true,
    end_user_visible: true,
    ticket_field_ids: [f.subject, f.description, f.building, f.neededBy, f.costCentre],
  },
  { id: formIds.hr, name: 'HR question', display_name: 'HR question', position: 3, default: false, active: true, end_user_visible: true, ticket_field_ids: [f.subject, f.description, f.steps] },
  {
    id: formIds.internal,
    name: 'Internal escalation',
    display_name: 'Internal escalation',
    position: 4,
    default: false,
    active: true,
    end_user_visible: false,
    ticket_field_ids: [f.subject, f.description, f.triageNotes, f.team],
  },
];
