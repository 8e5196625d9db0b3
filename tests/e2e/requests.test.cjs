// requests.test.cjs — issue 13 on the web: the liaison adds an international
// request to a case from its page (the form of `khipu mla add`) and follows
// it up (`khipu mla update`): a due date before the date sent is refused
// above the form in the form's words, what was typed kept; the request is
// tied to one of the case's persons; the answer is recorded; /cooperation
// lists it and counts the requests by country with the median days to
// answer; axe-core at WCAG 2.1 AA on the form, the follow-up page and
// /cooperation, in English and Spanish.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, post, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.getByLabel('User name').fill('demo-liaison');
		await page.getByLabel('Password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases|cooperation)?$/),
			page.getByRole('button', { name: 'Sign in' }).click()]);

		// a case of any office: the liaison works on all of them
		await page.goto(`${BASE}/cases?lang=en`);
		const hrefs = await page.locator('main a[href^="/cases/"]').evaluateAll(
			(as) => as.map((a) => a.getAttribute('href')).filter((h) => /^\/cases\/\d+$/.test(h)));
		check(hrefs.length > 0, 'the liaison lists cases');
		const caseUrl = `${BASE}${hrefs[0]}`;
		await page.goto(`${caseUrl}?lang=en`);
		const add = page.locator('#add-request');
		check(await add.count() === 1, 'the case page offers "Add an international request"');
		await Promise.all([page.waitForURL(/\/requests\/new/), add.click()]);
		await axe(page, 'the new request form (English)');

		// a due date before the date sent: refused, in words, what was typed kept
		await page.getByLabel('Direction', { exact: true }).selectOption('outgoing');
		await page.getByLabel('Country', { exact: true }).selectOption('BO');
		await page.getByLabel('Type', { exact: true }).selectOption('mla');
		await page.getByLabel('Reference', { exact: true }).fill('AJ-E2E-0001');
		await page.getByLabel('Date sent', { exact: true }).fill('2024-03-01');
		await page.getByLabel('Due date', { exact: true }).fill('2024-02-01');
		await post(page, page.getByRole('button', { name: 'Add the request' }));
		const said = await page.locator('[role=alert]').first().textContent();
		check(/^Due date: /.test(said) && !/--/.test(said), `the refusal names the due date in words (${said})`);
		check(await page.getByLabel('Date sent', { exact: true }).inputValue() === '2024-03-01' &&
			await page.getByLabel('Reference', { exact: true }).inputValue() === 'AJ-E2E-0001', 'what was typed is kept');

		// the right dates, a person of the case ticked
		await page.getByLabel('Due date', { exact: true }).fill('2024-06-01');
		const persons = page.locator('#rq-persons input[type=checkbox]');
		check(await persons.count() > 0, 'the case\'s persons are offered by id');
		await persons.first().check();
		await page.locator('#rq-assistance input[value=bank_records]').check();
		await Promise.all([page.waitForURL(/\/cases\/\d+(\?[^#]*)?#requests$/),
			page.getByRole('button', { name: 'Add the request' }).click()]);
		const list = await page.locator('ul.requests').textContent();
		check(/AJ-E2E-0001/.test(list), 'the request is on the case page');

		// follow it up: the answer
		const li = page.locator('ul.requests li', { hasText: 'AJ-E2E-0001' });
		await Promise.all([page.waitForURL(/\/requests\/\d+$/), li.getByRole('link', { name: 'follow up' }).click()]);
		await axe(page, 'the follow-up page (English)');
		check(await page.locator('#rq-persons input:checked').count() === 1, 'the person tied is ticked');
		await page.getByLabel('Status', { exact: true }).selectOption('answered');
		await page.getByLabel('Date answered', { exact: true }).fill('2024-04-15');
		await Promise.all([page.waitForURL(/#requests$/), page.getByRole('button', { name: 'Save the request' }).click()]);
		check(/Answered/.test(await page.locator('ul.requests li', { hasText: 'AJ-E2E-0001' }).textContent()),
			'the case page shows it answered');

		// the liaison's page: the list and the figures
		await page.goto(`${BASE}/cooperation?lang=en`);
		check(/AJ-E2E-0001/.test(await page.locator('table.requests').textContent()), '/cooperation lists it');
		const fig = page.locator('#request-figures');
		check(await fig.count() === 1 && /Bolivia/.test(await fig.textContent()),
			'/cooperation counts the requests by country, with the median days to answer');
		await axe(page, '/cooperation (English)');
		await page.goto(`${BASE}/cooperation?lang=es`);
		check(/Mediana de días hasta la respuesta/.test(await page.locator('#request-figures').textContent()),
			'the figures in Spanish');
		await axe(page, '/cooperation (Spanish)');
		await page.goto(`${caseUrl}/requests/new?lang=es`);
		check(await page.getByLabel('Fecha de vencimiento', { exact: true }).count() === 1, 'the form in Spanish');
		await axe(page, 'the new request form (Spanish)');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
