// network.test.cjs — the network page of a case (issue 12): reached from the
// case page, it shows graphviz's drawing, the cases reached as links and the
// table of every node with its measures, masked labels only; the depth links
// change it; axe-core at WCAG 2.1 AA in English and Spanish.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	try {
		const ctx = await browser.newContext({ bypassCSP: true });
		const page = await ctx.newPage();
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases)?$/), page.locator('form.login button').click()]);
		await page.goto(`${BASE}/cases?lang=en`);
		await Promise.all([page.waitForURL(/\/cases\/\d+/),
			page.locator('main table tbody tr a').first().click()]);
		const number = (await page.locator('h1').textContent()).trim();
		await Promise.all([page.waitForURL(/\/network\?case=\d+$/), page.locator('#case-network').click()]);
		check(await page.locator('figure.network svg').count() === 1, 'the drawing is on the page');
		check((await page.locator('h1').textContent()).includes(number.replace(/^Case /, '')),
			`the page names the case (${number})`);
		const rows = await page.locator('table.network tbody tr').count();
		check(rows >= 2, `every node in the table (${rows})`);
		const labels = await page.locator('table.network td.masked').allTextContents();
		check(labels.filter((s) => /^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+ [A-ZÁÉÍÓÚÑ][a-záéíóúñ]+/.test(s)).length === 0,
			'no name in clear');
		await axe(page, 'the network page (English)');
		await Promise.all([page.waitForURL(/depth=1$/), page.getByRole('link', { name: '1 steps' }).click()]);
		check(await page.locator('table.network tbody tr').count() <= rows, 'one step: no more nodes than two');
		await page.goto(page.url().replace(/depth=1$/, 'depth=2') + '&lang=es');
		check(/Red del caso/.test(await page.locator('h1').textContent()), 'the page in Spanish');
		await axe(page, 'the network page (Spanish)');
		await ctx.close();
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
