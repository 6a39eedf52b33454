// What redaction returns, and the mark that replaces a secret.
export const REDACTED = '[redacted]';

export interface Found {
  text: string;
  count: number;
}
