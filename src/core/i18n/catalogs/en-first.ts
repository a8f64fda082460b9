/**
 * English, the source language: the words of the first screen (the page frame, the badge and the
 * payment card), which the entry draws before the app loads; a chunk of its own, which the starter
 * preloads for an English page. `{name}` is a placeholder; the other languages keep the same keys and
 * placeholders (tests/unit/catalogs.test.ts). A message with plural forms lists them by CLDR
 * category, `one:…|other:…` (Polish adds `few` and `many`); the count picks one.
 */
export default {
  'page.heading': 'HIVE account payment',
  'page.title': 'DLUX payment monitor',
  'page.language': 'Language',

  'status.waiting_payment': 'Waiting for your payment',
  'status.payment_detected': 'Payment detected',
  'status.confirming': 'Confirming your payment',
  'status.creating_account': 'Creating your account',
  'status.completed': 'Account created',
  'status.failed': 'Payment failed',
  'status.expired': 'Payment window expired',
  'status.unknown': 'Checking the payment status',
  'status.not_found': 'Payment channel not found',

  'sentence.waiting_exact': 'Send exactly {amount} {currency} on {network} to the address below. This page updates by itself.',
  'sentence.waiting': 'Send the payment to the address below. This page updates by itself.',
  'sentence.detected_estimate': 'Your payment was seen on {network}. Do not send it again. Confirming it usually takes {estimate}.',
  'sentence.detected': 'Your payment was seen. Do not send it again: it now waits for confirmations.',
  'sentence.confirming_estimate': 'The network is confirming your payment on {network}. This usually takes {estimate} in all.',
  'sentence.confirming': 'The network is confirming your payment.',
  'sentence.creating_account': 'Your payment is confirmed. Your HIVE account is being created.',
  'sentence.completed': 'Your payment is complete and your HIVE account is ready.',
  'sentence.failed': 'The account could not be created. Please do not send the payment again.',
  'sentence.expired': 'No payment arrived before the payment window closed. This address no longer takes payments.',
  'sentence.unknown': 'The server sent a status this page does not know yet. It keeps checking.',
  'sentence.not_found': 'No payment has this channel ID. Check that the link is complete.',
  'estimate.under_minute': 'under a minute',
  'estimate.about': 'about {duration}',
  'duration.minutes': 'one:{n} minute|other:{n} minutes',
  'duration.minutes_range': 'one:{from}–{to} minute|other:{from}–{to} minutes',

  'card.for': 'For the HIVE account {account}',
  'card.server_words': 'The payment server says (in English):',
  'card.amount': 'Amount',
  'card.network': 'Network',

  'steps.label': 'Payment progress',
  'steps.send': 'Send payment',
  'steps.sent': 'Payment sent',
  'steps.confirmed': 'Confirmed',
  'steps.confirmed_count': 'Confirmed {seen}/{required}',
  'steps.created': 'Account created',
  'steps.said.sent': 'payment sent',
  'steps.said.confirmations': 'confirmations',
  'steps.said.confirmations_count': 'confirmations {seen} of {required}',
  'steps.said.created': 'account created',
  'steps.all_done': 'All 3 steps done: account created',
  'steps.stopped': 'Stopped at step {step} of 3: {name}',
  'steps.at': 'Step {step} of 3: {name}',
  'steps.not_sent': 'Step 1 of 3: payment not sent yet',
  'steps.creating': 'Step 3 of 3: creating your account',

  'badge.offline': 'Offline',
  'badge.offline_detail': 'Updates resume by themselves when the network is back.',
  'badge.offline_said': 'You are offline. Updates resume when the network is back.',
  'badge.connecting': 'Connecting…',
  'badge.connecting_said': 'Connecting.',
  'badge.finished': 'Finished',
  'badge.finished_detail': 'No more updates needed.',
  'badge.age': 'Last update {age}',
  'badge.age_now': 'Last update just now',
  'badge.age_none': 'No update received yet',
} as const
