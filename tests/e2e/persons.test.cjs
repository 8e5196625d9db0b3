// persons.test.cjs — issue 11, persons in the browser: the search results
// show no internal numbers (the masked name is the link), a single word that
// finds nobody says why and what to type instead, a person's phone is shown
// under that person on the case page (not in a list of the case's
// identifiers); the header's search box finds a case by its number and a
// person by name or phone; axe-core on the search page and its results in
// Spanish and English. Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

async function search(page, by, q) {
	await page.locator('#by').selectOption(by);
	await page.locator('#q').fill(q);
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
		page.locator('main form[role=search] button').click()]);
	await page.waitForLoadState();
}

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases)?$/), page.locator('form.login button').click()]);

		// a case whose victim has a phone and whose suspect has one too
		await page.goto(`${BASE}/cases/new`);
		await page.locator('#number').fill('2024-0321-PERSONS');
		await page.locator('#complaint_date').fill('2024-03-21');
		await page.locator('#complaint_source').selectOption('police_report');
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill('Zoila Ccorimanya Huillca');
		await page.locator('#v1_phone').fill('987 654 321');
		await page.locator('#s1_name').fill('Teófilo Quisocala Mamani');
		await page.locator('#s1_phone').fill('951 222 333');
		await page.locator('#i1_kind').selectOption('bank_account');
		await page.locator('#i1_value').fill('191-7654321-0-99');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		const rows = page.locator('main table').first().locator('tbody tr');
		const victim = rows.filter({ hasText: 'Victim' });
		check(/Phone number: /.test(await victim.locator('td.identity').textContent()),
			'the victim\'s phone is shown under the victim');
		check(/Phone number: /.test(await rows.filter({ hasText: 'Suspect' }).locator('td.identity').textContent()),
			'the suspect\'s phone under the suspect');
		const caseIds = await page.locator('h2', { hasText: 'Identifiers of the case' }).count();
		check(caseIds === 1 && /Bank account/.test(await page.locator('main').textContent()),
			'the case\'s own bank account stays under "Identifiers of the case"');
		check(!/987/.test(await page.locator('main').textContent()), 'the phone is masked before a reveal');

		// the search: no internal number anywhere in the results
		await page.goto(`${BASE}/persons?lang=en`);
		await axe(page, 'the person search (English)');
		await search(page, 'name', 'Zoila Ccorimanya');
		const cells = await page.locator('main table tbody tr').first().locator('td').allTextContents();
		check(cells.length === 5, `one row: name, sex, born, nationality, cases (${cells.length} cells)`);
		check(!cells.some((c) => /^\s*\d+\s*$/.test(c)), `no cell is a bare internal number (${cells.join(' | ')})`);
		const link = page.locator('main table tbody tr').first().locator('td').first().locator('a');
		check(/\*/.test(await link.textContent()), 'the masked name is the link to the person');
		await axe(page, 'the search results (English)');
		await Promise.all([page.waitForURL(/\/persons\/\d+$/), link.click()]);
		check(!/Person \d+/.test(await page.locator('h1').textContent()), 'the person\'s page is not titled by a number');

		// one surname alone
		await page.goto(`${BASE}/persons?lang=en`);
		await search(page, 'name', 'Ccorimanya');
		const hint = await page.locator('main p.empty').textContent();
		check(/Nobody found\./.test(hint) && /two or more words/.test(hint),
			'one surname alone that finds nobody says why and what to type');
		await search(page, 'name', 'Nadie Inexistente Jamás');
		check(!/two or more words/.test(await page.locator('main').textContent()),
			'no such hint when two words found nobody');
		await page.goto(`${BASE}/persons?lang=es`);
		await search(page, 'name', 'Ccorimanya');
		check(/dos o más palabras/.test(await page.locator('main p.empty').textContent()), 'the hint in Spanish');
		await axe(page, 'the search with no result (Spanish)');

		// the search box of the header, on every page
		await page.goto(`${BASE}/cases?lang=en`);
		const find = async (q) => {
			await page.locator('#find-q').fill(q);
			await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
				page.locator('form.find button').click()]);
			await page.waitForLoadState();
		};
		await find('2024-0321-PERSONS');
		check(/\/cases\/\d+$/.test(page.url()), 'a whole case number opens the case');
		await find('0321-PERS');
		check(/2024-0321-PERSONS/.test(await page.locator('main table.cases').textContent()),
			'part of a number lists the cases that contain it');
		await find('Zoila Ccorimanya');
		check(await page.locator('main h2', { hasText: 'Persons' }).count() === 1 &&
			/Z\*\*\* C\*\*\*/.test(await page.locator('main').textContent()), 'a name finds the person');
		check(!/Zoila/.test(page.url()), 'what was searched is not in the address');
		await axe(page, 'the search results (English)');
		await find('987654321');
		check(/Victim · 2024-0321-PERSONS/.test(await page.locator('main').textContent()),
			'a phone finds its person');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
