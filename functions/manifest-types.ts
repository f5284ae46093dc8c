/**
 * The shape of the function manifest (ARCHITECTURE.md 1): every function, its trigger and what it
 * may touch. The local runtime and the CDK app are both built from `manifest.ts`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface HttpRoute {
  method: HttpMethod;
  /** API Gateway HTTP API path, with `{name}` parameters: `/broadcasts/{id}/approve`. */
  path: string;
  /**
   * `staff` routes need a bearer JWT (Cognito on AWS, demo users locally); `public` ones do not;
   * `session` routes (the duty console) reach their function without a gateway authorizer, and the
   * function asks for its own signed-in session cookie on every page but the way in (D31).
   */
  auth: 'staff' | 'public' | 'session';
}

import type { QueueName } from '../shared/domain/dispatch.js';

export type { QueueName };

export type Trigger =
  | { kind: 'http'; routes: HttpRoute[] }
  | {
      kind: 'queue';
      queue: QueueName;
      /** Messages handed to one invocation. */
      batchSize: number;
      /** Invocations in flight at once (SQS `MaximumConcurrency` on AWS). */
      maxConcurrency: number;
    }
  | { kind: 'schedule'; everySeconds: number };

export interface Access {
  table?: 'read' | 'readwrite';
  /** Queues this function sends to. */
  sendTo?: QueueName[];
  /** Publish to every area-and-language topic of the registry (and the exercise ones). */
  publishToAreaTopics?: boolean;
  /** Read the per-account X credentials. */
  readXSecrets?: boolean;
  /**
   * Limits `table` to items whose partition key starts with one of these prefixes (IAM
   * `dynamodb:LeadingKeys`), so a public function cannot read incidents or templates. Such a
   * function only uses GetItem, BatchGetItem, PutItem, UpdateItem, DeleteItem, Query on the table
   * (no index) and TransactWriteItems; the integration flows hold every call it really sends to
   * its synthesized policy (docs/architecture.md D22). Absent: the whole table and its indexes.
   */
  tableKeyPrefixes?: string[];
  /** Subscribe and unsubscribe endpoints on the area-and-language topics (and the exercise ones). */
  manageTopicSubscriptions?: boolean;
  /** Send an SMS straight to a phone number (sign-up codes); SNS has no narrower resource than `*` for it. */
  sendDirectSms?: boolean;
  /** List the phone numbers that replied STOP (SNS `ListPhoneNumbersOptedOut`). */
  readOptedOutNumbers?: boolean;
  /**
   * Subscriber addresses: envelope encryption with the subscriber data key (KMS `GenerateDataKey`,
   * `Decrypt`) and lookups by keyed hash with the subscriber HMAC key (KMS `GenerateMac`).
   */
  subscriberKeys?: boolean;
  /** Write the rendered public site (pages, feeds, CAP documents) into its bucket. */
  writePublicSite?: boolean;
  /**
   * Sign staff in to the duty console with the user pool's hosted sign-in (OIDC, PKCE): the
   * domain, the console's client id and the pool id as environment values. No IAM grant: the
   * hosted sign-in and the pool's key set are public HTTPS endpoints (docs/architecture.md D30).
   */
  staffSignIn?: boolean;
  /**
   * Invoke the delivery workers (the consumers of `x-deliveries` and `sns-deliveries`) with
   * warm-up events when a broadcast is filed for approval (docs/architecture.md D40).
   */
  warmDispatchWorkers?: boolean;
}

export interface FunctionDefinition {
  name: string;
  /** Path from the repository root to the module exporting `handler`. */
  entry: string;
  description: string;
  trigger: Trigger;
  access: Access;
  timeoutSeconds: number;
  memoryMb: number;
}
