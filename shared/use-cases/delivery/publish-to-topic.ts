import { ChannelError } from '../../domain/errors.js';
import type { AudiencePublisher, ProviderCall } from '../../ports/channels.js';
import type { SendAttempt } from './send-attempt.js';

export interface PublishToTopicDeps {
  publisher: AudiencePublisher;
}

/**
 * The SNS sender: one publish to an area-and-language topic (D5) of that language's SMS text and
 * e-mail, with the broadcast's attributes. SNS cannot be asked what it published, so after an
 * attempt that may have reached it the message is published again: D6's narrow window, and the
 * reason a worker holds its lease for as long as SNS takes to answer (D23).
 */
export async function publishToTopic(
  deps: PublishToTopicDeps,
  attempt: SendAttempt,
  call: ProviderCall,
): Promise<void> {
  const { claimed, broadcast } = attempt;
  const language = claimed.language ?? Object.keys(broadcast.content.languages)[0] ?? '';
  const rendered = broadcast.content.languages[language];
  if (!rendered)
    throw new ChannelError(`no ${language} content for topic ${claimed.target}`, { retryable: false });
  const { messageId } = await deps.publisher.publish(
    {
      topic: claimed.target,
      default: rendered.sms.text,
      sms: rendered.sms.text,
      email: rendered.email.body,
      subject: rendered.email.subject,
      attributes: {
        broadcastId: broadcast.id,
        category: broadcast.category,
        severity: broadcast.severity,
        status: broadcast.content.status,
        msgType: broadcast.msgType,
      },
    },
    call,
  );
  attempt.progress.push(messageId);
}
