// What the fake Jira Service Management site holds before a test starts: two service desks, their
// request types and fields (in the jiraSchema shapes Jira sends), two customers and one agent.

export interface JsmSeedUser {
  accountId: string;
  email: string;
  displayName: string;
  apiToken: string;
  pat: string;
}

export const agent = { accountId: '5d53f3cbc6b9320d9ea5bdc2', email: 'dana.agent@example.com', displayName: 'Dana Keller (Legal)' };

export function seedUsers(): { alice: JsmSeedUser; bob: JsmSeedUser } {
  return {
    alice: {
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      email: 'alice@example.com',
      displayName: 'Alice Émond',
      apiToken: 'ATATT3xFfGF0alice-api-token',
      pat: 'NDQ1NjM2OTk0MzIxOkFsaWNlLXBhdA',
    },
    bob: {
      accountId: '5b10a2844c20165700ede21f',
      email: 'bob@example.com',
      displayName: 'Bob Ødegård',
      apiToken: 'ATATT3xFfGF0bob-api-token',
      pat: 'MzM0NTI1ODgzMjEwOkJvYi1wYXQ',
    },
  };
}

export interface SeedDesk {
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
  groups: { id: string; name: string }[];
}

export interface SeedRequestType {
  id: string;
  serviceDeskId: string;
  issueTypeId: string;
  name: string;
  description: string;
  helpText: string;
  groupIds: string[];
  fields: SeedField[];
}

/** A RequestTypeFieldDTO as the document describes it. */
export interface SeedField {
  fieldId: string;
  name: string;
  description: string;
  required: boolean;
  visible: boolean;
  jiraSchema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  validValues: SeedOption[];
  defaultValues: SeedOption[];
  presetValues: string[];
}

export interface SeedOption {
  value: string;
  label: string;
  children: SeedOption[];
}

export const desks: SeedDesk[] = [
  {
    id: '1',
    projectId: '10001',
    projectKey: 'LEG',
    projectName: 'Legal',
    groups: [
      { id: '11', name: 'Contracts' },
      { id: '12', name: 'Advice' },
    ],
  },
  {
    id: '2',
    projectId: '10002',
    projectKey: 'ITH',
    projectName: 'IT Help',
    groups: [
      { id: '21', name: 'Accounts' },
      { id: '22', name: 'Hardware' },
    ],
  },
];

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes';
const option = (value: string, label: string, children: SeedOption[] = []): SeedOption => ({ value, label, children });

function field(fieldId: string, name: string, jiraSchema: SeedField['jiraSchema'], more: Partial<SeedField> = {}): SeedField {
  return { fieldId, name, description: '', required: false, visible: true, jiraSchema, validValues: [], defaultValues: [], presetValues: [], ...more };
}

const summary = (name: string) => field('summary', name, { type: 'string', system: 'summary' }, { required: true });
const description = (name: string) => field('description', name, { type: 'string', system: 'description' }, { required: true });

const counterparty = field('customfield_10010', 'Counterparty type', { type: 'option', custom: `${CF}:select`, customId: 10010 }, {
  required: true,
  validValues: [option('10100', 'Supplier'), option('10101', 'Customer'), option('10102', 'Partner')],
});
const neededBy = field('customfield_10020', 'Needed by', { type: 'date', custom: `${CF}:datepicker`, customId: 10020 });
const alsoTell = field('customfield_10095', 'Who else should know?', { type: 'user', custom: `${CF}:userpicker`, customId: 10095 });
const meetingAt = field('customfield_10090', 'Meeting at', { type: 'datetime', custom: `${CF}:datetime`, customId: 10090 });
const office = field('customfield_10030', 'Office', { type: 'option-with-child', custom: `${CF}:cascadingselect`, customId: 10030 }, {
  validValues: [
    option('10200', 'Deutschland', [option('10201', 'München'), option('10202', 'Köln')]),
    option('10210', 'France', [option('10211', 'Paris'), option('10212', 'Lyon')]),
  ],
});
const labels = field('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' });
const contractValue = field('customfield_10040', 'Contract value (EUR)', { type: 'number', custom: `${CF}:float`, customId: 10040 });
const jurisdictions = field('customfield_10050', 'Jurisdictions', { type: 'array', items: 'option', custom: `${CF}:multiselect`, customId: 10050 }, {
  validValues: [option('10300', 'EU'), option('10301', 'UK'), option('10302', 'US')],
  defaultValues: [option('10300', 'EU')],
});
// An Assets (CMDB) object field: a kind an adapter cannot know and has to leave alone.
const relatedAsset = field('customfield_10060', 'Related asset', {
  type: 'any',
  custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype',
  customId: 10060,
});
const accountSystem = field('customfield_10070', 'Which system?', { type: 'option', custom: `${CF}:select`, customId: 10070 }, {
  required: true,
  validValues: [option('10400', 'E-mail'), option('10401', 'VPN'), option('10402', 'Payroll (Lohn)')],
});
const laptopModel = field('customfield_10080', 'Laptop model', { type: 'option', custom: `${CF}:radiobuttons`, customId: 10080 }, {
  required: true,
  validValues: [option('10500', 'ThinkPad T14'), option('10501', 'MacBook Air 13″')],
});

export const requestTypes: SeedRequestType[] = [
  {
    id: '101',
    serviceDeskId: '1',
    issueTypeId: '10100',
    name: 'Request a new NDA',
    description: 'A non-disclosure agreement before talks with a supplier, customer or partner.',
    helpText: 'Legal answers within two working days.',
    groupIds: ['11', '12'],
    fields: [
      summary('What is the NDA for?'),
      description('Who are the parties, and what will be shared?'),
      counterparty,
      neededBy,
      office,
      labels,
      contractValue,
      jurisdictions,
      relatedAsset,
    ],
  },
  {
    id: '102',
    serviceDeskId: '1',
    issueTypeId: '10100',
    name: 'Review a contract',
    description: 'Have Legal review a contract before you sign it.',
    helpText: '',
    groupIds: ['11'],
    fields: [summary('Which contract?'), description('What should we look at?'), counterparty, neededBy, contractValue, meetingAt],
  },
  {
    id: '103',
    serviceDeskId: '1',
    issueTypeId: '10101',
    name: 'Ask a legal question',
    description: 'Any question about law, compliance or policy.',
    helpText: '',
    groupIds: ['12'],
    fields: [summary('Your question in one line'), description('Details'), office, alsoTell],
  },
  {
    id: '201',
    serviceDeskId: '2',
    issueTypeId: '10200',
    name: 'Fix an account problem',
    description: 'Locked out, password expired, missing access.',
    helpText: '',
    groupIds: ['21'],
    fields: [summary('Summary'), description('What happens?'), accountSystem, labels],
  },
  {
    id: '202',
    serviceDeskId: '2',
    issueTypeId: '10201',
    name: 'Get a new laptop',
    description: 'A new or replacement laptop.',
    helpText: 'Delivery takes about a week.',
    groupIds: ['22'],
    fields: [summary('Summary'), description('Why do you need it?'), laptopModel, office, neededBy],
  },
  {
    // An administrator took the description off: Jira refuses one on this request type.
    id: '203',
    serviceDeskId: '2',
    issueTypeId: '10201',
    name: 'Order a headset',
    description: 'A headset for calls.',
    helpText: '',
    groupIds: ['22'],
    fields: [summary('Which headset?'), office],
  },
];
