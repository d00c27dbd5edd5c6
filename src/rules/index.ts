import { builtinRules } from '../engine/builtins.js';
import noAppHarnessRegistry from './no-app-harness-registry.js';
import noRenamedHarnessImage from './no-renamed-harness-image.js';
import requireAccountImageConnector from './require-account-image-connector.js';
import requirePlatformConnectivity from './require-platform-connectivity.js';
import type { Rule, RuleMeta } from '../engine/rule.js';

/** The policy rules, in policy order. Their ids are fixed: configs, suppressions and SARIF depend on them. */
export const rules: readonly Rule[] = [
  noAppHarnessRegistry,
  requirePlatformConnectivity,
  requireAccountImageConnector,
  noRenamedHarnessImage,
];

/** Every rule id a finding can carry, with its metadata. */
export const allRules: readonly RuleMeta[] = [...rules, ...builtinRules];

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRules.find((r) => r.id === id);
}
