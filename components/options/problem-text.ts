// A configuration problem in words: lib/settings names what is wrong by a code, the locale
// file says it (every code has its message: the Record below does not compile without one).
import { t, type MessageKey } from '@/lib/i18n';
import type { ConfigProblem, ConfigProblemCode } from '@/lib/settings/policy';

const MESSAGES: Record<ConfigProblemCode, MessageKey> = {
  text: 'config.problem.text',
  flag: 'config.problem.flag',
  'one-of': 'config.problem.oneOf',
  between: 'config.problem.between',
  number: 'config.problem.number',
  list: 'config.problem.list',
  object: 'config.problem.object',
  name: 'config.problem.name',
  'unknown-key': 'config.problem.unknownKey',
  required: 'config.problem.required',
  insecure: 'config.problem.insecure',
  url: 'config.problem.url',
  scheme: 'config.problem.scheme',
  'sign-in': 'config.problem.signIn',
  synonyms: 'config.problem.synonyms',
  json: 'config.problem.json',
  'pattern-invalid': 'config.problem.patternInvalid',
  'pattern-nested': 'config.problem.patternNested',
  'pattern-slow': 'config.problem.patternSlow',
  'pattern-budget': 'config.problem.patternBudget',
};

/** What is wrong at `problem.key`, in the user's language ("must be a list, not 5"). */
export function configProblemText(problem: Pick<ConfigProblem, 'code' | 'vars'>): string {
  return t(MESSAGES[problem.code], problem.vars);
}
