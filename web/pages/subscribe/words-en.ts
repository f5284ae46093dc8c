import type { SubscribeText } from './words.js';

export const subscribeTextEn: SubscribeText = {
  errorTitlePrefix: 'Error: ',
  errorHidden: 'Error:',
  errorSummaryTitle: 'There is a problem',
  successTitle: 'Success',
  signUp: {
    title: 'Get alerts by text message or e-mail',
    intro:
      'We send alerts about emergencies and police incidents in the areas you choose. You can change or stop them at any time.',
    channelLegend: 'How do you want to get alerts?',
    sms: 'Text message',
    email: 'E-mail',
    phoneLabel: 'Mobile phone number',
    phoneHint: 'For example, 416 555 0199. We will text you a code to check it.',
    emailLabel: 'E-mail address',
    emailHint: 'We will send you an e-mail to confirm it for each area you choose.',
    areasLegend: 'Which areas?',
    areasHint: (maxAreas) =>
      `Choose up to ${maxAreas} divisions, or the whole city. Alerts for the whole city reach you too: once for each division you choose.`,
    citywide: 'The whole city',
    or: 'or',
    languageLegend: 'Which language?',
    submit: 'Continue',
    privacy:
      'We use your number or address only to send these alerts. It is stored encrypted, and police staff cannot see it.',
  },
  errors: {
    channel: 'Choose text message or e-mail',
    phoneMissing: 'Enter your mobile phone number',
    phoneInvalid: 'Enter a mobile phone number that can receive text messages, like 416 555 0199',
    emailMissing: 'Enter your e-mail address',
    emailInvalid: 'Enter an e-mail address in the correct format, like name@example.com',
    areas: (maxAreas) => `Choose the whole city, or from 1 to ${maxAreas} divisions`,
    language: 'Choose a language',
    codeMissing: 'Enter the code from the text message',
    codeInvalid: (digits) => `Enter the ${digits}-digit code from the text message`,
    codeWrong: 'The code is not right. Check the text message and try again',
    rateLimited:
      'There have been too many sign-ups from this connection, for this number or address, or for numbers like it. Try again later',
    unavailable: 'We could not send the text message just now. Try again in a minute',
    paused:
      'Sign-ups by text message are paused for now because of unusual demand. Try again later, or sign up by e-mail',
    botCheck: 'Check your answers and select Continue again',
    phoneCountry: (countries) => `Enter a mobile number from ${countries}: we cannot send alerts elsewhere`,
  },
  honeypotLabel: 'Leave this field empty',
  code: {
    title: 'Enter the code we sent you',
    hint: (digits, minutes) =>
      `We sent a ${digits}-digit code by text message. It works for ${minutes} minutes.`,
    label: 'Code',
    submit: 'Confirm',
    notReceived: 'No text message after a few minutes? Check the number and',
    signUpAgain: 'sign up again',
  },
  welcome: {
    smsTitle: 'You are signed up',
    smsBody: 'Alerts will come to your phone by text message.',
    emailTitle: 'Check your inbox',
    emailBody: (emails) =>
      emails === 1
        ? 'We sent you an e-mail to confirm your address. Alerts start once you select the link in it.'
        : `We sent you ${emails} e-mails to confirm your address, one for each area. Alerts for an area start once you select the link in its e-mail.`,
    emailFrom:
      'The e-mails come from “AWS Notifications”. If you cannot find them, look in your spam or junk folder.',
    manageHeading: 'Change or stop your alerts',
    manageBody:
      'This link lets you change your areas or language, or stop the alerts. Bookmark it or keep it somewhere safe: anyone who has it can change your alerts.',
    manageLink: 'Manage your alerts',
    stopByText: 'You can also reply STOP to any of our text messages to stop them all.',
  },
  manage: {
    title: 'Your alerts',
    saved: 'Your changes are saved. They take effect within a minute.',
    sentBy: 'Sent by',
    bySms: (masked) => `Text message to ${masked}`,
    byEmail: (masked) => `E-mail to ${masked}`,
    areas: 'Areas',
    language: 'Language',
    optedOut:
      'These alerts have stopped because the number replied STOP. To get alerts again, sign up again.',
    changeHeading: 'Change your alerts',
    emailChangeHint: 'For each new area, we will send you an e-mail to confirm it.',
    save: 'Save changes',
    stopHeading: 'Stop your alerts',
    stopLink: 'Stop all alerts',
  },
  unsubscribe: {
    title: 'Are you sure you want to stop all alerts?',
    body: (masked) =>
      `We will send no more alerts to ${masked}. To get them again, you will need to sign up again.`,
    confirm: 'Yes, stop all alerts',
    cancel: 'No, keep my alerts',
    doneTitle: 'Your alerts have stopped',
    doneBody: 'We will send you no more alerts. It can take a minute for the last ones in progress.',
    signUpAgain: 'Sign up again',
  },
  problems: {
    400: {
      title: 'There is a problem with the form',
      body: 'We could not read the form you sent, so nothing has changed. Reload the form and try again.',
    },
    403: {
      title: 'This form has expired',
      body: 'For your security we could not check this form, so nothing has changed. Reload the form and send it again.',
    },
    404: {
      title: 'Page not found',
      body: 'If you followed a link to manage your alerts, they may have been stopped, or replaced by a newer sign-up for the same number. You can sign up again.',
    },
    409: {
      title: 'This cannot be done now',
      body: 'The sign-up is already confirmed, or the subscription has changed or is no longer active. Open your link to manage your alerts to see where they stand, or sign up again.',
    },
    410: {
      title: 'The code has expired',
      body: 'Codes work for a short time only. Sign up again to get a new code.',
    },
    413: {
      title: 'There is a problem with the form',
      body: 'The form you sent was too large, so nothing has changed. Reload the form and try again.',
    },
    415: {
      title: 'There is a problem with the form',
      body: 'We could not read the form you sent, so nothing has changed. Reload the form and try again.',
    },
    429: {
      title: 'Too many attempts',
      body: 'There were too many wrong codes for this sign-up. Sign up again to get a new code.',
    },
    500: {
      title: 'Sorry, there is a problem with the service',
      body: 'Try again later.',
    },
  },
  reloadForm: 'Reload the form',
  signUpLink: 'Sign up for alerts',
  home: 'All alerts',
};
