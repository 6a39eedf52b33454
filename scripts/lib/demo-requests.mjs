// The demo employee's own history on the demo desk, filed through RT's REST API as Alice and
// answered as staff (root), so "My requests" opens on something real: one open Facilities
// request with a reply from the team, one IT request that was done.

/** What the demo files; the demo's check reads the subjects back from the popup. */
export const DEMO_REQUESTS = [
  {
    queue: 'Facilities',
    subject: 'Meeting room 3.14: the door does not lock',
    content: 'The door of meeting room 3.14 (HQ North) does not lock any more: the key turns but the bolt stays out. We hold interviews there on Thursday.',
    fields: { Building: 'HQ North', Room: '3.14' },
    reply: 'Thanks, Alice. A locksmith is booked for tomorrow at 10:00. Until then, room 3.12 locks and is free on Thursday if you need it.',
    status: 'open',
  },
  {
    queue: 'IT',
    subject: 'Laptop charger stopped working',
    content: 'My laptop charger stopped working this morning (the light stays off). The laptop has about two hours of battery left.',
    fields: { Category: 'Hardware', 'Asset tag': 'IT-04217' },
    reply: 'A new charger is waiting for you at the IT desk on floor 2. The old one can go in the recycling box next to it.',
    status: 'resolved',
  },
];

async function call(baseUrl, authorization, method, path, body) {
  const res = await fetch(`${baseUrl}/REST/2.0${path}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json', 'User-Agent': 'instant-desk-demo' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function auths(facts) {
  return {
    alice: `token ${facts.tokens.alice}`,
    staff: `Basic ${Buffer.from(`${facts.root.user}:${facts.root.password}`).toString('base64')}`,
  };
}

/**
 * Files DEMO_REQUESTS as Alice and answers the open ones as staff; `facts` are scripts/desk.mjs's.
 * Returns the ticket ids, in DEMO_REQUESTS' order.
 */
export async function fileDemoRequests(facts) {
  const { alice, staff } = auths(facts);
  const ids = [];
  for (const r of DEMO_REQUESTS) {
    const { id } = await call(facts.baseUrl, alice, 'POST', '/ticket', {
      Queue: r.queue,
      Subject: r.subject,
      Content: r.content,
      ContentType: 'text/plain',
      Requestor: facts.users.alice,
      CustomFields: r.fields,
    });
    ids.push(id);
    if (r.status !== 'resolved') await call(facts.baseUrl, staff, 'POST', `/ticket/${id}/correspond`, { Content: r.reply, ContentType: 'text/plain', Status: r.status });
  }
  return ids;
}

/**
 * Answers and resolves the done ones. The extension's first look at a desk lists the open
 * requests only ("Done" keeps what it saw finish), so this runs after that first look.
 */
export async function resolveDemoRequests(facts, ids) {
  const { staff } = auths(facts);
  for (const [i, r] of DEMO_REQUESTS.entries()) {
    if (r.status === 'resolved') await call(facts.baseUrl, staff, 'POST', `/ticket/${ids[i]}/correspond`, { Content: r.reply, ContentType: 'text/plain', Status: r.status });
  }
}
