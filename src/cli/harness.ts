import { accountIdFromKey } from '../harness/client.js';
import { createHarnessLookups, type HarnessLookups } from '../harness/lookups.js';
import { normaliseBaseUrl } from '../harness/urls.js';
import { ArgError } from './parse.js';

/** Where requests go when neither `--harness-url` nor `HARNESS_URL` says otherwise. */
export const DEFAULT_HARNESS_URL = 'https://app.harness.io';

export interface HarnessValues {
  'harness-url'?: string;
  'harness-account'?: string;
  'no-harness-api'?: boolean;
}

/** Where and as whom lookups go, as the command line and the environment say; undefined when lookups are off. */
export interface HarnessTarget {
  apiKey: string;
  accountId: string;
  baseUrl: string;
}

/**
 * Lookups in Harness, for connectors the repo refers to but does not hold. On only when
 * `HARNESS_API_KEY` is set: the key is never a flag, since flags show up in process lists and
 * shell history. Without it nothing is sent anywhere; `--no-harness-api` turns lookups off even
 * with it. A flag wins over its variable; the account falls back to the one in the key. `note`
 * hears about Harness flags given without a key (they do nothing then).
 */
export function harnessTarget(
  values: HarnessValues,
  env: Readonly<Record<string, string | undefined>>,
  note: (line: string) => void,
): HarnessTarget | undefined {
  const apiKey = env.HARNESS_API_KEY?.trim() ?? '';
  if (values['no-harness-api']) return undefined;
  const flags = (['harness-url', 'harness-account'] as const).filter((f) => values[f] !== undefined);
  for (const f of flags) if (!values[f]?.trim()) throw new ArgError(`\`--${f}\` needs a value`);
  if (!apiKey) {
    if (flags.length)
      note(
        `${flags.map((f) => `--${f}`).join(' and ')} ${flags.length === 1 ? 'does' : 'do'} nothing: HARNESS_API_KEY is not set, so nothing is looked up in Harness.`,
      );
    return undefined;
  }
  const accountId = values['harness-account']?.trim() || env.HARNESS_ACCOUNT_ID?.trim() || accountIdFromKey(apiKey);
  if (!accountId)
    throw new ArgError(
      'HARNESS_API_KEY is set, but no Harness account id is known: set --harness-account or HARNESS_ACCOUNT_ID (only pat.<account>.<id>.<secret> and sat.<account>.… keys carry one), or check without Harness with --no-harness-api',
    );
  const from = values['harness-url'] !== undefined ? '--harness-url' : env.HARNESS_URL?.trim() ? 'HARNESS_URL' : undefined;
  const raw = values['harness-url']?.trim() || env.HARNESS_URL?.trim() || DEFAULT_HARNESS_URL;
  try {
    return { apiKey, accountId, baseUrl: normaliseBaseUrl(raw) };
  } catch (e) {
    throw new ArgError(`${from ?? 'the Harness URL'}: ${(e as Error).message}`);
  }
}

/** The lookups `harnessTarget` asks for, or undefined when they are off. */
export function harnessLookups(
  values: HarnessValues,
  env: Readonly<Record<string, string | undefined>>,
  note: (line: string) => void,
): HarnessLookups | undefined {
  const target = harnessTarget(values, env, note);
  return target && createHarnessLookups(target);
}
