/**
 * Channel ports. Adapters throw `ChannelError` (shared/domain/errors.ts) with `retryable` and
 * `ambiguous` set, so workers decide without knowing the provider.
 */

export interface SocialPost {
  /** The provider's post id. */
  id: string;
  url: string;
}

export interface SocialPoster {
  /** Posts one text from one account, as a reply when `inReplyTo` is given. */
  post(request: { accountId: string; text: string; inReplyTo?: string }): Promise<SocialPost>;
  /**
   * Looks through the account's posts since `since` (the broadcast's approval; every page of them)
   * for ones containing `marker` (the broadcast link), oldest first. Used to settle an ambiguous
   * outcome before posting again. Without `since`, the most recent page only.
   */
  findPosts(request: { accountId: string; marker: string; since?: Date }): Promise<SocialPost[]>;
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
  publish(message: AudienceMessage): Promise<{ messageId: string }>;
}

/** Secrets by name (X credentials); adapters cache with a bounded lifetime. */
export interface SecretStore {
  getJson<T = unknown>(name: string): Promise<T>;
}
