// Outgoing texts through an SMS provider. A provider is a small adapter (twilio.ts); every failure
// becomes an SmsError with a stable code, and what each code means for the send is declared once, in
// `smsRetryPolicy`.

export interface OutgoingSms {
  /** E.164. */
  to: string;
  body: string;
  /** Ours and stable for one message; passed on to a provider that takes an idempotency key. */
  idempotencyKey: string;
}

export interface SmsProvider {
  /** Shown in reasons and logs: "Twilio". */
  readonly name: string;
  /** Hands the text over; resolves with the provider's id for it. */
  send(sms: OutgoingSms): Promise<string>;
  /**
   * Asked about a send that was cut off before it was recorded: the provider's id of this text if it
   * took it at or after `since`, null if not. Absent when the provider cannot say, and such a text is
   * sent again.
   */
  find?(sms: OutgoingSms, since: Date): Promise<string | null>;
}

export type SmsErrorCode =
  | 'invalid_number' // not a number that can take a text (Twilio 21211, 21614)
  | 'unsubscribed' // the recipient replied STOP (Twilio 21610)
  | 'rejected' // refused for a reason of ours (credentials, sender, region): fix the setup, then retry
  | 'rate_limited' // 429: wait for Retry-After
  | 'unavailable' // 5xx, timeout, connection refused: retry with backoff
  | 'malformed_response'; // an answer we cannot read

export class SmsError extends Error {
  constructor(
    readonly code: SmsErrorCode,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      /** The provider's own error code (Twilio's 21211). */
      providerCode?: number;
      /**
       * The provider may have taken the text though the answer was lost (a timeout, an unreadable
       * success): the claim is kept, so the retry looks for the text before sending it again.
       */
      mayHaveGone?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

/**
 * What each failure means for the action: 'skip' it with a reason for its timeline (the number will not
 * take a text), 'wait' for Retry-After, 'retry' with backoff, or 'stop' the job (the action stays
 * pending, to go once the setup is fixed).
 */
export const smsRetryPolicy: Record<SmsErrorCode, 'skip' | 'wait' | 'retry' | 'stop'> = {
  invalid_number: 'skip',
  unsubscribed: 'skip',
  rejected: 'stop',
  rate_limited: 'wait',
  unavailable: 'retry',
  malformed_response: 'retry',
};

export function isSmsError(err: unknown): err is SmsError {
  return err instanceof SmsError || (err instanceof Error && err.name === 'SmsError' && 'code' in err);
}
