import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, newPage, SCREENSHOTS } from './support/browser';
import { E2E_NOW, type RunningHost } from './support/devHost';
import { PASSWORD, preparePractice, rpcOk } from './support/practice';
import { closeApp, openApp } from './support/app';

let host: RunningHost;
let browser: Browser;
let page: Page;
const downloads = mkdtempSync(join(tmpdir(), 'newsletter-e2e-'));

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(E2E_NOW));

const LEAKY =
  'Peggy H., aged 72, moved from Barnsley to Belle Isle last summer. Her son Gary visits on Sundays. ' +
  'Her NHS number is 999 000 0018 and you can ring her on 07700 900123. ' +
  'Her link worker met her at the practice and together they found the Headingley Community Choir. She now sings there every week.';
/** What the one-click fixes make of it: every phrase replaced whole, no dangling word. */
const FIXED =
  'The person, in her seventies, moved from another town to another area last summer. Her son visits on Sundays. ' +
  'Her link worker met her at the practice and together they found the Headingley Community Choir. She now sings there every week.';

async function signIn(username: keyof typeof PASSWORD) {
  await page.getByLabel('Username').waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD[username]);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Signpost' }).waitFor();
}

async function goTo(section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section }).click();
}

async function as(username: keyof typeof PASSWORD, work: () => Promise<void>) {
  await rpcOk(host, 'auth.logout');
  await rpcOk(host, 'auth.login', { username, password: PASSWORD[username] });
  await work();
  await rpcOk(host, 'auth.logout');
}

/** Margaret (Peggy) Ellis's case worked to closure by Lee; a second case with an approved story. */
async function prepareCases(): Promise<void> {
  const patient = (nhsNumber: string, givenName: string, familyName: string, preferredName: string, addressLine2 = '') => ({
    nhsNumber, title: '', givenName, familyName, preferredName, dateOfBirth: '1953-05-02', sex: 'female', genderIdentity: '',
    addressLine1: '14 Beech Grove', addressLine2, town: 'Leeds', postcode: 'LS6 2QR', phones: [], email: '',
    preferredContactMethod: 'phone', preferredContactTimes: '', firstLanguage: 'English', interpreterNeeded: false, communicationNeeds: '', registeredPracticeId: 1,
  });
  const referral = {
    source: 'gp', referralDate: today, reasons: ['loneliness', 'mental_wellbeing'], reasonOther: '', whatMatters: 'Getting out of the house and singing again',
    consentGiven: true, consentTakenBy: 'Dr Amir Khan', consentDate: today, capacity: 'yes', mdtConsent: true, safeguardingConcern: false,
    safeguardingDetails: '', safeguardingEscalated: false, safeguardingEscalatedTo: '', loneWorkingRisks: '', urgency: 'routine', otherAgencies: '',
    longTermConditions: '', messageBackTo: 'referrer', usualGp: '',
  };
  const ids: number[] = [];
  let choir = 0;
  await as('pat', async () => {
    ids.push(((await rpcOk(host, 'referrals.create', { patient: patient('9990000018', 'Margaret', 'Ellis', 'Peggy'), referral })) as { id: number }).id);
    ids.push(((await rpcOk(host, 'referrals.create', { patient: patient('9990000026', 'Joan', 'Walsh', '', 'Belle Isle'), referral })) as { id: number }).id);
    choir = ((await rpcOk(host, 'directory.save', { name: 'Headingley Community Choir', organisation: 'Leeds Arts', howToRefer: 'signpost', categories: ['loneliness'], description: 'A friendly choir for all voices: no auditions.', openingTimes: 'Tuesdays 2pm to 4pm', phone: '0113 496 0000' })) as { id: number }).id;
  });
  await as('lee', async () => {
    for (const id of ids) {
      await rpcOk(host, 'referrals.transition', { id, to: 'accepted', reason: '' });
      await rpcOk(host, 'casework.addContact', { referralId: id, at: `${today}T09:00`, type: 'face_to_face', durationMinutes: 45 });
      await rpcOk(host, 'casework.saveGoal', { referralId: id, text: 'Sing in a choir again', progress: 'achieved' });
      const use = (await rpcOk(host, 'directory.recordUse', { referralId: id, serviceId: choir, kind: 'signposted', onDate: today })) as { id: number };
      await rpcOk(host, 'directory.updateUse', { id: use.id, takenUp: true, feedback: '' });
      await rpcOk(host, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'baseline', takenOn: today, answers: [2, 2, 2, 2, 2, 2, 2] });
      await rpcOk(host, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'follow_up', takenOn: today, answers: [4, 4, 3, 4, 3, 3, 3] });
      await rpcOk(host, 'casework.close', { referralId: id, outcomeSummary: 'Sings in the choir every week' });
    }
    const second = (await rpcOk(host, 'stories.save', {
      referralId: ids[1],
      title: 'Back at the allotment',
      text: 'A retired gardener in her sixties had lost touch with friends. With her link worker she joined a community allotment, and now grows vegetables with a group twice a week.',
      // Typed with its own quotation marks, and an arrow: neither may come out doubled or as "->".
      quote: '"I have people to talk to again."',
      outcomes: 'Goals achieved: 1 of 1\nSWEMWBS wellbeing up 6.5 points (14.0 → 20.5)',
    })) as { id: number };
    await rpcOk(host, 'stories.recordConsent', { storyId: second.id, givenOn: today, how: 'written', takenBy: 'Lee Worker', scope: 'pcn' });
    await rpcOk(host, 'stories.submit', { id: second.id });
  });
  await as('pat', async () => {
    const waiting = (await rpcOk(host, 'stories.list', { status: 'submitted' })) as { id: number }[];
    await rpcOk(host, 'stories.approve', { id: waiting[0]!.id });
  });
}

beforeAll(async () => {
  ({ host, browser, page } = await openApp(async (h) => {
    host = h;
    await preparePractice(h);
    await prepareCases();
  }));
  page.setDefaultTimeout(15_000);
});

afterAll(() => closeApp({ host, browser }));

/** The desktop PC the issue was seen on. */
async function desktop() {
  await page.setViewportSize({ width: 1366, height: 768 });
}

function checkPanel() {
  return page.locator('section[aria-labelledby="check-heading"]');
}

async function openStory(title: string) {
  await goTo('Case stories');
  await page.getByRole('heading', { name: 'Case stories', level: 1 }).waitFor();
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

describe('a case story handed from the link worker to the practice manager and back', () => {
  it('lets the link worker fix a first draft that leaks a name, a relative, places and numbers, each with one click that leaves whole sentences, and send it', async () => {
    await desktop();
    await signIn('lee');
    await goTo('Case stories');
    await page.getByRole('heading', { name: 'Case stories', level: 1 }).waitFor();
    await page.getByLabel('Case the story is about').click();
    await page.getByRole('option', { name: /Margaret \(Peggy\) Ellis/ }).click();
    await checkScreen(page, 'newsletter-01-stories');
    await page.getByRole('button', { name: 'Start the story' }).click();
    const text = page.getByRole('textbox', { name: 'The story' });
    await text.waitFor();
    expect(await text.inputValue()).toContain('for support with loneliness and isolation and low mood, anxiety, stress');
    expect(await page.getByRole('textbox', { name: 'What changed' }).inputValue()).toMatch(/SWEMWBS wellbeing up [\d.]+ points \(from [\d.]+ to [\d.]+, better\)/);

    await page.getByRole('textbox', { name: 'Headline' }).fill('Singing again');
    await text.fill(LEAKY);
    const findings = checkPanel();
    for (const found of ['The person’s name: “Peggy H.”', 'An exact age: “aged 72”', 'A town, village or area: “Barnsley”', 'A town, village or area: “Belle Isle”', 'A person’s name: “Gary”', 'An NHS number: “999 000 0018”', 'A phone number: “07700 900123”']) {
      await findings.getByText(found).waitFor();
    }
    await expect.poll(async () => (await findings.locator('li').allTextContents()).length).toBe(7);
    // Each finding is shown in its words, not as character positions.
    await findings.getByText(/^In the story: “….*son Gary visits on.*”$/).waitFor();
    await checkScreen(page, 'newsletter-02-story-leaks');

    for (const fix of ['Change “Peggy H.” to “The person”', 'Change “aged 72” to “in her seventies”', 'Change “from Barnsley” to “from another town”', 'Change “to Belle Isle” to “to another area”', 'Take out “Gary”', 'Take out the sentence']) {
      await findings.getByRole('button', { name: fix }).first().click();
    }
    expect(await text.inputValue()).toBe(FIXED);
    await findings.getByText('No identifiers found by the check; read it once more for anything that could point to the person.').waitFor();
    await page.getByRole('button', { name: 'Save story' }).click();
    await page.getByText('Story saved.').waitFor();

    await page.getByRole('button', { name: 'Record consent…' }).click();
    const consent = page.getByRole('dialog', { name: 'Record consent to use the story' });
    await consent.getByLabel('In writing, on a signed form').check();
    await consent.getByLabel('Who took consent').fill('Lee Worker');
    await consent.getByLabel('Across the Primary Care Network').check();
    await checkScreen(page, 'newsletter-03-consent');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByText('Sent to the practice manager for approval.').waitFor();
    await checkScreen(page, 'newsletter-04-story-sent');
    await signOut();
  });

  it('lets the practice manager return it with a comment on the headline and one on the whole story', async () => {
    await signIn('pat');
    await goTo('Case stories');
    await page.getByRole('heading', { name: 'Stories to review' }).waitFor();
    await page.getByRole('button', { name: 'Singing again' }).click();
    await page.getByRole('heading', { name: 'Approval' }).waitFor();
    await page.getByText('No identifiers found by the check; read it once more for anything that could point to the person.').waitFor();
    await page.getByRole('button', { name: 'Return with comments…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Return the story to the link worker' });
    await dialog.getByRole('combobox', { name: 'Comment 1 is about' }).click();
    await page.getByRole('option', { name: 'Headline' }).click();
    await dialog.getByRole('textbox', { name: 'Comment 1' }).fill('Could the headline say what changed for her?');
    await dialog.getByRole('button', { name: 'Add another comment' }).click();
    await dialog.getByRole('textbox', { name: 'Comment 2' }).fill('Did her son agree to be mentioned?');
    await checkScreen(page, 'newsletter-05-return');
    await dialog.getByRole('button', { name: 'Return story' }).click();
    await page.getByText('Returned to the link worker with your comments.').waitFor();
    await signOut();
  });

  it('shows the link worker both comments, keeps it from going back unanswered, and sends it back once the headline is changed and the other comment has a reply', async () => {
    await signIn('lee');
    await openStory('Singing again');
    const comments = page.getByRole('region', { name: 'Returned to you with comments' });
    await comments.getByText('Could the headline say what changed for her?').waitFor();
    await comments.getByText('Did her son agree to be mentioned?').waitFor();
    await expect.poll(() => comments.getByText('Needs an answer').count()).toBe(2);
    const sendBack = page.getByRole('button', { name: 'Send back for approval' });
    expect(await sendBack.isDisabled()).toBe(true);
    await page.getByText('Answer the comment “Could the headline say what changed for her?”: change “Headline” or reply to it.').waitFor();
    await checkScreen(page, 'newsletter-06-returned');

    await page.getByRole('textbox', { name: 'Headline' }).fill('Singing with the choir again');
    await page.getByRole('button', { name: 'Save story' }).click();
    await page.getByText('Story saved.').waitFor();
    await comments.getByText('Answered by a change').waitFor();
    expect(await sendBack.isDisabled()).toBe(true);
    await comments.getByRole('textbox', { name: 'Your reply to comment 2' }).fill('Yes: he asked to be mentioned, and he is not named.');
    await comments.getByRole('button', { name: 'Send reply to comment 2' }).click();
    await comments.getByText('Replied', { exact: true }).waitFor();
    await sendBack.click();
    await page.getByText('Sent back to the practice manager.').waitFor();
    await signOut();
  });

  it('shows the practice manager what changed since she returned it and the reply, lets her make a small edit of her own, and approve it', async () => {
    await signIn('pat');
    await goTo('Case stories');
    await page.getByRole('heading', { name: 'Stories to review' }).waitFor();
    await page.getByRole('button', { name: 'Singing with the choir again' }).click();
    const changes = page.getByRole('region', { name: 'Changed since you returned it' });
    const headline = changes.getByRole('group', { name: 'Headline, changes since it was returned' });
    await headline.waitFor();
    expect(await headline.locator('ins').allTextContents()).toEqual(['with the choir ']);
    expect(await changes.getByRole('group').count()).toBe(1);
    const comments = page.getByRole('region', { name: 'Comments when it was last returned' });
    await comments.getByText(/^Reply from Lee Worker, .*: Yes: he asked to be mentioned, and he is not named\.$/).waitFor();
    await checkScreen(page, 'newsletter-07-review-changes');

    await page.getByRole('button', { name: 'Edit the wording…' }).click();
    const wording = page.getByRole('form', { name: 'Edit the wording' });
    const story = wording.getByRole('textbox', { name: 'The story' });
    await story.fill((await story.inputValue()).replace('every week', 'every Tuesday'));
    await wording.getByRole('button', { name: 'Save my edits' }).click();
    await page.getByText('Your edits are saved, recorded as yours.').waitFor();
    await page.getByRole('button', { name: 'Approve story' }).click();
    await page.getByText('Story approved: it can now go into an issue.').waitFor();
    await checkScreen(page, 'newsletter-08-approved');
    await signOut();
  });

  it('shows the link worker the story approved, with the manager’s edit in its words and recorded as hers', async () => {
    await signIn('lee');
    await openStory('Singing with the choir again');
    await page.getByText('Approved', { exact: true }).first().waitFor();
    expect(await page.getByRole('textbox', { name: 'The story' }).inputValue()).toContain('She now sings there every Tuesday.');
    await page.getByText(/^Pat Manager edited the wording on .*: The story: changed “week\.” to “Tuesday\.”$/).waitFor();
    const history = page.locator('section[aria-labelledby="history-heading"]');
    await history.getByText(/Pat Manager: edited by the practice manager \(The story: changed “week\.” to “Tuesday\.”\)/).waitFor();
    await history.getByText(/Lee Worker: replied/).waitFor();
    await checkScreen(page, 'newsletter-09-writer-sees-approval');
    await signOut();
  });
});

describe('the monthly newsletter, from approved stories to the e-mail', () => {
  it('opens for the practice manager', async () => {
    await signIn('pat');
  });

  it('lets the manager compose the month’s issue beside its preview, finalise it and export all four formats', async () => {
    await goTo('Newsletter');
    await page.getByRole('heading', { name: 'Newsletter', level: 1 }).waitFor();
    await checkScreen(page, 'newsletter-06-issues');
    await page.getByRole('button', { name: 'Start the issue' }).click();
    await page.getByRole('heading', { name: /^Newsletter: / }).waitFor();

    await page.getByLabel('Editorial').fill('Welcome to this month’s issue. Thank you to everyone who referred: here is what your referrals made possible.');
    await page.getByRole('checkbox', { name: /Singing with the choir again/ }).check();
    await page.getByRole('checkbox', { name: /Back at the allotment/ }).check();
    await page.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option', { name: 'Headingley Community Choir' }).click();
    await page.locator('.MuiMenu-root').waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Link worker' }).click();
    await page.getByRole('option', { name: 'Lee Worker' }).click();
    await page.locator('.MuiMenu-root').waitFor({ state: 'detached' });
    await page.getByLabel('A few words about them').fill('Lee works across both practices and can meet people at home or at the surgery.');
    await page.getByRole('button', { name: 'Add another date' }).click();
    await page.getByLabel('Meeting 1 date').fill(`${Number(today.slice(0, 4)) + 1}-01-13`);
    await page.getByLabel('Meeting 1 place and time').fill('Riverside Surgery, 1pm');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    const preview = page.getByRole('region', { name: 'Preview of the newsletter e-mail' });
    await preview.getByText('Back at the allotment').waitFor();
    await preview.getByText('Riverside Surgery, 1pm').waitFor();
    await checkScreen(page, 'newsletter-10-composer');

    await page.getByRole('button', { name: 'Finalise issue…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Finalise issue' }).click();
    await page.getByText('Issue finalised. Export it below.').waitFor();

    for (const label of ['E-mail draft for Outlook (.eml)', 'PDF to print', 'Word document (.docx)', 'HTML e-mail (.html)']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      await download.saveAs(join(downloads, download.suggestedFilename()));
      await page.getByText(`${label} made. Open it from your downloads.`).waitFor();
    }
    await checkScreen(page, 'newsletter-11-final');
    const files = readdirSync(downloads).sort();
    expect(files.map((f) => f.split('.').at(-1))).toEqual(['docx', 'eml', 'html', 'pdf']);
  });

  it('makes a PDF whose pages render, and an .eml that parses as MIME with HTML and text parts', async () => {
    const pdf = readdirSync(downloads).find((f) => f.endsWith('.pdf'))!;
    execFileSync('pdftoppm', ['-png', '-r', '60', join(downloads, pdf), join(SCREENSHOTS, 'newsletter-pdf-page')]);
    const pages = readdirSync(SCREENSHOTS).filter((f) => f.startsWith('newsletter-pdf-page'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', join(downloads, pdf), '-'], { encoding: 'utf8' });
    for (const words of ['Social prescribing newsletter', 'This month in numbers', 'Singing with the choir again', 'Back at the allotment', 'Service spotlight', '871731000000106', 'fewer than 8', '“I have people to talk to again.”', '(14.0 to 20.5)']) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/Peggy|LS6 2QR|aged 72|Barnsley|Belle Isle|Gary/);
    expect(text).not.toMatch(/->|“"|"”/);

    const eml = readFileSync(join(downloads, readdirSync(downloads).find((f) => f.endsWith('.eml'))!));
    expect(eml.toString('utf8')).toMatch(/^X-Unsent: 1\r?$/m);
    const mail = await simpleParser(eml);
    expect(mail.html).toContain('Singing with the choir again');
    expect(mail.text).toContain('STORIES OF SUPPORT');
    expect(mail.text).toContain('Singing with the choir again');
    expect(mail.text).toContain('“I have people to talk to again.”');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['image/png']);
    writeFileSync(join(SCREENSHOTS, 'newsletter-email.html'), String(mail.html));

    // The e-mail itself, opened as a page: what a reader sees, checked by axe too.
    const htmlFile = readdirSync(downloads).find((f) => f.endsWith('.html'))!;
    const email = await newPage(browser);
    await email.setViewportSize({ width: 700, height: 900 });
    await email.goto(`file://${join(downloads, htmlFile)}`);
    await checkScreen(email, 'newsletter-12-email');
  });

  it('lets the manager correct the issue as a new version, marked as a correction, while the first stays as it was sent', async () => {
    await page.getByRole('button', { name: 'Record as sent' }).click();
    await page.getByText('Recorded as sent.').waitFor();
    await page.getByRole('button', { name: 'Correct as a new version…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Correct the .* issue\?$/ });
    await dialog.getByRole('textbox', { name: 'What the correction changes' }).fill('The spotlight’s opening times were wrong.');
    await dialog.getByRole('button', { name: 'Start the correction' }).click();
    await page.getByRole('heading', { name: /^Newsletter: .*\(correction, version 2\)$/ }).waitFor();
    await page.getByText('A correction (version 2) of the issue already sent, which is kept as it was. What it changes: The spotlight’s opening times were wrong.').waitFor();
    const preview = page.getByRole('region', { name: 'Preview of the newsletter e-mail' });
    await preview.getByText(/Correction \(version 2\): this issue replaces the issue sent on Friday 4 December 2026\./).waitFor();
    await checkScreen(page, 'newsletter-13-correction');
    await page.getByRole('button', { name: 'Finalise issue…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Finalise issue' }).click();
    await page.getByText('Issue finalised. Export it below.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF to print' }).click()]);
    const pdf = join(downloads, download.suggestedFilename());
    await download.saveAs(pdf);
    expect(download.suggestedFilename()).toMatch(/-v2\.pdf$/);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Correction (version 2): this issue replaces the issue sent on Friday 4 December 2026.');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENSHOTS, 'newsletter-correction-pdf-page')]);

    await page.getByRole('button', { name: '← Back to all issues' }).click();
    const table = page.getByRole('table', { name: 'Newsletter issues' });
    await table.getByText('Corrected by a newer version').waitFor();
    await table.getByRole('button', { name: /\(correction, version 2\)$/ }).waitFor();
    await checkScreen(page, 'newsletter-14-issues-after-correction');
  });
});
