import { ConfigError, parseEnv } from '../../config/env';

describe('configuration', () => {
  it('runs with development defaults and the sandbox when nothing is set', () => {
    const env = parseEnv({});
    expect(env.sandbox).toBe(true);
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
});
