// What the options page's About card says: the version, and the permissions held right now
// (read from the browser, so an origin granted for a desk shows once it is granted).

export interface ExtensionAbout {
  version: string;
  /** API permissions held (manifest and granted at run time). */
  permissions: string[];
  /** Host permissions held: the desks' origins granted at run time. */
  origins: string[];
}

/** Permissions whose reason the About card names, in the order it lists them; others follow by name. */
export const KNOWN_PERMISSIONS = ['storage', 'activeTab', 'scripting', 'alarms', 'idle', 'notifications', 'contextMenus', 'identity'] as const;
export type KnownPermission = (typeof KNOWN_PERMISSIONS)[number];

export const isKnownPermission = (name: string): name is KnownPermission => (KNOWN_PERMISSIONS as readonly string[]).includes(name);

/** The permissions in the card's order: the known ones first, as listed, then any other by name. */
export function orderedPermissions(about: ExtensionAbout): string[] {
  const known = KNOWN_PERMISSIONS.filter((p) => about.permissions.includes(p));
  const other = about.permissions.filter((p) => !isKnownPermission(p)).sort();
  return [...known, ...other];
}

/** An origin pattern for every site (a test build's), not one desk's. */
export const isEverySite = (origin: string) => origin === '<all_urls>' || /^[^:]+:\/\/\*\//.test(origin);
