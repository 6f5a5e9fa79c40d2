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
 * Regions, counties and nations: naming one points to nobody. (Cities are kept by size, from the
 * gazetteer: see places.ts.)
 */
export const KEPT_REGIONS: ReadonlySet<string> = new Set([
  'england', 'wales', 'scotland', 'northern ireland', 'britain', 'great britain', 'uk', 'united kingdom', 'ireland',
  'yorkshire', 'west yorkshire', 'south yorkshire', 'north yorkshire', 'east yorkshire', 'lancashire', 'cumbria', 'kent', 'essex', 'devon',
  'cornwall', 'somerset', 'dorset', 'norfolk', 'suffolk', 'surrey', 'sussex', 'east sussex', 'west sussex', 'hampshire', 'berkshire',
  'oxfordshire', 'cheshire', 'derbyshire', 'nottinghamshire', 'lincolnshire', 'leicestershire', 'northumberland', 'durham', 'county durham',
  'merseyside', 'greater manchester', 'greater london', 'tyne and wear', 'west midlands', 'east midlands', 'midlands', 'the midlands',
  'east anglia', 'the north', 'north east', 'north west', 'south east', 'south west', 'the lake district', 'the dales', 'yorkshire dales',
  'peak district', 'europe',
]);

/**
 * Villages around the PCN too small for the gazetteer (it lists places of 1,000 people or more).
 * A starting list for a practice to extend; the areas in patients' own addresses count too.
 */
export const BUNDLED_SMALL_PLACES: readonly string[] = [
  'Adel', 'Alwoodley', 'Arthington', 'Bardsey', 'Barwick-in-Elmet', 'Boston Spa', 'Bramham', 'Bramhope', 'Clifford', 'Collingham',
  'East Keswick', 'Harewood', 'Kippax', 'Ledsham', 'Micklefield', 'Pool-in-Wharfedale', 'Scarcroft', 'Shadwell', 'Thorner', 'Thorp Arch',
  'Wothersome', 'Eccup', 'Drighlington', 'Gildersome', 'Calverley', 'Esholt', 'Hawksworth', 'Kirkby Overblow',
  'Little Ouseburn', 'Nun Monkton', 'Saxton', 'Sicklinghall', 'Spofforth', 'Stutton', 'Towton', 'Whixley', 'Wighill',
];

/**
 * First names common in England that the census lists of @zxcvbn-ts/language-en lack (it has
 * women's first names only, and reads John or Mary as everyday words): men's names, and names
 * common in Britain's Irish, Welsh, Scottish, South Asian and Polish families.
 */
export const EXTRA_FIRST_NAMES: ReadonlySet<string> = new Set(`
  john david michael paul andrew mark peter james robert richard stephen steven christopher chris ian gary kevin alan brian keith colin
  derek trevor dennis terry barry nigel graham stuart clive geoff geoffrey neil dave steve simon craig dean jason liam ryan jake kyle shane
  connor callum kieran darren wayne philip phil martin tony anthony kenneth ken roy raymond ronald ron donald frank george harry jacob
  noah charlie thomas tom oscar william leo alfie henry joshua freddie archie ethan isaac alexander joseph edward samuel sam logan lucas
  daniel dan theo arthur harrison benjamin ben mason finley sebastian adam dylan zachary riley teddy theodore elijah toby louie reuben arlo
  hugo luca jude matthew matt luke nathan aaron jordan tyler bradley carl sean patrick declan aidan gareth rhys dafydd owen evan hamish
  fraser angus ewan mohammed muhammad mohammad ahmed ali hassan omar bilal imran tariq yusuf ibrahim hamza zain adil asif rajesh sanjay
  sunil ravi arjun vikram amir piotr tomasz jakub pawel marek krzysztof andrzej lukasz kamil mateusz dominik eric ernest albert alfred
  stanley norman leslie les cyril harold herbert walter wilfred reginald reg sidney sid maurice bernard gordon douglas malcolm kenny
  jimmy billy bobby tommy johnny danny joe jim ted eddie vince reece jayden kai jamie kian ashley
  margaret peggy joan doreen brenda maureen pauline jean irene sheila barbara patricia eileen dorothy betty kathleen susan linda carol
  janet christine karen tracey tracy julie olivia amelia isla ava mia isabella sophia lily freya emily ella rosie evie florence
  charlotte evelyn phoebe sophie alice sienna matilda isabelle harper emilia jessica elsie maya ellie millie layla lucy eva chloe esme
  elizabeth scarlett mila erin luna imogen thea mary anne ann jane sarah rachel rebecca hannah laura emma amy claire nicola gemma kirsty
  stacey jade kayleigh chantelle siobhan niamh ciara aoife bethan cerys morag fiona catriona aisha fatima zainab ayesha priya sunita
  anita nisha shabana nasreen samina yasmin amina maryam zara wendy valerie shirley sandra angela debbie deborah denise diane michelle
  lisa joanne helen elaine lorraine beverley bev jacqueline jackie gillian marion vera edna ethel gladys mavis phyllis hilda winifred ada
  agnes beryl mildred nora norma rita joyce sylvia audrey muriel marjorie lilian lillian olive annie nellie kath kate katie katherine
  catherine gail carole yvonne josephine agnieszka katarzyna magdalena joanna anna
`.split(/\s+/).filter((w) => w !== ''));

/** Titles before a surname: "Mrs Hollings" is a person whatever the surname. */
export const PERSONAL_TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'master', 'madam', 'lady', 'sir']);

/** Words for the people around someone: "her son Gary" is her son, whatever his name. */
export const RELATIONS: ReadonlySet<string> = new Set([
  'son', 'daughter', 'husband', 'wife', 'partner', 'mother', 'father', 'mum', 'mam', 'mom', 'dad', 'brother', 'sister', 'grandson',
  'granddaughter', 'grandchild', 'grandmother', 'grandfather', 'gran', 'grandma', 'grandad', 'granddad', 'nan', 'nana', 'aunt', 'auntie',
  'uncle', 'nephew', 'niece', 'cousin', 'neighbour', 'friend', 'carer', 'boyfriend', 'girlfriend', 'fiancé', 'fiance', 'fiancée',
  'stepson', 'stepdaughter', 'stepmother', 'stepfather', 'son-in-law', 'daughter-in-law', 'mother-in-law', 'father-in-law',
  'sister-in-law', 'brother-in-law', 'child', 'baby', 'lodger', 'landlord', 'landlady', 'colleague', 'pal', 'mate', 'dog', 'cat', 'vicar',
  'twin', 'godson', 'goddaughter', 'flatmate', 'housemate', 'befriender', 'volunteer',
]);

/**
 * Words that may follow a place without being part of its name: after them, "moved from Barnsley
 * two years ago" can become "moved from another town two years ago".
 */
export const PLACE_FOLLOWERS: ReadonlySet<string> = new Set([
  'and', 'or', 'but', 'to', 'in', 'on', 'at', 'with', 'for', 'from', 'by', 'of', 'where', 'when', 'while', 'because', 'since', 'after',
  'before', 'until', 'as', 'so', 'then', 'last', 'next', 'this', 'that', 'every', 'each', 'ago', 'is', 'was', 'are', 'were', 'has', 'had',
  'have', 'will', 'would', 'could', 'can', 'did', 'does', 'do', 'who', 'which', 'a', 'an', 'the', 'two', 'three', 'four', 'five', 'six',
  'years', 'months', 'weeks', 'year', 'month', 'week', 'now', 'too', 'again', 'alone', 'herself', 'himself', 'themselves', 'some', 'many',
  'several', 'once', 'twice', 'most', 'about', 'over', 'into', 'through', 'during', 'recently', 'together', 'there', 'here',
]);

/**
 * The words a sentence about a contact detail is made of ("Her NHS number is … and you can ring her
 * on …"): a sentence of only these and the details themselves is taken out whole.
 */
export const CONTACT_WORDS: ReadonlySet<string> = new Set([
  'her', 'his', 'their', 'its', 'the', 'a', 'an', 'is', 'are', 'was', 'and', 'or', 'but', 'you', 'can', 'could', 'may', 'ring', 'call',
  'phone', 'text', 'email', 'e-mail', 'mail', 'contact', 'reach', 'reached', 'number', 'numbers', 'nhs', 'mobile', 'landline', 'tel',
  'telephone', 'home', 'on', 'at', 'by', 'via', 'to', 'me', 'us', 'him', 'them', 'she', 'he', 'they', 'we', 'i', 'if', 'need', 'needed',
  'please', 'address', 'postcode', 'lives', 'lived', 'live', 'living', 'in', 'of', 'it', 's', 'best', 'way', 'also', 'or', 'is', 'are',
  'either', 'write', 'writes', 'post', 'daytime', 'evening', 'evenings', 'mornings', 'before', 'after', 'pm', 'am', 'whose', 'for', 'and',
]);
