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
  'Peggy, aged 72, lives alone near LS6 2QR and had stopped going out after her husband died. ' +
  'Her link worker met her at the practice and together they found the Headingley Community Choir.';
const FIXED =
  'She lives alone and had stopped going out after her husband died. ' +
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
  const patient = (nhsNumber: string, givenName: string, familyName: string, preferredName: string) => ({
    nhsNumber, title: '', givenName, familyName, preferredName, dateOfBirth: '1953-05-02', sex: 'female', genderIdentity: '',
    addressLine1: '14 Beech Grove', addressLine2: '', town: 'Leeds', postcode: 'LS6 2QR', phones: [], email: '',
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
    ids.push(((await rpcOk(host, 'referrals.create', { patient: patient('9990000026', 'Joan', 'Walsh', ''), referral })) as { id: number }).id);
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
      quote: 'I have people to talk to again.',
      outcomes: 'Goals achieved: 1 of 1\nSWEMWBS wellbeing up 6.5 points',
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

describe('the monthly newsletter, from a case story to the e-mail', () => {
  it('lets a link worker write a story whose first draft leaks a name, an age and a postcode, fix it, and send it for approval', async () => {
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
    expect(await page.getByRole('textbox', { name: 'What changed' }).inputValue()).toContain('Services taken up: Headingley Community Choir');

    await page.getByRole('textbox', { name: 'Headline' }).fill('Singing again');
    await text.fill(LEAKY);
    const findings = page.getByRole('region', { name: 'De-identification check' }).or(page.locator('section[aria-labelledby="check-heading"]'));
    await findings.getByText('The person’s name: “Peggy”').waitFor();
    await findings.getByText('An exact age: “aged 72”').waitFor();
    await findings.getByText('A postcode: “LS6 2QR”').waitFor();
    await expect.poll(async () => (await findings.locator('li').allTextContents()).length).toBe(3);
    await checkScreen(page, 'newsletter-02-story-leaks');

    // The suggestion replaces the age where it stands; the rest is rewritten.
    await findings.getByRole('button', { name: 'Change to “in her seventies”' }).click();
    expect(await text.inputValue()).toContain('Peggy, in her seventies, lives alone');
    await text.fill(FIXED);
    await findings.getByText('Nothing found that could identify the person.').waitFor();
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

  it('lets the practice manager approve it', async () => {
    await signIn('pat');
    await goTo('Case stories');
    await page.getByRole('heading', { name: 'Stories to review' }).waitFor();
    await page.getByRole('button', { name: 'Singing again' }).click();
    await page.getByRole('heading', { name: 'Approval' }).waitFor();
    await page.getByText('Nothing found that could identify the person.').waitFor();
    await checkScreen(page, 'newsletter-05-review');
    await page.getByRole('button', { name: 'Approve story' }).click();
    await page.getByText('Story approved: it can now go into an issue.').waitFor();
  });

  it('lets the manager compose the month’s issue beside its preview, finalise it and export all four formats', async () => {
    await goTo('Newsletter');
    await page.getByRole('heading', { name: 'Newsletter', level: 1 }).waitFor();
    await checkScreen(page, 'newsletter-06-issues');
    await page.getByRole('button', { name: 'Start the issue' }).click();
    await page.getByRole('heading', { name: /^Newsletter: / }).waitFor();

    await page.getByLabel('Editorial').fill('Welcome to this month’s issue. Thank you to everyone who referred: here is what your referrals made possible.');
    await page.getByRole('checkbox', { name: /Singing again/ }).check();
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
    await checkScreen(page, 'newsletter-07-composer');

    await page.getByRole('button', { name: 'Finalise issue…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Finalise issue' }).click();
    await page.getByText('Issue finalised. Export it below.').waitFor();

    for (const label of ['E-mail draft for Outlook (.eml)', 'PDF to print', 'Word document (.docx)', 'HTML e-mail (.html)']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      await download.saveAs(join(downloads, download.suggestedFilename()));
      await page.getByText(`${label} made. Open it from your downloads.`).waitFor();
    }
    await checkScreen(page, 'newsletter-08-final');
    const files = readdirSync(downloads).sort();
    expect(files.map((f) => f.split('.').at(-1))).toEqual(['docx', 'eml', 'html', 'pdf']);
  });

  it('makes a PDF whose pages render, and an .eml that parses as MIME with HTML and text parts', async () => {
    const pdf = readdirSync(downloads).find((f) => f.endsWith('.pdf'))!;
    execFileSync('pdftoppm', ['-png', '-r', '60', join(downloads, pdf), join(SCREENSHOTS, 'newsletter-pdf-page')]);
    const pages = readdirSync(SCREENSHOTS).filter((f) => f.startsWith('newsletter-pdf-page'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', join(downloads, pdf), '-'], { encoding: 'utf8' });
    for (const words of ['Social prescribing newsletter', 'This month in numbers', 'Singing again', 'Back at the allotment', 'Service spotlight', '871731000000106', 'fewer than 8']) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/Peggy|LS6 2QR|aged 72/);

    const eml = readFileSync(join(downloads, readdirSync(downloads).find((f) => f.endsWith('.eml'))!));
    expect(eml.toString('utf8')).toMatch(/^X-Unsent: 1\r?$/m);
    const mail = await simpleParser(eml);
    expect(mail.html).toContain('Singing again');
    expect(mail.text).toContain('STORIES OF SUPPORT');
    expect(mail.text).toContain('Singing again');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['image/png']);
    writeFileSync(join(SCREENSHOTS, 'newsletter-email.html'), String(mail.html));

    // The e-mail itself, opened as a page: what a reader sees, checked by axe too.
    const htmlFile = readdirSync(downloads).find((f) => f.endsWith('.html'))!;
    const email = await newPage(browser);
    await email.setViewportSize({ width: 700, height: 900 });
    await email.goto(`file://${join(downloads, htmlFile)}`);
    await checkScreen(email, 'newsletter-09-email');
  });
});
