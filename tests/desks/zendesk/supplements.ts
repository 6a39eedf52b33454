// What Zendesk's OpenAPI document states only in prose or examples, written into the loaded copy
// so that the validator can check it. Each addition cites the text it comes from; nothing here
// loosens a schema except custom field values (see below).
const schemas = '#/components/schemas/';

const query = (name: string, type: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type } });

// "Pagination: Cursor pagination (recommended) / Offset pagination. See Pagination": the
// parameters and response properties are those the document gives operations that declare them.
const cursorParams = [
  query('page[size]', 'integer', 'cursor pagination: records per page, up to 100'),
  query('page[after]', 'string', 'cursor pagination: a meta.after_cursor value'),
  query('page[before]', 'string', 'cursor pagination: a meta.before_cursor value'),
];
const offsetParams = [query('page', 'integer', 'offset pagination: page number'), query('per_page', 'integer', 'offset pagination: records per page, up to 100')];
// Cursor pages end with null cursors; the document's own nullable form is the one on custom object records.
const cursorPage = {
  type: 'object',
  properties: {
    meta: { $ref: `${schemas}CustomObjectRecordsResponse/properties/meta` },
    links: { $ref: `${schemas}CustomObjectRecordsResponse/properties/links` },
  },
};
/** `more`: what else the page holds (sideloads). */
const paged = (list: string, offset: boolean, ...more: object[]) => ({
  allOf: [{ $ref: `${schemas}${list}` }, structuredClone(cursorPage), ...(offset ? [{ $ref: `${schemas}OffsetPaginationObject` }] : []), ...more],
});

const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const writable = (object: any) => structuredClone(Object.fromEntries(Object.entries(object.properties).filter(([, p]: [string, any]) => !p.readOnly)));

// openapi-backend's quick dereferencing loses $refs in objects shared between places, so every
// addition is a fresh copy.
export function supplementZendeskDocument(doc: any): void {
  const op = (path: string, method: string) => doc.paths[path][method];
  const fresh = <T>(x: T): T => structuredClone(x);
  const setResponse = (o: any, status: string, schema: object) => (o.responses[status].content['application/json'].schema = schema);

  // Tickets doc, "Setting custom field values": checkbox values are booleans, multiselect values
  // arrays of tags, and an unset field is null; RequestObject says "string" only.
  doc.components.schemas.RequestObject.properties.custom_fields.items.properties.value = {
    anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
  };

  const listRequests = op('/api/v2/requests', 'get');
  listRequests.parameters.push(...fresh([...cursorParams, ...offsetParams]));
  setResponse(listRequests, '200', paged('RequestsResponse', true));

  // ListComments: "use `sort` (cursor) or `sort_by`/`sort_order` (offset)".
  const listComments = op('/api/v2/requests/{request_id}/comments', 'get');
  listComments.parameters.push(
    ...fresh([...cursorParams, ...offsetParams]),
    query('sort', 'string', '"created_at" or "-created_at" (cursor pagination)'),
    query('sort_by', 'string', '"created_at" or "updated_at" (offset pagination)'),
    query('sort_order', 'string', '"asc" or "desc" (offset pagination)'),
    // Requests: "You can sideload some resources with requests. See Requests in Supported
    // Endpoints in Side-loading." Side-loading: "add an include parameter containing a
    // comma-separated list of resources"; "The response will include a top-level array of
    // associated data under the appropriate resource key", its example `users`.
    query('include', 'string', 'sideloads, comma-separated (users)'),
  );
  const sideloadedUsers = { type: 'object', properties: { users: { type: 'array', items: { $ref: `${schemas}UserObject` } } } };
  setResponse(listComments, '200', paged('TicketCommentsResponse', true, sideloadedUsers));

  // ListTicketFields: "Cursor pagination (recommended) / No pagination".
  const listFields = op('/api/v2/ticket_fields', 'get');
  listFields.parameters.push(...fresh(cursorParams));
  setResponse(listFields, '200', paged('TicketFieldsResponse', false));

  // CreateRequest declares no body; its text lists the writable RequestObject properties plus
  // comment (mandatory), collaborators, requester and via_followup_source_id.
  const comment = () => ({ $ref: `${schemas}TicketCommentObject` });
  op('/api/v2/requests', 'post').requestBody = jsonBody({
    type: 'object',
    required: ['request'],
    properties: {
      request: {
        type: 'object',
        required: ['comment'],
        properties: {
          ...writable(doc.components.schemas.RequestObject),
          comment: comment(),
          collaborators: { type: 'array', items: {} },
          requester: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, locale_id: { type: 'integer' } } },
          via_followup_source_id: { type: 'integer' },
        },
      },
    },
  });
  // UpdateRequest: "comment, solved, additional_collaborators"; its example sends "solved": "true".
  op('/api/v2/requests/{request_id}', 'put').requestBody = jsonBody({
    type: 'object',
    required: ['request'],
    properties: {
      request: {
        type: 'object',
        properties: {
          comment: comment(),
          solved: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }] },
          additional_collaborators: { type: 'array', items: {} },
        },
      },
    },
  });

  // UploadFiles: "The endpoint has a required `filename` query parameter"; more files join an
  // upload by "passing the token received from the first request". The body is the raw file,
  // which no schema can describe, so only its presence is checked (by the server).
  op('/api/v2/uploads', 'post').parameters = [
    query('filename', 'string', 'name of the file when attached', true),
    query('token', 'string', 'an earlier upload token to add this file to'),
  ];

  // CreateTicketSatisfactionRating declares no body; a rating is the writable part of SatisfactionRatingObject.
  op('/api/v2/tickets/{ticket_id}/satisfaction_rating', 'post').requestBody = jsonBody({
    type: 'object',
    required: ['satisfaction_rating'],
    properties: { satisfaction_rating: { type: 'object', required: ['score'], properties: writable(doc.components.schemas.SatisfactionRatingObject) } },
  });

  // CreateTokenForGrantType: "parameters, which must be formatted as JSON" (a table), plus
  // code_verifier and scopes, which only its examples use.
  op('/oauth/tokens', 'post').requestBody = jsonBody({
    type: 'object',
    required: ['grant_type'],
    properties: {
      grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token'] },
      code: { type: 'string' },
      client_id: { type: 'string' },
      client_secret: { type: 'string' },
      redirect_uri: { type: 'string' },
      scope: { type: 'string' },
      scopes: { type: 'string' },
      expires_in: { type: 'integer' },
      refresh_token_expires_in: { type: 'integer' },
      refresh_token: { type: 'string' },
      code_verifier: { type: 'string' },
    },
  });
}
