/** Why a fetch did not give us a usable page, in words a moderator can act on. */
export type FetchFailureKind =
  | 'bad-url'
  | 'blocked-address'
  | 'robots'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'rate-limited'
  | 'network'
  | 'not-a-page';

/**
 * A fetch that failed for a reason we can name. The message is written for the moderator who
 * pasted the URL ("robots.txt of example.com does not allow Quotedesk to fetch /news/1").
 */
export class FetchFailure extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    message: string,
    /** For `http-status` and `rate-limited`: the status the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}
