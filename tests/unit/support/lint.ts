// The project's real eslint.config.js run over probe code, as if it were a file at a given path.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let eslint: ESLint | undefined;

// The probes are not files on disk, so the type-aware part (projectService, for
// no-floating-promises) cannot see them; it is switched off here, nothing else is.
const linter = () =>
  (eslint ??= new ESLint({
    cwd: root,
    overrideConfigFile: 'eslint.config.js',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } },
  }));

/** The messages of `rule` for `code` linted as the file at `filePath` (relative to the project), as "line: message"; the probe must parse. */
export async function ruleMessages(filePath: string, code: string, rule: string): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath });
  const messages = result?.messages ?? [];
  expect(messages.filter((m) => m.fatal), `${filePath} did not parse`).toEqual([]);
  return messages.filter((m) => m.ruleId === rule).map((m) => `${m.line}: ${m.message}`);
}
