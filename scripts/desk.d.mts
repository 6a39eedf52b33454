// Types for desk.mjs, so the TypeScript tests read the desk facts from the harness itself.
export const DATA: string;
export const PORT: number;
export interface DeskFacts {
  baseUrl: string;
  tokens: { alice: string; bob: string; dora: string; kiri: string };
  users: { alice: string; bob: string; dora: string; kiri: string };
  zones: { alice: string; bob: string; dora: string; kiri: string };
  logins: { alice: { user: string; password: string }; bob: { user: string; password: string } };
  root: { user: string; password: string };
  dataDir: string;
}
export function facts(): DeskFacts;
export function install(): void;
export function start(): Promise<DeskFacts>;
export function stop(): Promise<void>;
