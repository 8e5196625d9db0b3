// web.test.cjs — browser tests of the web application: Debian's chromium
// driven by playwright-core. A prosecutor signs in, registers a case with a
// victim and a suspect (script in a name is shown, never run), reveals an
// identity; an analyst cannot, but opens the statistics dashboard. Run by run.sh (env KHIPU_URL, PW_MODULES).
'use strict';
const { BASE, PW, check, launch, finish } = require('./lib.cjs');

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
	const page = await browser.newPage();
	const violations = [];
	page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
	try {
		await signIn(page, 'demo-prosecutor');
		check(page.url() === `${URL}/`, 'a prosecutor signs in and lands on her start page');
		check(await page.locator('#office-cases table tbody tr').count() > 0, 'it shows the office\'s cases');
		check((await page.locator('h1').textContent()) === 'My cases' &&
			await page.locator('#my-cases table').count() === 0, 'her own cases first: none assigned yet');

		// assign the office's newest case to herself on its page: it heads her start page
		await page.goto(`${URL}/cases?lang=en`);
		await page.locator('table tbody tr a').first().click();
		await page.waitForURL(/\/cases\/\d+$/);
		const mineUrl = page.url();
		const mineNumber = await page.locator('h1').textContent();
		await page.getByLabel('Prosecutor').selectOption('demo-prosecutor');
		await Promise.all([page.waitForURL(mineUrl), page.locator('#assign').click()]);
		check((await page.locator('dl.facts').textContent()).includes('demo-prosecutor'), 'the case page names its assignee');
		await page.goto(`${URL}/`);
		const first = page.locator('#my-cases table tbody tr');
		check(await first.count() === 1 && mineNumber.includes(await first.locator('a').textContent()),
			'the start page lists her case first');
		check(await page.locator('#my-cases').evaluate((e) => e.compareDocumentPosition(document.querySelector('#office-cases')) === 4),
			'before the office\'s other cases');
		// the list filter
		await page.goto(`${URL}/cases?lang=en`);
		await page.getByLabel('Assigned to').selectOption('me');
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL(/assigned_to=me/);
		check(await page.locator('table tbody tr').count() === 1, 'the list filtered by "Assigned to: Me" shows one case');
		check((await page.getByLabel('Assigned to').inputValue()) === 'me', 'and keeps the filter');
		await page.getByLabel('Assigned to').selectOption('nobody');
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL(/assigned_to=nobody/);
		check(!(await page.locator('table').textContent()).includes('demo-prosecutor'), '"Nobody" lists the unassigned ones');
		// a wrong assignee is explained at its form, and nothing changes
		await page.goto(mineUrl);
		await page.locator('#tr-reason').fill('');
		await page.getByLabel('Receiving office').selectOption({ index: 1 });
		await page.locator('#tr-reason').evaluate((e) => e.removeAttribute('required'));
		await page.locator('#transfer').click();
		await page.waitForLoadState();
		check(/reason: missing/.test(await page.locator('#transfer-error').textContent()), 'a transfer without a reason is explained');
		check(violations.length === 0, 'no CSP violation so far');

		await page.goto(`${URL}/cases/new`);
		const evil = 'Rosa <img src=x onerror="window.pwned=1"><script>window.pwned=2</script> Quispe';
		await page.getByLabel('Case number').fill('2024-0777-E2E');
		await page.getByLabel('Complaint date').fill('2024-03-02');
		await page.getByLabel('Complaint source').selectOption('police_report');
		await page.locator('#place_ubigeo').selectOption({ label: 'Madre de Dios' });
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill(evil);
		await page.locator('#v1_doc_type').selectOption('dni');
		await page.locator('#v1_doc_number').fill('70777777');
		await page.locator('#v1_sex').selectOption('female');
		await page.locator('#v1_exploitation').selectOption(['sexual_exploitation']);
		await page.locator('#s1_name').fill('Juan Pérez Huamán');
		await page.locator('#s1_network_roles').selectOption(['recruiter_intermediary']);
		// first a mistake: the form comes back with what was typed
		await page.locator('#e1_stage').selectOption('preliminary_inquiry');
		await page.locator('#e1_date').fill('2024-03-01');   // before the complaint: refused (NCPP order)
		await page.locator('#v1_birth_year').fill('two thousand');
		await page.locator('#register').click();
		await page.waitForLoadState();
		check(await page.locator('#form-error').isVisible(), 'a bad year of birth is explained');
		check(await page.locator('#v1_name').inputValue() === evil, 'the form keeps what was typed');
		check(await page.locator('#e1_date[aria-invalid=true]').count() === 1,
			'an event dated before the complaint is refused here too (the event form\'s rule)');
		check(await page.evaluate(() => document.activeElement.id) === 'v1_birth_year',
			'the first field at fault has the focus');
		await page.locator('#v1_birth_year').fill('2006');
		await page.locator('#e1_date').fill('03/03/2024');
		await Promise.all([page.waitForURL(/\/cases\/\d+(\?.*)?$/), page.locator('#register').click()]);
		const caseUrl = page.url().replace(/\?.*$/, '');
		check(await page.locator('.notice.saved').isVisible(), 'a notice says the case is registered');
		check(/\/cases\/\d+(\?.*)?$/.test(caseUrl), 'the case is registered and opens');
		const masked = await page.locator('td.identity').allTextContents();
		check(masked.length === 2 && masked.every((t) => t.includes('***')), 'victim and suspect are masked');
		check(!(await page.content()).includes('Quispe'), 'no name in clear before the reveal');
		// the preliminary inquiry opened on 2024-03-03: its 60 days are long past
		check((await page.locator('#term').textContent()).includes('334.2') &&
			await page.locator('#term .overdue').isVisible(), 'the case page shows its overdue legal term');
		await page.goto(`${URL}/cases?term=overdue&sort=due`);
		check(await page.locator('a[href="' + caseUrl.replace(/^https?:\/\/[^/]+/, '') + '"]').count() === 1,
			'the case list filters by the legal term');
		await page.goto(caseUrl);

		await Promise.all([page.waitForLoadState(), page.locator('#reveal').click()]);
		await page.waitForSelector('#hide');
		const names = await page.locator('td.identity').allTextContents();
		check(names.includes(evil), 'the reveal shows the victim\'s name, as text');
		check(names.includes('Juan Pérez Huamán'), 'and the suspect\'s');
		check(await page.evaluate(() => window.pwned === undefined), 'markup in a name never runs');
		check(await page.locator('td.identity img').count() === 0, 'nor becomes an element');
		check(violations.length === 0, 'nothing on the page even tried to run (no CSP violation)');

		await page.emulateMedia({ media: 'print' });
		check(await page.locator('header.top').evaluate((e) => getComputedStyle(e).display) === 'none',
			'the printed case has no navigation');
		await page.emulateMedia({ media: 'screen' });
		await page.goto(caseUrl);
		await page.keyboard.press('Tab');
		check(await page.evaluate(() => document.activeElement.className) === 'skip',
			'the first Tab reaches "skip to content"');

		// recording an event is a change: version 2 in the read-only "Historial"
		check(await page.locator('#history li[data-version="1"]').count() === 1,
			'the history starts with the registration');
		await page.locator('#ev-stage').selectOption('formalised_investigation');
		await page.locator('#ev-date').fill('2024-05-02');
		await Promise.all([page.waitForURL(caseUrl), page.getByRole('button', { name: 'Record event' }).click()]);
		const v2 = page.locator('#history li[data-version="2"]');
		check(await v2.count() === 1, 'the event made version 2 in the history');
		check((await v2.textContent()).includes('formalised_investigation'), 'the history names what changed');
		check(!(await page.locator('#history').textContent()).includes('Quispe'), 'the history names nobody in clear');
		check(await page.locator('#history form, #history input').count() === 0, 'the history is read only');
		await signOut(page);

		await signIn(page, 'demo-analyst');
		await page.goto(caseUrl);
		check(await page.locator('#reveal').count() === 0, 'an analyst has no reveal button');
		check(!(await page.content()).includes('Quispe'), 'an analyst sees no name');
		// and cannot reveal by posting the form by hand
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/reveal')),
			page.evaluate((u) => {
				const f = document.createElement('form');
				f.method = 'post';
				f.action = u + '/reveal';
				const c = document.querySelector('input[name=csrf]').cloneNode();
				f.appendChild(c);
				document.body.appendChild(f);
				f.submit();
			}, caseUrl),
		]);
		const status = [resp.status(), await resp.text()];
		await page.waitForLoadState();
		check(status[0] === 403 && !status[1].includes('Quispe'), 'an analyst cannot reveal (403)');

		// the statistics dashboard: reached from the navigation, charts drawn
		await page.goto(`${URL}/cases?lang=en`);
		await Promise.all([page.waitForURL(/\/stats$/), page.getByRole('link', { name: 'Statistics' }).click()]);
		check((await page.locator('h1').textContent()) === 'Statistics', 'an analyst opens the dashboard from the menu');
		const chart = page.locator('#victims_by_year figure.chart svg[role=img]');
		const box = await chart.boundingBox();
		check(box !== null && box.width > 100 && box.height > 20, 'the chart of victims by year is drawn');
		check(await page.locator('#victims_by_year svg rect').count() > 0, 'the chart has bars');
		check(await page.locator('#region_matrix svg').count() === 1, 'the region matrix is drawn');
		const table = page.locator('#victims_by_year table');
		check(await table.isVisible() && (await table.locator('caption').textContent()) === 'Victims by year and sex',
			'the table is beside the chart, with its caption');
		check(await table.locator('tbody th[scope=row]').count() > 0, 'the table has rows');
		const [dl] = await Promise.all([page.waitForEvent('download'),
			page.locator('#victims_by_year a.csv').click()]);
		check(dl.suggestedFilename() === 'khipu-victims_by_year.csv', 'the table downloads as CSV');
		await page.getByLabel('From year').fill('2023');
		await page.getByLabel('To year').fill('2019');
		await page.getByRole('button', { name: 'Filter' }).click();
		check(/range is empty/.test(await page.locator('[role=alert]').textContent()) &&
			(await page.getByLabel('From year').inputValue()) === '2023', 'a bad range is explained, the form kept');
		check(violations.length === 0, 'the dashboard breaks no CSP rule');
		await signOut(page);

		await signIn(page, 'demo-auditor');
		await page.goto(`${URL}/audit`);
		check((await page.content()).includes('identity.reveal_victim'), 'the auditor sees the reveal in the trail');
		check(!(await page.content()).includes('Quispe'), 'the trail names nobody');
		await page.goto(`${URL}/audit?lang=es`);
		check((await page.locator('h1').textContent()) === 'Registro de auditoría', 'the same page in Spanish');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
