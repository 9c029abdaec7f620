// Which accounting platforms a deployment serves. Xero and QuickBooks Online are equals here: an
// installation may serve either or both (one listed in a single marketplace serves only its own), so
// production needs one of them whole. Half of a platform's credentials is always a mistake.

const PLATFORM_VARIABLES = {
  xero: {
    name: 'Xero',
    credentials: ['XERO_CLIENT_ID', 'XERO_CLIENT_SECRET'],
    webhook: 'XERO_WEBHOOK_KEY',
  },
  quickbooks: {
    name: 'QuickBooks Online',
    credentials: ['QBO_CLIENT_ID', 'QBO_CLIENT_SECRET'],
    webhook: 'QBO_WEBHOOK_VERIFIER',
  },
} as const;

type ConfiguredPlatform = keyof typeof PLATFORM_VARIABLES;
type Setting = (typeof PLATFORM_VARIABLES)[ConfiguredPlatform];
type PlatformVariable = Setting['credentials'][number] | Setting['webhook'];

/** The parsed variables this file reads; values are only ever tested for presence, never shown. */
export type PlatformSettings = Partial<Record<PlatformVariable, string>>;

const given = (raw: PlatformSettings, name: PlatformVariable) => raw[name] !== undefined;

/** Outside production the webhook key may wait (Xero and Intuit cannot reach a laptop anyway); a
 * production deployment that cannot verify webhooks would miss every change made in the books. */
function required(setting: Setting, production: boolean): PlatformVariable[] {
  return production ? [...setting.credentials, setting.webhook] : [...setting.credentials];
}

function allVariables(setting: Setting): PlatformVariable[] {
  return [...setting.credentials, setting.webhook];
}

function andList(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What is wrong with the platforms' configuration, one sentence each; empty when nothing is. */
export function platformProblems(raw: PlatformSettings, production: boolean): string[] {
  const settings = Object.values(PLATFORM_VARIABLES);
  const begun = settings.filter((setting) => allVariables(setting).some((name) => given(raw, name)));
  const problems = begun.flatMap((setting) => {
    const missing = required(setting, production).filter((name) => !given(raw, name));
    return missing.length > 0
      ? [`${setting.name} is only partly configured: ${missing.join(', ')} missing`]
      : [];
  });
  if (production && begun.length === 0) {
    const ways = settings.map((setting) => `${andList(allVariables(setting))} for ${setting.name}`);
    problems.push(`No accounting platform is configured: set ${ways.join(', or ')} (or both)`);
  }
  return problems;
}

/** Outside production, a platform without credentials is served by its local sandbox; in production
 * it is simply not offered. */
export function sandboxStandsIn(
  raw: PlatformSettings,
  platform: ConfiguredPlatform,
  production: boolean,
): boolean {
  return !production && !PLATFORM_VARIABLES[platform].credentials.some((name) => given(raw, name));
}
