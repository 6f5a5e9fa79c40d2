/**
 * Word lists for the de-identification check. Everything is folded (lower case, no accents).
 */

export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
] as const;

const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** 1–12 for a month's name or its usual abbreviation, else null. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w as (typeof MONTHS)[number]);
  if (full >= 0) return full + 1;
  return MONTH_ABBREVIATIONS[w] ?? null;
}

/** The season a month falls in, as a story would say it. */
export function seasonOf(month: number): string {
  if (month === 12 || month <= 2) return 'winter';
  if (month <= 5) return 'spring';
  if (month <= 8) return 'summer';
  return 'autumn';
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Capitalised words that are never a person's name here: titles, days, months, services' and the NHS's words. */
export const NEVER_NAMES: ReadonlySet<string> = new Set([
  ...MONTHS, ...DAYS, ...Object.keys(MONTH_ABBREVIATIONS),
  'dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'nurse', 'sister', 'rev', 'sir',
  'nhs', 'gp', 'gps', 'pcn', 'icb', 'mdt', 'ons', 'ons4', 'swemwbs', 'ucla', 'covid', 'copd', 'adhd', 'dwp', 'pip', 'esa', 'uc',
  'christmas', 'easter', 'new', 'year', 'english', 'british', 'england', 'uk', 'i', 'signpost', 'link', 'worker', 'social', 'prescribing',
  'citizens', 'advice', 'age', 'council', 'library', 'church', 'choir', 'group', 'club', 'centre', 'center', 'community', 'hospital', 'surgery', 'practice',
]);

/** Titles after which a name is a clinician's or colleague's, not a patient's. */
export const STAFF_TITLES: ReadonlySet<string> = new Set(['dr', 'doctor', 'nurse', 'sister', 'prof', 'professor']);

/**
 * Everyday words that are also people's names. At the start of a sentence, where every word is
 * capitalised, these are read as the everyday word; elsewhere, capitalised, as a name.
 */
export const EVERYDAY_WORDS: ReadonlySet<string> = new Set([
  // sentence openers and function words
  'a', 'about', 'after', 'again', 'all', 'also', 'although', 'an', 'and', 'any', 'as', 'at', 'because', 'before', 'being', 'both', 'but', 'by',
  'during', 'each', 'even', 'every', 'finally', 'for', 'from', 'he', 'her', 'here', 'his', 'how', 'however', 'if', 'in', 'it', 'its', 'just',
  'last', 'later', 'many', 'more', 'most', 'much', 'my', 'never', 'next', 'no', 'not', 'now', 'of', 'on', 'once', 'one', 'only', 'or', 'other',
  'our', 'over', 'she', 'since', 'so', 'some', 'soon', 'still', 'such', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this',
  'those', 'through', 'to', 'today', 'together', 'too', 'two', 'three', 'four', 'five', 'under', 'until', 'up', 'we', 'well', 'what', 'when',
  'where', 'which', 'while', 'who', 'why', 'with', 'within', 'without', 'yes', 'yet', 'you', 'your', 'first', 'second', 'third', 'over',
  'things', 'life', 'home', 'people', 'support', 'help', 'after', 'meeting', 'living', 'working', 'feeling', 'being', 'having', 'getting',
  // everyday words that are also first names or surnames
  'will', 'may', 'june', 'april', 'august', 'hope', 'grace', 'joy', 'faith', 'rose', 'dawn', 'iris', 'ivy', 'holly', 'hazel', 'amber', 'ruby',
  'pearl', 'violet', 'daisy', 'lily', 'poppy', 'heather', 'jasmine', 'summer', 'autumn', 'winter', 'sky', 'river', 'bill', 'mark', 'pat',
  'sue', 'jack', 'frank', 'rich', 'max', 'guy', 'ray', 'art', 'rob', 'bob', 'pip', 'sunny', 'victor', 'earl', 'dean', 'major', 'young',
  'brown', 'white', 'green', 'black', 'grey', 'gray', 'wood', 'woods', 'hall', 'king', 'walker', 'baker', 'cook', 'long', 'short', 'hill',
  'moon', 'bell', 'lane', 'day', 'rice', 'sharp', 'little', 'price', 'shepherd', 'mills', 'fields', 'marsh', 'brook', 'hunt', 'page', 'bird',
  'stone', 'wells', 'rivers', 'waters', 'fox', 'lamb', 'hart', 'law', 'love', 'north', 'south', 'east', 'west', 'english', 'french', 'church',
  'chase', 'cross', 'ford', 'gay', 'good', 'hay', 'head', 'hope', 'kind', 'knight', 'lord', 'mann', 'mason', 'miles', 'moss', 'nash', 'noble',
  'parish', 'potter', 'reed', 'rush', 'sage', 'short', 'smart', 'spring', 'steel', 'swift', 'tanner', 'turner', 'wade', 'ward', 'warren',
  'wise', 'wolf', 'york', 'carter', 'fisher', 'fletcher', 'gardener', 'miller', 'singer', 'taylor', 'thatcher', 'weaver', 'best', 'bright',
  'bishop', 'carpenter', 'chambers', 'cole', 'dale', 'field', 'gold', 'golden', 'hale', 'hardy', 'holmes', 'house', 'lee', 'may', 'new',
  'newman', 'park', 'parks', 'peace', 'pool', 'poole', 'royal', 'sterling', 'storm', 'street', 'summers', 'wall', 'winters', 'worth',
  'able', 'all', 'angel', 'bliss', 'clay', 'coal', 'crane', 'dove', 'drake', 'duke', 'eve', 'fair', 'fly', 'glass', 'hawk', 'heath',
  'jolly', 'joy', 'lucky', 'merry', 'pine', 'prince', 'queen', 'robin', 'sandy', 'shine', 'star', 'sweet', 'sunshine', 'true',
]);

/** Streets, roads and the like: the last word of a street's name. */
export const STREET_WORDS = [
  'Road', 'Rd', 'Street', 'St', 'Avenue', 'Ave', 'Lane', 'Close', 'Drive', 'Way', 'Crescent', 'Grove', 'Terrace', 'Place', 'Court',
  'Gardens', 'Walk', 'Rise', 'Mews', 'Row', 'View', 'Square', 'Parade', 'Green', 'Park', 'Vale', 'Fold', 'Croft', 'Gate', 'Mount', 'Wynd',
  'Chase', 'Bank', 'Hill', 'Approach', 'Boulevard', 'Broadway', 'Yard', 'Villas', 'Cottages',
] as const;

/** Street words that, without a house number, name a street on their own ("lives on Acacia Avenue"). */
export const STREET_WORDS_ALONE = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Crescent', 'Grove', 'Terrace', 'Gardens', 'Mews', 'Parade', 'Villas', 'Cottages'] as const;

/**
 * Cities and large towns: never "small places". A village or ward is picked out by the bundled list
 * below or by having few patients in Signpost's own records.
 */
export const LARGE_PLACES: ReadonlySet<string> = new Set([
  'london', 'birmingham', 'manchester', 'leeds', 'liverpool', 'sheffield', 'bristol', 'newcastle', 'nottingham', 'leicester', 'coventry',
  'bradford', 'hull', 'stoke', 'wolverhampton', 'plymouth', 'derby', 'southampton', 'portsmouth', 'brighton', 'reading', 'york', 'oxford',
  'cambridge', 'norwich', 'exeter', 'bath', 'salford', 'sunderland', 'wakefield', 'huddersfield', 'halifax', 'harrogate', 'doncaster',
  'rotherham', 'barnsley', 'middlesbrough', 'preston', 'blackpool', 'bolton', 'wigan', 'stockport', 'oldham', 'rochdale', 'luton',
  'milton keynes', 'northampton', 'ipswich', 'peterborough', 'gloucester', 'cheltenham', 'swindon', 'bournemouth', 'poole', 'lincoln',
  'carlisle', 'durham', 'chester', 'lancaster', 'worcester', 'hereford', 'canterbury', 'maidstone', 'colchester', 'chelmsford', 'watford',
  'slough', 'crawley', 'guildford', 'winchester', 'salisbury', 'truro', 'taunton', 'telford', 'shrewsbury', 'stafford', 'walsall', 'dudley',
  'sandwell', 'solihull', 'warrington', 'st helens', 'birkenhead', 'southport', 'gateshead', 'darlington', 'scarborough', 'england',
  'yorkshire', 'west yorkshire', 'north yorkshire', 'lancashire', 'cumbria', 'kent', 'essex', 'devon', 'cornwall', 'wales', 'scotland',
]);

/**
 * Villages and wards small enough that naming one narrows a story down to a handful of people.
 * A starting list for a practice to extend; places with few patients in Signpost count too.
 */
export const BUNDLED_SMALL_PLACES: readonly string[] = [
  'Adel', 'Alwoodley', 'Arthington', 'Bardsey', 'Barwick-in-Elmet', 'Boston Spa', 'Bramham', 'Bramhope', 'Clifford', 'Collingham',
  'East Keswick', 'Harewood', 'Kippax', 'Ledsham', 'Micklefield', 'Pool-in-Wharfedale', 'Scarcroft', 'Shadwell', 'Thorner', 'Thorp Arch',
  'Walton', 'Wothersome', 'Eccup', 'Carlton', 'Drighlington', 'Gildersome', 'Calverley', 'Esholt', 'Hawksworth', 'Kirkby Overblow',
  'Little Ouseburn', 'Nun Monkton', 'Saxton', 'Sicklinghall', 'Spofforth', 'Stutton', 'Towton', 'Whixley', 'Wighill', 'Linton',
];

/** Places with fewer patients than this in Signpost's records count as small. */
export const SMALL_PLACE_PATIENTS = 200;
