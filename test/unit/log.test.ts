import { Writable } from 'node:stream';
import winston from 'winston';
import { createLogger } from '../../src/log';

it('masks secrets in log fields, however deeply they are nested', () => {
  const lines: string[] = [];
  const log = createLogger('info');
  log.clear();
  log.add(
    new winston.transports.Stream({
      stream: new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }),
    }),
  );
  log.info('refreshed', {
    connectionId: 'c-1',
    tokens: { accessToken: 'eyJsecret' },
    nested: { refresh_token: 'r-secret', ok: 1 },
  });
  const line = lines.join('');
  expect(line).toContain('c-1');
  expect(line).not.toContain('eyJsecret');
  expect(line).not.toContain('r-secret');
  expect(line).toContain('[redacted]');
});
