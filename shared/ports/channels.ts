/**
 * Channel ports. Adapters throw `ChannelError` (shared/domain/errors.ts) with `retryable` and
 * `ambiguous` set, so workers decide without knowing the provider.
 */

export interface SocialPost {
  /** The provider's post id. */
  id: string;
  url: string;
}

/**
 * How long one provider call may run. A delivery worker passes the moment its invocation must
 * stop waiting (the function's remaining time less what settling needs), not a short timeout: a
 * call given up while the provider may still accept it becomes an ambiguous outcome, and on SNS
 * an ambiguous publish is published again (docs/architecture.md D6, D23).
 */
export interface ProviderCall {
  /** Epoch ms after which the call is abandoned as ambiguous. Unset: the adapter's own default. */
  deadline?: number;
}

export interface SocialPoster {
  /** Posts one text from one account, as a reply when `inReplyTo` is given. */
  post(
    request: { accountId: string; text: string; inReplyTo?: string },
    call?: ProviderCall,
  ): Promise<SocialPost>;
  /**
   * Looks through the account's posts since `since` (the broadcast's approval; every page of them)
   * for ones containing `marker` (the broadcast link), oldest first. Used to settle an ambiguous
   * outcome before posting again. Without `since`, the most recent page only.
   */
  findPosts(
    request: { accountId: string; marker: string; since?: Date },
    call?: ProviderCall,
  ): Promise<SocialPost[]>;
  /**
   * Gets ready to post from the account without calling X: its credentials read and its client
   * built, as a first post would (a warm-up, D40).
   */
  prepare(accountId: string): Promise<void>;
}

export interface AudienceMessage {
  topic: string;
  /** Shown to subscribers of protocols without their own body. */
  default: string;
  sms: string;
  email: string;
  /** E-mail subject. */
  subject: string;
  attributes: Record<string, string>;
}

export interface AudiencePublisher {
  publish(message: AudienceMessage, call?: ProviderCall): Promise<{ messageId: string }>;
  /** Gets ready to publish without publishing: its client built, as a first publish would (D40). */
  prepare(): Promise<void>;
}

/** Secrets by name (X credentials); adapters cache with a bounded lifetime. */
export interface SecretStore {
  getJson<T = unknown>(name: string): Promise<T>;
}
