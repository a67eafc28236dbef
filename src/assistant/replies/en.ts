import type { Facet } from '../../nlp/index.ts';
import { bullet, hanoiDateTime, numbered, type Templates } from './templates.ts';

const FACET_LABELS: Record<Facet, string> = {
  fee: 'fees',
  time: 'processing time',
  papers: 'documents needed',
  where: 'where to apply',
  online: 'applying online',
  legal: 'legal basis',
};

const HOTLINES = { '114': 'fire and rescue', '113': 'police', '115': 'medical emergency' } as const;

const REPORT_KINDS = {
  to_giac: 'crime report',
  tin_bao: 'crime tip-off',
  lua_dao: 'fraud report',
  mat_giay_to: 'lost documents or property report',
  khac: 'report',
} as const;

const REPORT_STATUSES = {
  received: 'Received',
  verifying: 'Being verified',
  transferred: 'Transferred for handling',
  resolved: 'Resolved',
  insufficient: 'Not enough grounds',
} as const;

const EMERGENCY_STEPS = {
  fire: [
    'Alert everyone and leave the building now by the emergency exits; do not use lifts, do not go back for belongings.',
    'In smoke: stay low and cover your nose and mouth with a wet cloth.',
    'If it is safe, switch off the electricity and close the gas valve.',
    'If you are trapped: close the door, block the gap with wet cloth, go to a balcony or window and signal for help.',
  ],
  rescue: [
    'Keep yourself safe first; do not go into danger (deep water, collapsed structures, live wires).',
    'Someone drowning: throw a float, rope, pole or anything that floats; do not jump in unless trained.',
    'Electric shock: cut the power first; do not touch the person with bare hands.',
    'Call people nearby to help and send someone to guide the rescue team.',
  ],
  medical: [
    'Lay the person somewhere safe with fresh air; loosen tight clothing.',
    'If unconscious but breathing, put them in the recovery position; if not breathing and you are trained, start chest compressions.',
    'Press firmly on heavy bleeding with a clean cloth.',
    'Give no food, drink or medicine; stay with them until the ambulance arrives.',
  ],
  police: [
    'Get to a safe place; avoid confronting the offender.',
    'Remember what the offender and any vehicle look like, the plate number and the direction they went.',
    'Leave the scene as it is if you can.',
  ],
} as const;

const minutes = (ms: number) => {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'less than a minute' : m === 1 ? '1 minute' : `${m} minutes`;
};

const position = (p: number | null) => (p ? ` You are number ${p} in the queue.` : '');

export const en: Templates = {
  lang: 'en',
  greeting: () =>
    'Hello! I am Bình Yên, the police virtual assistant. I can explain administrative procedures (ID cards, residence registration, vehicles, passports...), find your commune/ward police after the 2025 reorganisation, take crime reports and tip-offs, and help in an emergency. How can I help?',
  thanks: () => 'You are welcome. Have a peaceful day! Message me any time.',
  smalltalk: () =>
    'I am the virtual assistant of the Bình Yên platform: I answer 24/7 about administrative procedures, finding your ward police, reports and emergencies, and I can put you in touch with an officer. What would you like to ask?',
  menu: () => ['Find my ward police', 'Report a crime', 'Check a report I sent', 'Talk to an officer'],
  fallback: (guesses) =>
    `Sorry, I do not have information on that yet.${guesses.length ? ` Did you mean ${guesses.map((g) => `“${g}”`).join(' or ')}?` : ''} You can also choose “Talk to an officer” to get help from a police officer.`,
  clarify: (options) =>
    options.length >= 2
      ? `Do you mean ${options.slice(0, -1).map((o) => `“${o}”`).join(', ')} or “${options.at(-1)}”?`
      : 'Could you tell me a little more about the procedure you need?',
  needTopic: (facet, examples) => `Which procedure do you mean for the ${FACET_LABELS[facet]}?${examples.length ? ` (for example: ${examples.join(', ')})` : ''}`,
  lowConfidenceOffer: () =>
    'Sorry, I have not understood you well. Would you like me to pass this conversation to an officer of your commune/ward police?',
  internalError: () =>
    'Sorry, something went wrong on our side. Please try again in a few minutes. In an emergency call 113 (police), 114 (fire and rescue) or 115 (ambulance) now.',

  facetLabel: (f) => FACET_LABELS[f],
  facetQuestions: () => ({
    fee: 'How much is the fee?',
    time: 'How long does it take?',
    papers: 'What documents do I need?',
    where: 'Where do I apply?',
    online: 'Can I do it online?',
    legal: 'Which law applies?',
  }),
  procedureIntro: (title) => `About the procedure “${title}”:`,
  facetIntro: (facet, title) => `The ${FACET_LABELS[facet]} for “${title}”:`,
  lastChecked: (date) => `(Information last checked on ${date}.)`,
  factsInVietnamese: () => 'The official details are only available in Vietnamese; they are quoted as published.',
  childVariant: (title, age) => `For a child${age !== undefined ? ` aged ${age}` : ''}, the procedure is “${title}”.`,
  otherAgeVariant: (title, r) =>
    `If the child is ${r.max === Infinity ? `${r.min} or older` : r.min === 0 ? `under ${r.max}` : `${r.min} to under ${r.max}`}, the procedure is “${title}”.`,
  childSameProcedure: (title, specifics) =>
    `The procedure “${title}” also applies to children.${specifics.length ? ` What differs for children (in Vietnamese):\n${bullet(specifics)}` : ''}`,
  childUnknown: (title) =>
    `I have no specific information about “${title}” for children. Please ask your commune/ward police or choose “Talk to an officer”.`,
  onlineAvailable: (channels, url) => `Yes, you can apply online via ${channels.join(', ')}.${url ? ` Address: ${url}` : ''}`,
  onlineUnavailable: (where) => `As far as we know, this procedure cannot be done online. Where to apply (in Vietnamese): ${where}`,
  startReportOffer: () => 'Send a report now',

  wardAnswer: (w) => {
    const head = w.via ? `${w.via.oldName} (${w.via.oldDistrict}) is now part of ${w.name}.` : `This address belongs to ${w.name}.`;
    const contact = [w.police.address ? `address: ${w.police.address}` : null, w.police.phone ? `phone: ${w.police.phone}` : null].filter(Boolean);
    const police = contact.length
      ? `Police: ${w.police.name} — ${contact.join(', ')}.`
      : `Police: ${w.police.name}. Its address and phone number have not been entered in our system yet; in an emergency call 113.`;
    const seat = `Seat of the ${w.name} People's Committee (not the police station): ${w.adminSeat}.`;
    const former = w.formerUnits.length
      ? `What changed (Resolution ${w.resolution}, from 1 July 2025): ${w.name} was formed from (resolution wording, in Vietnamese):\n${bullet(
          w.formerUnits.map((f) => `${f.name} (${f.district}): ${f.wordingText}${f.alsoTo.length ? ` (other parts went to ${f.alsoTo.join(', ')})` : ''}`),
        )}`
      : '';
    return [head, bullet([police, seat]), former].filter(Boolean).join('\n');
  },
  wardSplit: (oldName, oldDistrict, parts) =>
    `${oldName} (${oldDistrict}) was split between ${parts.length} units by Resolution 1656/NQ-UBTVQH15:\n${bullet(
      parts.map((p) => `${p.name}${p.wordingText ? `: ${p.wordingText}` : ''}`),
    )}\nTo tell which one, please send the street name and house number, or tap “Share location”. If you already know the new unit, pick it below.`,
  wardAmbiguous: (names) =>
    `This address could belong to: ${names.join(', ')}. Please add the former district, the street, or tap “Share location”.`,
  askAddress: () =>
    'Please send the address (house number, street, old or new ward/commune, former district if you remember), or tap “Share location” to search from where you are.',
  wardNotFound: () => 'I could not find the ward from that. Please give the ward/commune name (old or new) with the former district, or share your location.',
  locationUnavailable: () => 'Searching by location is not available right now. Please type the address (ward/commune, former district).',
  shareLocation: () => 'Share location',

  hotlineLabel: (h) => HOTLINES[h],
  emergencySteps: (k) => [...EMERGENCY_STEPS[k]],
  emergencyFirst: (h, steps) => `EMERGENCY — call ${h} (${HOTLINES[h]}) now; it is free, 24/7.\nWhat to do right now:\n${numbered(steps)}`,
  emergencyAsk: (missing) =>
    missing.length === 2
      ? 'To alert the command centre, please send: the exact address (house number, alley, street, ward) or tap “Share location”, a phone number for a call back, and what is happening (anyone trapped or injured?).'
      : missing[0] === 'location'
        ? 'Where are you? Send the address (house number, alley, street, ward) or tap “Share location”.'
        : 'Please send a phone number for a call back (skip if you cannot).',
  emergencyForwarded: (code, ward) =>
    `I have passed this to the city police command centre (incident ${code}${ward ? `, area: ${ward}` : ''}). Calling is still the fastest way.`,
  emergencyDone: (h) => `The command centre has your details. Stay safe and keep your phone where you can hear it. If you have not called ${h} yet, call now.`,
  emergencyExtraHotline: (h) => `For ${HOTLINES[h]}, also call ${h}.`,
  call: (h) => `Call ${h}`,

  reportKindLabel: (k) => REPORT_KINDS[k],
  reportIntro: (k) =>
    k === 'lua_dao'
      ? 'I am sorry this happened to you. First, to limit the damage:'
      : `I will help you send a ${REPORT_KINDS[k]} to the competent ward police. Choose “Skip” for anything you do not know; you may stay anonymous; type “cancel” to stop.`,
  antiScamAdvice: () => [
    'Call your bank’s hotline or go to a branch now to ask them to trace and freeze the transfer; change passwords and block cards if details leaked.',
    'The police never ask you to transfer money or read out an OTP or password by phone, text or social media.',
    'Do not click unknown links or install apps a stranger tells you to; never pay more to “get your money back”.',
    'Keep the evidence: screenshots of messages, account numbers, phone numbers, links, transfer receipts.',
  ],
  reportPrompt: (step, kind) => {
    switch (step) {
      case 'what':
        return kind === 'lua_dao'
          ? 'Briefly, how were you scammed (phone, Facebook, Zalo, a website...), what did they do, and how much did you transfer (if any)?'
          : kind === 'mat_giay_to'
            ? 'What documents or property did you lose (type, how many, details)?'
            : 'Briefly, what happened and what was lost or damaged (if anything)?';
      case 'when':
        return 'When did it happen (date and time, roughly is fine)?';
      case 'where':
        return kind === 'lua_dao'
          ? 'Which ward/commune do you live in (old or new name)? I will send the report to its police.'
          : 'Where did it happen (house number, street, ward/commune)?';
      case 'who':
        return kind === 'lua_dao'
          ? 'Anything you know about the scammer: phone number, Facebook/Zalo account, link, bank account that received the money.'
          : 'Do you know anything about the people involved (description, name, phone number, vehicle plate...)?';
      case 'contact':
        return 'Finally, leave a phone number (and your name if you wish) so an officer can contact you, or choose “Send anonymously” (then no officer can call you back).';
      case 'confirm':
        return 'Choose “Send” to send it, or “Cancel” to stop.';
    }
  },
  reportConfirm: (d, unit) => {
    const v = (s: string | undefined, step: string) => s ?? (d.skipped.includes(step as never) ? '(skipped)' : '(not given)');
    return `Please check:\n${bullet([
      `Type: ${REPORT_KINDS[d.kind]}`,
      `What happened: ${v(d.what, 'what')}`,
      `When: ${v(d.whenText, 'when')}`,
      `Where: ${v(d.whereText, 'where')}`,
      `People involved: ${v(d.who, 'who')}`,
      `Contact: ${d.anonymous ? 'anonymous' : v(d.contactText, 'contact')}`,
    ])}\nIt will go to ${unit}. Choose “Send” to send it, or “Cancel” to stop.`;
  },
  reportCreated: (kindLabel, unit, code, secret) =>
    `Your ${kindLabel} has been sent to ${unit} and placed in the officers’ queue.\nTracking code: ${code}\nSecret: ${secret}\nPlease keep both — the secret is shown only once. Use them to check progress (write “check my report”) and to upload evidence (photos, PDF, audio; up to 10 MB each). An officer may reply to you directly in this chat.`,
  reportCancelled: () => 'Cancelled — nothing was sent. Message me if you need anything else.',
  reportStatusLabel: (s) => REPORT_STATUSES[s],
  cityUnit: () => 'the Hanoi City Police duty desk',
  wardUnit: (name) => `the police of ${name}`,
  skip: () => 'Skip',
  cancel: () => 'Cancel',
  send: () => 'Send',
  anonymous: () => 'Send anonymously',
  upload: () => 'Upload evidence (photos, PDF, audio)',

  statusAskCode: () =>
    'For a report sent through the Bình Yên assistant, please send its tracking code (TG-XXXX-XXXX) together with the secret you received.\nApplications for administrative procedures (ID card, residence, passport, vehicle registration...) are not held by this system, so I cannot look them up; please check them with the application (receipt) number on the National Public Service Portal or in the VNeID app, or ask the office where you applied.',
  statusAskSecret: (code) => `Please send the secret (16 characters, XXXX-XXXX-XXXX-XXXX) for report ${code}.`,
  statusResult: (r) =>
    `${r.kindLabel[0]!.toUpperCase()}${r.kindLabel.slice(1)} ${r.trackingCode}: ${r.statusLabel} (updated ${r.updatedAt}).${r.note ? `\nNote from the officer (may be in Vietnamese): ${r.note}` : ''}`,
  statusFailed: () => 'The tracking code or the secret is not right. Please check them (tracking code TG-XXXX-XXXX, secret of 16 characters).',
  statusTooMany: () => 'Too many wrong attempts. Please try again in a few minutes, or contact the ward police you reported to.',
  portal: () => 'National Public Service Portal',

  talkToOfficer: () => 'Talk to an officer',
  yesOfficer: () => 'Yes, an officer please',
  noThanks: () => 'No, thanks',
  askWardForHandoff: () =>
    'To reach the right commune/ward police, which ward/commune are you in (old or new name)? You can also tap “Share location”, or “Skip” to reach the city police duty desk.',
  handoffRequested: (unit, p) =>
    `I have passed the conversation to an officer of ${unit}.${position(p)} The officer will reply here; you can leave and come back later without losing anything. In an emergency call 113 (police), 114 (fire and rescue) or 115 (ambulance) now.`,
  handoffAlready: (unit, p, w) => `This conversation is with ${unit}.${position(p)}${w !== null ? ` Waiting time so far: ${minutes(w)}.` : ''}`,
  handoffAckQueued: (p, w) => `Your message has been passed to the officer.${position(p)}${w !== null ? ` Waiting time so far: ${minutes(w)}.` : ''}`,
  handoffAckTaken: () => 'The officer has received your message.',
  handoffDeclined: () => 'All right. Message me if you need anything else.',
  officerTook: (unit) => `An officer of ${unit} has taken the conversation.`,
  officerClosed: () => 'The officer has closed the conversation. The Bình Yên assistant will continue to help you.',

  dateTime: (d) => {
    const t = hanoiDateTime(d);
    return `${t.hh}:${t.mm} on ${t.day}/${t.month}/${t.year}`;
  },
  minutes,
};

