import { SNOMED } from '../../main/contract/nhs';
import { endStates, type Reason, type ReferralDetails, type ReferralStatus } from '../../main/contract/referrals';
import type { Role } from '../../main/contract/roles';
import { dispatch } from '../../main/dispatch/dispatch';
import { foldName } from '../../main/referrals/patients';
import type { Session } from '../../main/session/session';
import { syntheticNhsNumbers } from '../support/referrals';

/** Throws when dispatch answers with an error: a benchmark of a failing call measures nothing. */
export async function dispatchOk(session: Session, channel: string, input: unknown = {}): Promise<unknown> {
  const r = await dispatch(session, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.result;
}

// ---------------------------------------------------------------- a deterministic source of variety

/** mulberry32: small, fast and seeded, so every run of the bench builds the same practice. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

/** Picks from `items` with the given weights (by binary search over the running totals). */
function weighted<T>(items: readonly T[], weights: readonly number[], rnd: Random): () => T {
  const totals: number[] = [];
  let sum = 0;
  for (const w of weights) totals.push((sum += w));
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (totals[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** Common names first, rare ones last: the k-th of n is picked about (n + 15) / (k + 15) times as often as the last. */
function byRank<T>(items: readonly T[], rnd: Random): () => T {
  return weighted(items, items.map((_, k) => 1 / (k + 16)), rnd);
}

function oneOf<T>(items: readonly T[], rnd: Random): T {
  return items[Math.floor(rnd() * items.length)]!;
}

// ---------------------------------------------------------------- names, roughly as common as in England

const FEMALE = [
  'Margaret', 'Susan', 'Sarah', 'Elizabeth', 'Mary', 'Patricia', 'Emma', 'Jean', 'Karen', 'Julie', 'Helen', 'Linda',
  'Christine', 'Olivia', 'Amelia', 'Jessica', 'Emily', 'Rebecca', 'Laura', 'Claire', 'Nicola', 'Joanne', 'Lisa', 'Michelle',
  'Hannah', 'Lucy', 'Amy', 'Rachel', 'Catherine', 'Victoria', 'Sophie', 'Charlotte', 'Grace', 'Ella', 'Isla', 'Ava',
  'Mia', 'Poppy', 'Lily', 'Freya', 'Evie', 'Isabella', 'Sophia', 'Ivy', 'Willow', 'Barbara', 'Dorothy', 'Joan',
  'Betty', 'Shirley', 'Sheila', 'Pauline', 'Carol', 'Janet', 'Ann', 'Anne', 'Brenda', 'Maureen', 'Valerie', 'Irene',
  'Doreen', 'Eileen', 'Gillian', 'Wendy', 'Sandra', 'Denise', 'Tracey', 'Kelly', 'Dawn', 'Angela', 'Katie', 'Kathleen',
  'Fatima', 'Aisha', 'Amina', 'Ayesha', 'Zainab', 'Maryam', 'Priya', 'Anjali', 'Sunita', 'Harpreet', 'Gurpreet', 'Parveen',
  'Nasreen', 'Shabana', 'Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Oksana', 'Ioana', 'Chiamaka', 'Ngozi', 'Abena',
  'Adaeze', 'Funmilayo', 'Chloë', 'Zoë', 'Siân', 'Niamh', 'Aoife', 'Bronwen', 'Ffion', 'Rhiannon', 'Renée', 'Hélène',
  'María', 'Lucía', 'Giulia', 'Francesca', 'Mei', 'Hui', 'Ruth', 'Esther', 'Naomi', 'Alice', 'Florence', 'Edith',
  'Hilda', 'Elsie', 'Ethel', 'Vera', 'Gwendolyn', 'Rosemary', 'Marion', 'Bridget', 'Hayley', 'Gemma', 'Stacey', 'Leanne',
];

const MALE = [
  'David', 'John', 'Michael', 'Paul', 'Andrew', 'Peter', 'James', 'Robert', 'Mark', 'Stephen', 'Richard', 'Christopher',
  'William', 'Thomas', 'Ian', 'Alan', 'Brian', 'Kevin', 'Gary', 'Keith', 'Colin', 'Daniel', 'Matthew', 'George',
  'Oliver', 'Harry', 'Jack', 'Charlie', 'Noah', 'Leo', 'Oscar', 'Alfie', 'Arthur', 'Theo', 'Freddie', 'Archie',
  'Henry', 'Edward', 'Hugh', 'Hugo', 'Derek', 'Raymond', 'Kenneth', 'Ronald', 'Dennis', 'Frank', 'Harold', 'Albert',
  'Frederick', 'Stanley', 'Leonard', 'Norman', 'Geoffrey', 'Graham', 'Trevor', 'Barry', 'Terence', 'Malcolm', 'Roger', 'Martin',
  'Simon', 'Neil', 'Philip', 'Anthony', 'Jonathan', 'Benjamin', 'Samuel', 'Joseph', 'Callum', 'Connor', 'Liam', 'Seán',
  'Ciarán', 'Declan', 'Pádraig', 'Rhys', 'Dafydd', 'Gareth', 'Owain', 'Hamish', 'Angus', 'Alasdair', 'Fraser', 'Ewan',
  'Duncan', 'Mohammed', 'Muhammad', 'Ahmed', 'Ali', 'Hassan', 'Omar', 'Imran', 'Tariq', 'Bilal', 'Yusuf', 'Rajesh',
  'Sanjay', 'Arjun', 'Vikram', 'Harjit', 'Gurdeep', 'Sukhwinder', 'Piotr', 'Krzysztof', 'Tomasz', 'Marek', 'Andrzej', 'Mihai',
  'Andrei', 'Chinedu', 'Emeka', 'Kwame', 'Kofi', 'Oluwaseun', 'José', 'Luis', 'Marco', 'Luca', 'Wei', 'Jun',
  'Dean', 'Wayne', 'Lee', 'Craig', 'Darren', 'Jason', 'Nigel', 'Clive', 'Gordon', 'Douglas', 'Hughie', 'Reginald',
];

const FAMILY = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson',
  'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel',
  'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King',
  'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett',
  'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy',
  'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson',
  'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews',
  'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens',
  'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard',
  'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West',
  'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', 'O’Brien', 'Watts', 'Rose',
  'Booth', 'Perry', 'Ryan', 'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman',
  'Barrett', 'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons',
  'Berry', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy',
  'Williamson', 'Bird', 'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop',
  'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne',
  'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', 'O’Connor', 'Harper', 'Coleman', 'Watkins', 'Moss',
  'McCarthy', 'Chambers', 'O’Neill', 'Griffin', 'Sharp', 'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Gordon', 'Doyle',
  'Wallace', 'George', 'Jordan', 'Hutchinson', 'Rowe', 'Burke', 'May', 'Pritchard', 'Gilbert', 'Willis', 'Higgins', 'Read',
  'Miles', 'Stevenson', 'Stephenson', 'Hammond', 'Arnold', 'Buckley', 'Walters', 'Hewitt', 'Barber', 'Nelson', 'Slater', 'Austin',
  'Sullivan', 'Whitehead', 'Mann', 'Frost', 'Lambert', 'Stephens', 'Blake', 'Akhtar', 'Lynch', 'Goodwin', 'Barton', 'Woodward',
  'Thomson', 'Cunningham', 'Quinn', 'Barnett', 'Baxter', 'Bibi', 'Clayton', 'Nash', 'Greenwood', 'Jennings', 'Holt', 'Kemp',
  'Poole', 'Gallagher', 'Bond', 'Stokes', 'Tucker', 'Davidson', 'Fowler', 'Heath', 'Norman', 'Middleton', 'Lawson', 'Banks',
  'French', 'Stanley', 'Jarvis', 'Gibbs', 'Ferguson', 'Hayward', 'Carroll', 'Douglas', 'Dickinson', 'Todd', 'Barlow', 'Peters',
  'Lucas', 'Knowles', 'Hartley', 'Miah', 'Simmons', 'Morton', 'Alexander', 'Field', 'Morrison', 'Norris', 'Townsend', 'Preston',
  'Hancock', 'Thornton', 'Baldwin', 'Burrows', 'Briggs', 'Storey', 'Pollard', 'Kowalski', 'Nowak', 'Wiśniewski', 'Nguyen', 'Okafor',
  'Adeyemi', 'Mensah', 'Chen', 'Wang', 'Popescu', 'Da Silva', 'D’Souza', 'Fernández', 'Müller', 'Lloyd-Hughes', 'Smith-Jones', 'Hughson',
];

/** Names people go by: about a quarter of those who could, do. */
const PREFERRED: Readonly<Record<string, readonly string[]>> = {
  Margaret: ['Peggy', 'Maggie'], Elizabeth: ['Liz', 'Beth'], Patricia: ['Pat', 'Trish'], Catherine: ['Kate', 'Cathy'],
  Kathleen: ['Kath'], Rebecca: ['Becky'], Victoria: ['Vicky'], Dorothy: ['Dot'], Susan: ['Sue'], Katarzyna: ['Kasia'],
  Agnieszka: ['Aga'], Chiamaka: ['Amaka'], Christine: ['Chris'], Jessica: ['Jess'], Gwendolyn: ['Gwen'],
  William: ['Bill', 'Will'], Robert: ['Bob', 'Rob'], Richard: ['Rich'], Hugh: ['Hughie'], Edward: ['Ted', 'Eddie'],
  Frederick: ['Fred'], Christopher: ['Chris'], Anthony: ['Tony'], Kenneth: ['Ken'], Ronald: ['Ron'], Harold: ['Harry'],
  Joseph: ['Joe'], Samuel: ['Sam'], Benjamin: ['Ben'], Thomas: ['Tom'], James: ['Jim', 'Jamie'], Michael: ['Mick', 'Mike'],
  Peter: ['Pete'], Piotr: ['Peter'], Oluwaseun: ['Seun'], Mohammed: ['Mo'], Reginald: ['Reg'], Alasdair: ['Ali'],
};

const STREETS = [
  'Beech Grove', 'Church Lane', 'Station Road', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'The Crescent', 'Grange Road',
  'Moorland View', 'Otley Road', 'Cardigan Road', 'Kirkstall Lane', 'Queen Street', 'Hyde Park Terrace', 'Woodhouse Street',
  'Chapel Street', 'Rosebank Road', 'Hawthorn Drive', 'Elmwood Close', 'Aire View', 'Canal Wharf', 'Bridge Street', 'Low Lane',
  'Town Street', 'Springfield Mount', 'Ash Road', 'Cliff Road', 'Bramley Grove', 'Tong Road', 'Stanningley Road',
];

/** Each practice's patch: the town and the postcode districts most of its patients live in. */
const PATCHES = [
  { town: 'Leeds', districts: ['LS6', 'LS4', 'LS3', 'LS2'] },
  { town: 'Leeds', districts: ['LS13', 'LS12', 'LS5'] },
  { town: 'Pudsey', districts: ['LS28', 'LS18', 'LS19'] },
];
/** The letters a postcode's inward part may use (no C, I, K, M, O or V). */
const INWARD = [...'ABDEFGHJLNPQRSTUWXYZ'];
const LANGUAGES = ['Polish', 'Urdu', 'Punjabi', 'Bengali', 'Arabic', 'Romanian', 'Kurdish', 'Tigrinya', 'Portuguese', 'Cantonese'];

// ---------------------------------------------------------------- referral vocabulary

const STATUSES: readonly ReferralStatus[] = ['received', 'accepted', 'contacted', 'in_progress', 'closed', 'declined', 'unable_to_contact', 'redirected'];
/**
 * How referrals of an age stand (weights in STATUSES order): most new ones wait or have just been
 * accepted, most older ones have ended, and a few are left behind at every age.
 */
const STATUS_BY_AGE: readonly { underDays: number; weights: readonly number[] }[] = [
  { underDays: 14, weights: [45, 25, 15, 5, 1, 4, 0, 5] },
  { underDays: 42, weights: [6, 10, 18, 36, 14, 6, 4, 6] },
  { underDays: 120, weights: [1.5, 2, 5, 30, 42, 7, 6, 6.5] },
  { underDays: Number.POSITIVE_INFINITY, weights: [0.3, 0.3, 0.7, 4, 70, 9, 8, 7.7] },
];
const REASONS: readonly Reason[] = [
  'loneliness', 'mental_wellbeing', 'long_term_condition', 'physical_activity', 'weight', 'housing', 'money',
  'employment', 'carers', 'bereavement', 'practical_help', 'substance_use', 'other',
];
const REASON_WEIGHTS = [30, 28, 12, 10, 6, 8, 14, 5, 5, 6, 6, 2, 3];
type Urgency = ReferralDetails['urgency'];
const URGENCIES: readonly Urgency[] = ['routine', 'soon', 'urgent'];
const URGENCY_RANK: Readonly<Record<Urgency, number>> = { urgent: 0, soon: 1, routine: 2 };
const SOURCES = ['gp', 'nurse', 'other_clinician', 'reception', 'self', 'external_agency'] as const;
const SOURCE_LABELS: Readonly<Record<(typeof SOURCES)[number], string>> = {
  gp: 'GP', nurse: 'Nurse', other_clinician: 'Other clinician', reception: 'Reception or care navigator', self: 'Self-referral', external_agency: 'External agency',
};
const WHAT_MATTERS = [
  'Getting out of the house again; meeting people.', 'Sorting out the debts so I can sleep.', 'Walking to the shops without getting breathless.',
  'Finding a group for carers.', 'A job, or volunteering to start with.', 'Somewhere warm and dry to live.', 'Feeling less on my own since my husband died.',
];
const OUTCOMES: Readonly<Partial<Record<ReferralStatus, readonly string[]>>> = {
  closed: ['Goals met: joined a walking group and a lunch club.', 'Benefits check done; attendance allowance awarded.', 'Settled with the carers’ centre; no further support needed.'],
  declined: ['Does not want support at the moment.', 'Family now helping; declined.'],
  unable_to_contact: ['Three calls and a letter unanswered.'],
  redirected: ['Needs more than social prescribing can offer.', 'Better served by a specialist service.'],
};
const REDIRECTED_TO = ['Community mental health team', 'Citizens Advice Leeds', 'Adult social care', 'Forward Leeds (substance use)'];

const DAY = 86_400_000;

// ---------------------------------------------------------------- the team

export const TEAM_PASSWORD = 'temporary bench password';
export const LINK_WORKER_PASSWORD = 'link worker bench password';

export interface ReferralTeam {
  practiceIds: number[];
  managerId: number;
  /** Signs in for the benchmarks: a link worker at every practice. */
  linkWorker: { id: number; username: string; fullName: string };
  /** A second link worker, at the second and third practices only. */
  otherLinkWorkerId: number;
  receptionistId: number;
  clinicianId: number;
}

/**
 * Adds the team through dispatch as the signed-in manager (each user costs a production key
 * derivation for their key slot, as in a practice). The manager is the session's user.
 */
export async function addReferralTeam(session: Session): Promise<ReferralTeam> {
  const { store, user } = session.active();
  const practiceIds = (await store.db.selectFrom('practice').select('id').orderBy('id').execute()).map((p) => p.id);
  if (practiceIds.length < 3) throw new Error('the referrals bench wants an installation with three practices');
  const add = async (username: string, fullName: string, role: Role, ids: number[]) =>
    ((await dispatchOk(session, 'users.create', { fullName, username, role, practiceIds: ids, temporaryPassword: TEAM_PASSWORD })) as { id: number }).id;
  const linkWorker = { username: 'lee', fullName: 'Lee Worker', id: 0 };
  linkWorker.id = await add(linkWorker.username, linkWorker.fullName, 'link_worker', practiceIds);
  return {
    practiceIds,
    managerId: user.id,
    linkWorker,
    otherLinkWorkerId: await add('kim', 'Kim Worker', 'link_worker', practiceIds.slice(1)),
    receptionistId: await add('rita', 'Rita Reception', 'reception', practiceIds.slice(0, 1)),
    clinicianId: await add('amir', 'Dr Amir Khan', 'clinician', practiceIds),
  };
}

/** Signs whoever is in out and the team's link worker in, past the first sign-in's password change. */
export async function signInAsLinkWorker(session: Session, team: ReferralTeam): Promise<void> {
  await dispatchOk(session, 'auth.logout');
  await dispatchOk(session, 'auth.login', { username: team.linkWorker.username, password: TEAM_PASSWORD });
  await dispatchOk(session, 'auth.changePassword', { currentPassword: TEAM_PASSWORD, newPassword: LINK_WORKER_PASSWORD });
}

// ---------------------------------------------------------------- patients and referrals

export interface SeedOptions {
  patients: number;
  referrals: number;
  /** Referrals are received over the two years before this. */
  now: Date;
  seed?: number;
}

export interface SeedSummary {
  patients: number;
  patientsPerPractice: number[];
  referrals: number;
  reasonRows: number;
  events: number;
  codings: number;
  /** Referrals not yet ended, and of those how many are still 'received'. */
  open: number;
  received: number;
  receivedForLoneliness: number;
  /** NHS numbers in insertion order (patient id = index + 1 in a fresh installation). */
  nhsNumbers: string[];
}

/**
 * Fills the installation with `patients` patients spread unevenly over the team's three practices
 * and `referrals` referrals received over two years (statuses, urgencies and reasons as a busy PCN
 * has them, shared between the two link workers), with their reason rows, timeline entries and
 * codes. Straight through the driver, prepared statements in one transaction; the FTS triggers keep
 * the name index in step as they do for every insert. Seeded: the same data every run.
 */
export function seedPatientsAndReferrals(session: Session, team: ReferralTeam, options: SeedOptions): SeedSummary {
  const { raw } = session.active().store;
  const rnd = seededRandom(options.seed ?? 20_240_601);
  const now = options.now.getTime();
  const nhsNumbers = syntheticNhsNumbers(options.patients);
  const summary: SeedSummary = {
    patients: options.patients, patientsPerPractice: team.practiceIds.map(() => 0), referrals: options.referrals,
    reasonRows: 0, events: 0, codings: 0, open: 0, received: 0, receivedForLoneliness: 0, nhsNumbers,
  };

  const insertPatient = raw.prepare(
    'INSERT INTO patient (nhs_number, title, given_name, family_name, preferred_name, family_key, date_of_birth, sex, gender_identity, ' +
      'address_line1, address_line2, town, postcode, phones, email, preferred_contact_method, preferred_contact_times, first_language, ' +
      'interpreter_needed, communication_needs, registered_practice_id, created_at, updated_at) ' +
      'VALUES (@nhs_number, @title, @given_name, @family_name, @preferred_name, @family_key, @date_of_birth, @sex, @gender_identity, ' +
      '@address_line1, @address_line2, @town, @postcode, @phones, @email, @preferred_contact_method, @preferred_contact_times, @first_language, ' +
      '@interpreter_needed, @communication_needs, @registered_practice_id, @created_at, @updated_at)',
  );
  const insertReferral = raw.prepare(
    'INSERT INTO referral (patient_id, practice_id, referrer_user_id, details, reasons, urgency, urgency_rank, safeguarding, status, ' +
      'status_changed_at, received_at, last_activity_at, assigned_to_user_id, accepted_at, contact_attempts, redirected_to, outcome) ' +
      'VALUES (@patient_id, @practice_id, @referrer_user_id, @details, @reasons, @urgency, @urgency_rank, @safeguarding, @status, ' +
      '@status_changed_at, @received_at, @last_activity_at, @assigned_to_user_id, @accepted_at, @contact_attempts, @redirected_to, @outcome)',
  );
  const insertReason = raw.prepare('INSERT INTO referral_reason (referral_id, reason) VALUES (?, ?)');
  const insertEvent = raw.prepare('INSERT INTO referral_event (referral_id, at, by_user_id, by_name, kind, status, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertCoding = raw.prepare(
    'INSERT INTO referral_coding (referral_id, code, term, recorded_on, recorded_at, by_user_id, by_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  const family = byRank(FAMILY, rnd);
  const female = byRank(FEMALE, rnd);
  const male = byRank(MALE, rnd);
  const practiceIndex = weighted([0, 1, 2], [45, 33, 22], rnd);
  const ageBand = weighted([[18, 30], [30, 45], [45, 65], [65, 80], [80, 99]] as const, [12, 18, 30, 25, 15], rnd);
  const contactMethod = weighted(['phone', 'text', 'email', 'letter'], [55, 25, 12, 8], rnd);
  const statusByAge = STATUS_BY_AGE.map((band) => ({ underDays: band.underDays, pick: weighted(STATUSES, band.weights, rnd) }));
  const reason = weighted(REASONS, REASON_WEIGHTS, rnd);
  const reasonCount = weighted([1, 2, 3], [55, 33, 12], rnd);
  const urgency = weighted(URGENCIES, [75, 18, 7], rnd);
  const source = weighted(SOURCES, [45, 15, 10, 15, 8, 7], rnd);
  const names = new Map([[team.managerId, 'Pat Manager'], [team.linkWorker.id, team.linkWorker.fullName], [team.otherLinkWorkerId, 'Kim Worker'],
    [team.receptionistId, 'Rita Reception'], [team.clinicianId, 'Dr Amir Khan']]);

  const iso = (ms: number) => new Date(ms).toISOString();
  /** A moment `minDays` to `maxDays` after `from`, but not later than a minute ago (nor before `from`). */
  const after = (from: number, minDays: number, maxDays: number) =>
    Math.max(from, Math.min(from + (minDays + rnd() * (maxDays - minDays)) * DAY, now - 60_000));

  raw.transaction(() => {
    const patientIds: number[] = [];
    const patientPractice: number[] = [];
    for (let i = 0; i < options.patients; i += 1) {
      const p = practiceIndex();
      const patch = PATCHES[p]!;
      const sexRoll = rnd();
      const sex = sexRoll < 0.51 ? 'female' : sexRoll < 0.995 ? 'male' : 'not_known';
      const given = sex === 'female' ? female() : sex === 'male' ? male() : oneOf(rnd() < 0.5 ? FEMALE : MALE, rnd);
      const familyName = family();
      const nicknames = PREFERRED[given];
      const preferred = nicknames && rnd() < 0.25 ? oneOf(nicknames, rnd) : '';
      const [youngest, oldest] = ageBand();
      const born = now - (youngest + rnd() * (oldest - youngest)) * 365.25 * DAY;
      const district = rnd() < 0.9 ? oneOf(patch.districts, rnd) : oneOf(oneOf(PATCHES, rnd).districts, rnd);
      const postcode = `${district} ${1 + Math.floor(rnd() * 9)}${oneOf(INWARD, rnd)}${oneOf(INWARD, rnd)}`;
      const phones = [{ number: `07700900${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`, type: 'mobile', safeForMessage: rnd() < 0.85 }];
      if (rnd() < 0.3) phones.push({ number: `01134960${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`, type: 'home', safeForMessage: true });
      const language = rnd() < 0.88 ? 'English' : oneOf(LANGUAGES, rnd);
      const created = iso(now - (730 + rnd() * 1095) * DAY);
      const { lastInsertRowid } = insertPatient.run({
        nhs_number: nhsNumbers[i]!,
        title: sex === 'female' ? oneOf(['Mrs', 'Ms', 'Miss', ''], rnd) : sex === 'male' ? oneOf(['Mr', 'Mr', ''], rnd) : '',
        given_name: given,
        family_name: familyName,
        preferred_name: preferred,
        family_key: foldName(familyName),
        date_of_birth: iso(born).slice(0, 10),
        sex,
        gender_identity: '',
        address_line1: `${1 + Math.floor(rnd() * 180)} ${oneOf(STREETS, rnd)}`,
        address_line2: rnd() < 0.1 ? `Flat ${1 + Math.floor(rnd() * 20)}` : '',
        town: patch.town,
        postcode,
        phones: JSON.stringify(phones),
        email: rnd() < 0.3 ? `${foldName(given)}.${foldName(familyName)}@example.com` : '',
        preferred_contact_method: contactMethod(),
        preferred_contact_times: rnd() < 0.3 ? oneOf(['Mornings', 'Afternoons', 'Not before 10am', 'After 5pm'], rnd) : '',
        first_language: language,
        interpreter_needed: language !== 'English' && rnd() < 0.4 ? 1 : 0,
        communication_needs: rnd() < 0.04 ? oneOf(['Hard of hearing: text first', 'Large print letters', 'Uses BSL'], rnd) : '',
        registered_practice_id: team.practiceIds[p]!,
        created_at: created,
        updated_at: created,
      });
      patientIds.push(Number(lastInsertRowid));
      patientPractice.push(p);
      summary.patientsPerPractice[p]! += 1;
    }

    for (let i = 0; i < options.referrals; i += 1) {
      const who = Math.floor(rnd() * patientIds.length);
      const p = patientPractice[who]!;
      const practiceId = team.practiceIds[p]!;
      let receivedMs = now - rnd() * 730 * DAY;
      const weekday = new Date(receivedMs).getUTCDay();
      if (weekday === 0 || weekday === 6) receivedMs -= (weekday === 0 ? 2 : 1) * DAY; // the weekend's come in on Friday
      const ageDays = (now - receivedMs) / DAY;
      const status = statusByAge.find((b) => ageDays < b.underDays)!.pick();
      const ended = endStates.includes(status);
      const wasAccepted = ['accepted', 'contacted', 'in_progress', 'closed', 'unable_to_contact'].includes(status) ||
        (status === 'declined' && rnd() < 0.4) || (status === 'redirected' && rnd() < 0.3);
      const acceptedMs = wasAccepted ? after(receivedMs, 0.2, 4) : null;
      const base = acceptedMs ?? receivedMs;
      const changedMs = status === 'received' ? receivedMs
        : status === 'accepted' ? base
          : status === 'contacted' ? after(base, 1, 7)
            : status === 'in_progress' ? after(base, 7, 21)
              : after(base, 3, 120);
      const lastActivityMs = ended ? changedMs : changedMs + rnd() * (now - changedMs);
      const assignee = acceptedMs === null ? null : p === 0 || rnd() < 0.5 ? team.linkWorker.id : team.otherLinkWorkerId;
      const reasons = new Set<Reason>();
      for (let k = reasonCount(); reasons.size < k;) reasons.add(reason());
      const src = source();
      const clinical = src === 'gp' || src === 'nurse' || src === 'other_clinician';
      const referrer = clinical ? team.clinicianId : p === 0 ? team.receptionistId : team.managerId;
      const chosenUrgency = urgency();
      const safeguarding = rnd() < 0.03;
      const details: ReferralDetails = {
        source: src, referralDate: iso(receivedMs).slice(0, 10), reasons: [...reasons],
        reasonOther: reasons.has('other') ? 'Help with a pet while in hospital' : '', whatMatters: oneOf(WHAT_MATTERS, rnd),
        consentGiven: true, consentTakenBy: names.get(referrer)!, consentDate: iso(receivedMs).slice(0, 10), capacity: rnd() < 0.92 ? 'yes' : 'needs_support',
        mdtConsent: rnd() < 0.8, safeguardingConcern: safeguarding, safeguardingDetails: safeguarding ? 'Lives alone; neighbour worried about self-neglect.' : '',
        safeguardingEscalated: false, safeguardingEscalatedTo: '', loneWorkingRisks: rnd() < 0.05 ? 'Large dog at the address' : '',
        urgency: chosenUrgency, otherAgencies: '', longTermConditions: rnd() < 0.4 ? oneOf(['Type 2 diabetes', 'COPD', 'Heart failure', 'Arthritis'], rnd) : '',
        messageBackTo: 'referrer', usualGp: '',
      };
      const { lastInsertRowid } = insertReferral.run({
        patient_id: patientIds[who]!, practice_id: practiceId, referrer_user_id: referrer,
        details: JSON.stringify(details), reasons: JSON.stringify(details.reasons),
        urgency: chosenUrgency, urgency_rank: URGENCY_RANK[chosenUrgency], safeguarding: safeguarding ? 1 : 0,
        status, status_changed_at: iso(changedMs), received_at: iso(receivedMs), last_activity_at: iso(lastActivityMs),
        assigned_to_user_id: assignee, accepted_at: acceptedMs === null ? null : iso(acceptedMs),
        contact_attempts: status === 'unable_to_contact' ? 3 : status === 'received' ? 0 : Math.floor(rnd() * 3),
        redirected_to: status === 'redirected' ? oneOf(REDIRECTED_TO, rnd) : null,
        outcome: ended ? oneOf(OUTCOMES[status]!, rnd) : null,
      });
      const id = Number(lastInsertRowid);
      for (const r of reasons) insertReason.run(id, r);
      summary.reasonRows += reasons.size;

      insertEvent.run(id, iso(receivedMs), referrer, names.get(referrer)!, 'status', 'received', `Referral received (${SOURCE_LABELS[src]})`);
      summary.events += 1;
      if (acceptedMs !== null && assignee !== null) {
        insertEvent.run(id, iso(acceptedMs), assignee, names.get(assignee)!, 'status', 'accepted', `Assigned to ${names.get(assignee)!}`);
        summary.events += 1;
      }
      if (status !== 'received' && status !== 'accepted') {
        const by = assignee ?? team.linkWorker.id;
        insertEvent.run(id, iso(changedMs), by, names.get(by)!, 'status', status, OUTCOMES[status] ? oneOf(OUTCOMES[status], rnd) : 'Spoke to the person; first conversation booked.');
        summary.events += 1;
      }
      // Most accepted referrals have the referral code in the GP record by now; the newest often not yet.
      if (acceptedMs !== null && assignee !== null && rnd() < (ageDays < 14 ? 0.5 : 0.9)) {
        const on = after(acceptedMs, 0, 5);
        insertCoding.run(id, SNOMED.referral.code, SNOMED.referral.term, iso(on).slice(0, 10), iso(on), assignee, names.get(assignee)!);
        summary.codings += 1;
      }
      if (status === 'declined' && rnd() < 0.8) {
        const by = assignee ?? team.linkWorker.id;
        insertCoding.run(id, SNOMED.declined.code, SNOMED.declined.term, iso(changedMs).slice(0, 10), iso(changedMs), by, names.get(by)!);
        summary.codings += 1;
      }
      if (!ended) summary.open += 1;
      if (status === 'received') {
        summary.received += 1;
        if (reasons.has('loneliness')) summary.receivedForLoneliness += 1;
      }
    }
  })();
  return summary;
}
