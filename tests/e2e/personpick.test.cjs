// personpick.test.cjs — issue 9 on the web: in the new-case form (without
// JavaScript) a victim's row finds a person already registered by name or
// document, offers her by the masked name with her cases, and the case is
// registered with that same person (the persons search shows one person in
// two cases); a namesake of another office is never offered; a name typed
// as well is refused beside its field; axe-core at WCAG 2.1 AA on the form
// with the list, in English and Spanish.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, post, launch, finish } = require('./lib.cjs');

async function signIn(page) {
	await page.goto(`${BASE}/login?lang=en`);
	await page.locator('#username').fill('demo-prosecutor');
	await page.locator('#password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases)?$/), page.locator('form.login button').click()]);
}

async function caseHead(page, number) {
	await page.goto(`${BASE}/cases/new?lang=en`);
	await page.locator('#number').fill(number);
	await page.locator('#complaint_date').fill('2024-04-02');
	await page.locator('#complaint_source').selectOption('police_report');
	await page.locator('#offences').selectOption(['cp_129a']);
}

(async () => {
	const browser = await launch();
	try {
		const noJs = await browser.newContext({ javaScriptEnabled: false });
		const page = await noJs.newPage();
		await signIn(page);
		// a first case with a victim who has a document
		await caseHead(page, '2024-0909-PICK-A');
		await page.locator('#v1_name').fill('Deysi Mamani Ccallo');
		await page.locator('#v1_doc_type').selectOption('dni');
		await page.locator('#v1_doc_number').fill('47112233');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);

		// the second case finds her
		await caseHead(page, '2024-0909-PICK-B');
		await page.locator('#v1_find').fill('Deysi Mamani');
		await post(page, page.getByRole('button', { name: 'Find — Victim 1' }));
		const opts = await page.locator('#v1_person option').allTextContents();
		check(opts.length === 2 && /2024-0909-PICK-A/.test(opts[1]), `she is offered with her case (${opts.join(' | ')})`);
		check(!opts.some((o) => /Deysi Mamani Ccallo/.test(o)), 'by the masked name, never in clear');
		check(await page.locator('#number').inputValue() === '2024-0909-PICK-B', 'the form keeps what was typed');
		check(await page.evaluate(() => document.activeElement.id) === 'v1_person', 'the list has the focus');
		await page.locator('#v1_find').fill('47112233');
		await post(page, page.getByRole('button', { name: 'Find — Victim 1' }));
		check((await page.locator('#v1_person option').allTextContents()).length === 2, 'found by document too');
		await page.locator('#v1_person').selectOption({ index: 1 });

		// axe on the form with the list, both languages (a scripted context)
		const axeCtx = await browser.newContext({ bypassCSP: true });
		const ap = await axeCtx.newPage();
		await signIn(ap);
		await caseHead(ap, '2024-0909-PICK-X');
		await ap.locator('#v1_find').fill('Deysi Mamani');
		await post(ap, ap.getByRole('button', { name: 'Find — Victim 1' }));
		await axe(ap, 'the new-case form with a person found (English)');
		await ap.goto(`${BASE}/cases/new?lang=es`);
		await ap.locator('#v1_find').fill('Deysi Mamani');
		await post(ap, ap.getByRole('button', { name: 'Buscar — Víctima 1' }));
		check(/Ninguna: una persona nueva/.test(await ap.locator('#v1_person').textContent()), 'the list in Spanish');
		await axe(ap, 'the new-case form with a person found (Spanish)');
		await axeCtx.close();

		// a name as well: refused beside the name
		await page.locator('#v1_name').fill('Otra Persona');
		await post(page, page.locator('#register'));
		check(/leave the name and document blank/.test(await page.locator('#v1_name-err').textContent()),
			'a name typed as well is refused beside it');
		await page.locator('#v1_name').fill('');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		check(/registered=1$/.test(page.url()), 'registered with the registered person');

		// one person, two cases
		await page.goto(`${BASE}/persons?lang=en`);
		await page.locator('#by').selectOption('doc');
		await page.locator('#q').fill('47112233');
		await post(page, page.locator('main form[role=search] button'));
		const rows = page.locator('main table tbody tr');
		check(await rows.count() === 1, 'the search finds one person');
		const cases = await rows.first().locator('td').last().textContent();
		check(/PICK-A/.test(cases) && /PICK-B/.test(cases), `in both cases (${cases})`);
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
