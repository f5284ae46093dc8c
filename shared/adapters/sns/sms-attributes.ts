/** SMS settings shared by the SNS publisher and subscriber; no SDK import, so either loads it lazily. */
export interface SmsDeliverySettings {
  /** Alerts are `Transactional`: SNS routes them for reliability, not cost. */
  type: 'Transactional' | 'Promotional';
  /** The origination number (E.164) SMS leave from; its throughput sets the reach time. */
  originationNumber?: string;
  /** An alphanumeric sender id, where the destination country supports one. */
  senderId?: string;
}

/** SNS's reserved attributes that steer SMS delivery of a publish. */
export function smsAttributes(sms: SmsDeliverySettings | undefined): [string, string][] {
  if (!sms) return [];
  return [
    ['AWS.SNS.SMS.SMSType', sms.type],
    ...(sms.originationNumber
      ? [['AWS.MM.SMS.OriginationNumber', sms.originationNumber] as [string, string]]
      : []),
    ...(sms.senderId ? [['AWS.SNS.SMS.SenderID', sms.senderId] as [string, string]] : []),
  ];
}
