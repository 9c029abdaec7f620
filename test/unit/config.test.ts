import { ConfigError, parseEnv } from '../../config/env';

// Everything production needs besides an accounting platform.
const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://goodwill.example.com',
  SMTP_URL: 'smtp://mail.example.com',
  SESSION_SECRET: 'a-session-secret-of-some-length',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  UNSUBSCRIBE_SECRET: 'an-unsubscribe-secret-of-some-length',
};
const XERO = { XERO_CLIENT_ID: 'xero-id', XERO_CLIENT_SECRET: 'xero-secret', XERO_WEBHOOK_KEY: 'xero-hook' };
const QBO = { QBO_CLIENT_ID: 'qbo-id', QBO_CLIENT_SECRET: 'qbo-secret', QBO_WEBHOOK_VERIFIER: 'qbo-hook' };

function refusal(source: NodeJS.ProcessEnv): string {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration', () => {
  it('runs with development defaults and both sandboxes when nothing is set', () => {
    const env = parseEnv({});
    expect(env.xero.sandbox).toBe(true);
    expect(env.quickbooks.sandbox).toBe(true);
    expect(env.publicUrl).toBe('http://localhost:3000');
    expect(env.xero.identityUrl).toBe('https://identity.xero.com');
    expect(env.tokenEncryptionKey).toHaveLength(32);
  });

  it('stops a production boot that lacks a secret, naming each missing one', () => {
    const boot = () =>
      parseEnv({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://goodwill.example.com',
        SMTP_URL: 'smtp://mail.example.com',
        XERO_CLIENT_ID: 'id',
        XERO_CLIENT_SECRET: 'secret',
        XERO_WEBHOOK_KEY: 'hook',
      });
    expect(boot).toThrow(ConfigError);
    expect(boot).toThrow(
      'Missing required configuration in production: SESSION_SECRET, TOKEN_ENCRYPTION_KEY, UNSUBSCRIBE_SECRET',
    );
  });

  it('names a malformed value without echoing it', () => {
    const secret = 'not-a-32-byte-key';
    let message = '';
    try {
      parseEnv({ TOKEN_ENCRYPTION_KEY: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('TOKEN_ENCRYPTION_KEY: must be 32 bytes encoded as base64');
    expect(message).not.toContain(secret);
  });

  it('derives every Xero endpoint base from the two configured URLs', () => {
    const env = parseEnv({
      XERO_IDENTITY_URL: 'http://127.0.0.1:9/identity/',
      XERO_API_URL: 'http://127.0.0.1:9/',
    });
    expect(env.xero.identityUrl).toBe('http://127.0.0.1:9/identity');
    expect(env.xero.apiUrl).toBe('http://127.0.0.1:9');
  });

  it('configures Twilio only as a whole, and has no SMS provider when none of it is set', () => {
    expect(parseEnv({}).twilio).toBeNull();
    expect(
      parseEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+6498001234' }).twilio,
    ).toEqual({
      accountSid: 'AC1',
      authToken: 'token',
      from: '+6498001234',
      messagingServiceSid: undefined,
      apiUrl: 'https://api.twilio.com',
    });
    expect(() => parseEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_FROM: '+6498001234' })).toThrow(
      'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together',
    );
    expect(() => parseEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'token' })).toThrow(
      'Twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID',
    );
  });

  it('boots a production deployment that serves QuickBooks Online only', () => {
    const env = parseEnv({ ...PRODUCTION, ...QBO });
    expect(env.quickbooks).toMatchObject({ clientId: 'qbo-id', webhookVerifier: 'qbo-hook', sandbox: false });
    // No Xero at all, and no sandbox standing in for it.
    expect(env.xero).toMatchObject({ clientId: undefined, clientSecret: undefined, sandbox: false });
  });

  it('boots a production deployment that serves Xero only, with no QuickBooks sandbox', () => {
    const env = parseEnv({ ...PRODUCTION, ...XERO });
    expect(env.xero).toMatchObject({ clientId: 'xero-id', webhookKey: 'xero-hook', sandbox: false });
    expect(env.quickbooks).toMatchObject({ clientId: undefined, sandbox: false });
  });

  it('boots a production deployment that serves both', () => {
    const env = parseEnv({ ...PRODUCTION, ...XERO, ...QBO });
    expect([env.xero.clientId, env.quickbooks.clientId]).toEqual(['xero-id', 'qbo-id']);
  });

  it('stops a production boot with no platform, saying which variables configure each', () => {
    expect(refusal(PRODUCTION)).toBe(
      'No accounting platform is configured: set XERO_CLIENT_ID, XERO_CLIENT_SECRET and XERO_WEBHOOK_KEY ' +
        'for Xero, or QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_WEBHOOK_VERIFIER for QuickBooks Online (or both)',
    );
  });

  it.each(['development', 'test', 'production'])(
    'names exactly the missing variables of a half-configured platform (%s), never a value',
    (NODE_ENV) => {
      const production = NODE_ENV === 'production';
      // In production the other platform is whole, so the half one is all that is wrong.
      const qboHalf = refusal({
        ...(production ? { ...PRODUCTION, ...XERO } : {}),
        NODE_ENV,
        QBO_CLIENT_ID: 'qbo-id-value',
      });
      expect(qboHalf).toBe(
        `QuickBooks Online is only partly configured: QBO_CLIENT_SECRET${production ? ', QBO_WEBHOOK_VERIFIER' : ''} missing`,
      );
      expect(qboHalf).not.toContain('qbo-id-value');
      const xeroHalf = refusal({
        ...(production ? { ...PRODUCTION, ...QBO } : {}),
        NODE_ENV,
        XERO_CLIENT_SECRET: 'xero-secret-value',
      });
      expect(xeroHalf).toBe(
        `Xero is only partly configured: XERO_CLIENT_ID${production ? ', XERO_WEBHOOK_KEY' : ''} missing`,
      );
      expect(xeroHalf).not.toContain('xero-secret-value');
    },
  );

  it('takes a webhook key without its credentials for a mistake, in development too', () => {
    expect(refusal({ XERO_WEBHOOK_KEY: 'xero-hook' })).toBe(
      'Xero is only partly configured: XERO_CLIENT_ID, XERO_CLIENT_SECRET missing',
    );
  });

  it('lets development use a real app without its webhook key, with no sandbox for that platform', () => {
    const env = parseEnv({ XERO_CLIENT_ID: 'xero-id', XERO_CLIENT_SECRET: 'xero-secret' });
    expect(env.xero.sandbox).toBe(false);
    expect(env.quickbooks.sandbox).toBe(true);
  });

  it('reports a missing secret and a half-configured platform together', () => {
    const { SESSION_SECRET: _omitted, ...rest } = PRODUCTION;
    expect(refusal({ ...rest, XERO_CLIENT_ID: 'xero-id', XERO_CLIENT_SECRET: 'xero-secret' })).toBe(
      'Missing required configuration in production: SESSION_SECRET; ' +
        'Xero is only partly configured: XERO_WEBHOOK_KEY missing',
    );
  });
});
