// attach.test.cjs — browser test of attachments on the case page: a
// prosecutor attaches a PDF through the upload form, sees it listed, and
// downloads it back byte for byte as an attachment (nosniff); an
// executable named .pdf is refused with a message and a way back; an
// analyst sees the list without titles and no download button; the
// auditor finds the download in the trail. Run by run.sh (env KHIPU_URL,
// PW_MODULES, DEMO_PW, CHROMIUM).
'use strict';
const { BASE, PW, check, launch, finish } = require('./lib.cjs');
const fs = require('fs');

const URL = BASE;

async function signIn(page, user) {
	await page.goto(`${URL}/login?lang=en`);
	await page.getByLabel('User name').fill(user);
	await page.getByLabel('Password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

async function signOut(page) {
	await Promise.all([page.waitForURL(/\/login$/), page.getByRole('button', { name: 'Sign out' }).click()]);
}

(async () => {
	const browser = await launch();
	const context = await browser.newContext({ acceptDownloads: true });
	const page = await context.newPage();
	const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% E2E-ATTACH-MARKER\n'),
		Buffer.from([0, 1, 2, 250, 251, 252, 10]), Buffer.from('%%EOF\n')]);
	try {
		await signIn(page, 'demo-prosecutor');
		await page.locator('table tbody tr a').first().click();
		await page.waitForURL(/\/cases\/\d+$/);
		const caseUrl = page.url();
		check(await page.locator('#attachments').isVisible(), 'the case page has an Attachments section');

		await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'atestado.pdf', mimeType: 'application/pdf', buffer: pdf });
		await page.getByLabel('Title', { exact: true }).fill('Atestado policial E2E');
		await Promise.all([page.waitForURL(/\/cases\/\d+#attachments$/), page.locator('#attach').click()]);
		const row = page.locator('table.attachments tbody tr').last();
		check((await row.textContent()).includes('Atestado policial E2E'), 'the attached file is listed with its title');
		check((await row.textContent()).includes('pdf'), 'typed pdf from its content');

		const n = await page.locator('table.attachments tbody tr').count();
		const [resp, dl] = await Promise.all([
			page.waitForResponse((r) => /\/attachments\/\d+$/.test(r.url())),
			page.waitForEvent('download'),
			page.locator(`#download-${n}`).click(),
		]);
		const h = resp.headers();
		check(/^attachment;/.test(h['content-disposition'] || ''), 'the download is Content-Disposition: attachment');
		check(h['x-content-type-options'] === 'nosniff', 'with nosniff');
		check(h['content-type'] === 'application/pdf', 'served as the type taken from the content');
		check(dl.suggestedFilename() === 'atestado.pdf', `saved under its name (${dl.suggestedFilename()})`);
		const got = fs.readFileSync(await dl.path());
		check(Buffer.compare(got, pdf) === 0, 'the download is the file, byte for byte');

		// an executable named .pdf
		await page.goto(caseUrl);
		const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
		await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'informe.pdf', mimeType: 'application/pdf', buffer: elf });
		await Promise.all([page.waitForLoadState(), page.locator('#attach').click()]);
		await page.waitForSelector('[role=alert]');
		check(/executable program/.test(await page.locator('[role=alert]').textContent()),
			'an executable named .pdf is refused, saying why');
		await page.getByRole('link', { name: 'Back to the case' }).click();
		await page.waitForURL(/\/cases\/\d+(#attachments)?$/);
		check(await page.locator('table.attachments tbody tr').count() === n, 'and nothing was attached');
		await signOut(page);

		await signIn(page, 'demo-analyst');
		await page.goto(caseUrl);
		check(await page.locator('table.attachments tbody tr').count() === n, 'an analyst sees the list');
		check(!(await page.content()).includes('Atestado policial E2E'), 'but not the titles');
		check(await page.locator('[id^=download-]').count() === 0, 'and no download button');
		check(await page.locator('#attach').count() === 0, 'nor the upload form');
		await signOut(page);

		await signIn(page, 'demo-auditor');
		await page.goto(`${URL}/audit`);
		check((await page.content()).includes('attachment.read'), 'the auditor sees the download in the trail');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
