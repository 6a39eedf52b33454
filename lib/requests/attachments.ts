import type { Attachment } from '../domain';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The size of a base64 attachment in bytes. */
export function attachmentBytes(a: Attachment): number {
  return Math.floor((a.data.length * 3) / 4) - (a.data.endsWith('==') ? 2 : a.data.endsWith('=') ? 1 : 0);
}

/** A picked file as an attachment (base64), or undefined when it is too large to send. */
export async function fileToAttachment(file: Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>): Promise<Attachment | undefined> {
  if (file.size > MAX_ATTACHMENT_BYTES) return undefined;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, type: file.type || 'application/octet-stream', data: btoa(binary) };
}
