// intuit-oauth, made safe to share and pointed at the configured endpoints.
//
// The library keeps its endpoints as module-wide statics and one user's tokens as instance state, and
// retries 429s and 5xx itself for up to seven seconds with no timeout. So each call gets its own client,
// whose one HTTP hook (`loadResponse`) is replaced: the request goes to the configured endpoint with our
// timeout, exactly once, and the raw answer is kept, so that failures are read from Intuit's own answer
// rather than from the library's wrapping of it. The module-wide statics are never touched.
import axios, { type AxiosRequestConfig } from 'axios';
import OAuthClient from 'intuit-oauth';
import { headerLookup } from '../shared/http-answer';
import type { QboAnswer } from './errors';
import type { QuickBooksUrls } from './provider';

export interface OAuthCall {
  client: OAuthClient;
  /** The last answer the endpoint gave; null when none arrived. */
  answer(): QboAnswer | null;
  /** Why no answer arrived, when none did. */
  failure(): unknown;
}

export interface OAuthTransportOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  urls: QuickBooksUrls;
  timeoutMs: number;
}

function endpointFor(url: string | undefined, urls: QuickBooksUrls): string | undefined {
  if (url === OAuthClient.tokenEndpoint) return urls.token;
  if (url === OAuthClient.revokeEndpoint) return urls.revoke;
  if (url === OAuthClient.userinfo_endpoint_production || url === OAuthClient.userinfo_endpoint_sandbox) {
    return urls.userinfo;
  }
  return url;
}

export function oauthCall(options: OAuthTransportOptions): OAuthCall {
  const client = new OAuthClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    environment: 'production',
    redirectUri: options.redirectUri,
    // Asks Intuit for the refresh token's hard expiry, recorded in the TokenSet.
    includeRefreshTokenHardExpiresIn: true,
  } as ConstructorParameters<typeof OAuthClient>[0]);
  let answer: QboAnswer | null = null;
  let failure: unknown = null;
  const load = async (request: AxiosRequestConfig) => {
    try {
      const response = await axios({
        ...request,
        url: endpointFor(request.url, options.urls),
        timeout: options.timeoutMs,
        validateStatus: () => true,
      });
      answer = { status: response.status, header: headerLookup(response.headers), body: response.data };
      return response;
    } catch (err) {
      failure = err;
      throw err;
    }
  };
  Object.assign(client, { loadResponse: load });
  return { client, answer: () => answer, failure: () => failure };
}
